package dev.rdpprobe.core.outcome;

/**
 * The phases of the client side of an RDP connection, in wire order.
 *
 * <p>{@link #UDP_TRANSPORT} runs beside the TCP phases (or alone); it never decides the verdict on
 * its own, since clients fall back to TCP.
 */
public enum Phase {
    /** Host name to addresses. */
    RESOLVE,
    /** TCP three-way handshake to the RDP port. */
    TCP_CONNECT,
    /** X.224 Connection Request / Connection Confirm with RDP_NEG_REQ / RDP_NEG_RSP. */
    X224_NEGOTIATION,
    /** TLS on the same TCP connection, right after the Connection Confirm. */
    TLS_HANDSHAKE,
    /** The first CredSSP round trip (TSRequest with NTLM NEGOTIATE, answered by a CHALLENGE). */
    CREDSSP,
    /**
     * The credential check, run only when the caller supplies credentials: the NTLM AUTHENTICATE with the
     * CredSSP {@code pubKeyAuth}, the server's answer, and the check of the server's {@code pubKeyAuth}.
     * It stops there: the credentials themselves ({@code authInfo}, [MS-CSSP] 3.1.5 step 5) are never sent.
     */
    CREDSSP_AUTH,
    /**
     * The MCS Connect Initial / Connect Response of the Basic Settings Exchange: the server's RDP version,
     * Standard RDP Security method, level and key, channels and multitransport offer. Reachable without
     * credentials only for Standard RDP Security (in the clear) and TLS-only (inside TLS); with NLA it
     * follows credential delegation, which rdp-probe never does.
     */
    MCS_CONNECT,
    /** The MS-RDPEUDP SYN / SYN+ACK exchange on the same port over UDP. */
    UDP_TRANSPORT;

    /** Whether this phase is on the TCP path (everything but {@link #UDP_TRANSPORT}). */
    public boolean isTcpPath() {
        return this != UDP_TRANSPORT;
    }
}
