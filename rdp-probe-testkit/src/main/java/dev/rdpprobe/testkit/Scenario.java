package dev.rdpprobe.testkit;

import dev.rdpprobe.core.internal.pdu.x224.NegotiationData;
import dev.rdpprobe.core.internal.pdu.x224.NegotiationFailureCode;
import dev.rdpprobe.core.internal.pdu.x224.SecurityProtocols;
import dev.rdpprobe.testkit.wire.X224Writers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;

/**
 * How the {@link FakeRdpServer} behaves on one connection, phase by phase. Start from a static
 * factory that says what happens at X.224, then add later phases with {@code with…} methods:
 *
 * <pre>{@code
 * Scenario.selecting(SecurityProtocols.SSL)                       // healthy X.224, TLS follows
 * Scenario.refusing(NegotiationFailureCode.HYBRID_REQUIRED_BY_SERVER)
 * Scenario.closingOnConnectionRequest()                           // "socket closed" before any byte
 * Scenario.silentAfterConnectionRequest()                         // TermService hung
 * Scenario.replyingWith("SSH-2.0-OpenSSH_9.6\r\n")                // not RDP on the port
 * }</pre>
 *
 * @param x224 what happens when the Connection Request arrives
 * @param tls what happens when the client starts TLS, or {@code null} to stay silent
 * @param credssp what happens when the client's first TSRequest arrives, or {@code null} to stay silent
 */
public record Scenario(X224Step x224, TlsStep tls, CredSspStep credssp) {

    public Scenario {
        Objects.requireNonNull(x224, "x224");
    }

    /** Only the X.224 behaviour; TLS and CredSSP stay silent. */
    public Scenario(X224Step x224) {
        this(x224, null, null);
    }

    /**
     * A healthy Windows-like server with NLA: selects the best of HYBRID_EX, HYBRID, SSL that the
     * client asks for (refuses a request without them with HYBRID_REQUIRED_BY_SERVER), a TLS 1.0–1.3
     * handshake with a valid localhost certificate, and an NTLM CHALLENGE from a Windows Server 2022
     * workgroup host.
     */
    public static Scenario healthy() {
        return supporting(SecurityProtocols.HYBRID | SecurityProtocols.HYBRID_EX, false)
                .withTls(TlsStep.healthy()).withCredSsp(CredSspStep.challenge());
    }

    /** A healthy TLS-only server (no NLA): selects SSL, handshakes with a valid localhost certificate. */
    public static Scenario healthyTlsOnly() {
        return supporting(SecurityProtocols.SSL, false).withTls(TlsStep.healthy());
    }

    /** This scenario with another TLS behaviour. */
    public Scenario withTls(TlsStep value) {
        return new Scenario(x224, value, credssp);
    }

    /** This scenario with another CredSSP behaviour. */
    public Scenario withCredSsp(CredSspStep value) {
        return new Scenario(x224, tls, value);
    }

    /** Confirm with RDP_NEG_RSP selecting {@code protocol}, whatever was requested. */
    public static Scenario selecting(int protocolBits) {
        return selecting(SecurityProtocols.of(protocolBits));
    }

    /** Confirm with RDP_NEG_RSP selecting {@code protocol}, whatever was requested. */
    public static Scenario selecting(SecurityProtocols protocol) {
        return new Scenario(new X224Step.Confirm(requested -> new NegotiationData.Response(0x1F, protocol), false));
    }

    /**
     * Behave like a server that supports {@code supported} protocols: select the best requested one
     * (HYBRID_EX, HYBRID, SSL, RDSTLS, then Standard RDP Security when allowed), or refuse with the
     * code Windows uses (HYBRID_REQUIRED_BY_SERVER when only NLA is allowed, SSL_REQUIRED_BY_SERVER
     * when RDP was requested but TLS is required, SSL_NOT_ALLOWED_BY_SERVER when only RDP is allowed),
     * then close after a refusal.
     *
     * @param supported the protocols the server accepts; include {@code 0} via {@code allowStandardRdpSecurity}
     * @param allowStandardRdpSecurity whether PROTOCOL_RDP (no TLS) is acceptable
     */
    public static Scenario supporting(int supported, boolean allowStandardRdpSecurity) {
        return new Scenario(new X224Step.Confirm(requested -> choose(requested, supported, allowStandardRdpSecurity), true));
    }

    private static NegotiationData choose(int requested, int supported, boolean rdp) {
        int[] preference = {SecurityProtocols.HYBRID_EX, SecurityProtocols.HYBRID, SecurityProtocols.SSL, SecurityProtocols.RDSTLS};
        for (int p : preference) {
            if ((requested & p) != 0 && (supported & p) != 0) {
                return new NegotiationData.Response(0x1F, SecurityProtocols.of(p));
            }
        }
        if (rdp) {
            return new NegotiationData.Response(0x1F, SecurityProtocols.RDP);
        }
        boolean nlaOnly = (supported & ~(SecurityProtocols.HYBRID | SecurityProtocols.HYBRID_EX)) == 0;
        int code = nlaOnly ? NegotiationFailureCode.HYBRID_REQUIRED_BY_SERVER
                : supported == 0 ? NegotiationFailureCode.SSL_NOT_ALLOWED_BY_SERVER
                : NegotiationFailureCode.SSL_REQUIRED_BY_SERVER;
        return new NegotiationData.Failure(new NegotiationFailureCode(code));
    }

    /** Confirm with RDP_NEG_FAILURE carrying {@code code}, then close (as the spec demands). */
    public static Scenario refusing(int code) {
        NegotiationData failure = new NegotiationData.Failure(new NegotiationFailureCode(code));
        return new Scenario(new X224Step.Confirm(requested -> failure, true));
    }

    /** Confirm with RDP_NEG_FAILURE carrying {@code code}, then keep the socket open and silent (FreeRDP's behaviour). */
    public static Scenario refusingAndStayingOpen(int code) {
        NegotiationData failure = new NegotiationData.Failure(new NegotiationFailureCode(code));
        return new Scenario(new X224Step.Confirm(requested -> failure, false));
    }

    /** Confirm without negotiation data (a legacy server, Standard RDP Security only). */
    public static Scenario legacyConfirm() {
        return new Scenario(new X224Step.Confirm(requested -> null, false));
    }

    /** Close the connection (FIN) when the Connection Request arrives. */
    public static Scenario closingOnConnectionRequest() {
        return new Scenario(new X224Step.Close());
    }

    /** Reset the connection (RST) when the Connection Request arrives. */
    public static Scenario resettingOnConnectionRequest() {
        return new Scenario(new X224Step.Reset());
    }

    /** Read the Connection Request and never answer. */
    public static Scenario silentAfterConnectionRequest() {
        return new Scenario(new X224Step.Silent());
    }

    /** Answer the Connection Request with these raw bytes and stay silent. */
    public static Scenario replyingWith(byte[] bytes) {
        return new Scenario(new X224Step.Raw(bytes, false));
    }

    /** Answer the Connection Request with this text (e.g. an SSH banner) and stay silent. */
    public static Scenario replyingWith(String text) {
        return replyingWith(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    /** Answer with a TPKT header that announces 65535 bytes, send a few, and stall. */
    public static Scenario oversizeTpkt() {
        return replyingWith(new byte[] {0x03, 0x00, (byte) 0xFF, (byte) 0xFF, 0x0E, (byte) 0xD0, 0, 0, 0x12, 0x34, 0});
    }

    /** Answer with a TPKT whose length field is below the minimum of 7. */
    public static Scenario undersizeTpkt() {
        return replyingWith(new byte[] {0x03, 0x00, 0x00, 0x03, 0x00, 0x00, 0x00});
    }

    /**
     * Send only the first {@code bytes} bytes of a valid 19-byte Connection Confirm selecting SSL, then
     * nothing more, keeping the connection open (a server that stalls in the middle of its reply).
     */
    public static Scenario partialConfirm(int bytes) {
        byte[] confirm = confirmBytes(SecurityProtocols.of(SecurityProtocols.SSL));
        if (bytes < 1 || bytes >= confirm.length) {
            throw new IllegalArgumentException("bytes must be 1.." + (confirm.length - 1) + ", was " + bytes);
        }
        return replyingWith(Arrays.copyOf(confirm, bytes));
    }

    /**
     * Send a Connection Confirm selecting {@code protocol} and, in the same write (one segment on
     * loopback), {@code trailing} bytes; then nothing more. With a TLS protocol the trailing bytes are
     * the first bytes the client's TLS engine sees.
     */
    public static Scenario confirmFollowedBy(SecurityProtocols protocol, byte[] trailing) {
        byte[] confirm = confirmBytes(protocol);
        byte[] both = Arrays.copyOf(confirm, confirm.length + trailing.length);
        System.arraycopy(trailing, 0, both, confirm.length, trailing.length);
        return replyingWith(both);
    }

    private static byte[] confirmBytes(SecurityProtocols protocol) {
        return X224Writers.connectionConfirm(0x1234, new NegotiationData.Response(0x1F, protocol));
    }

    /** Send a valid Connection Confirm selecting {@code protocol} one byte at a time, {@code interval} apart. */
    public static Scenario trickling(SecurityProtocols protocol, Duration interval) {
        return new Scenario(new X224Step.Trickle(X224Writers.connectionConfirm(0x1234, new NegotiationData.Response(0, protocol)),
                interval));
    }
}
