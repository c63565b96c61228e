package dev.rdpprobe.core.outcome;

/** Stable codes of findings: problems that did not stop the probe but would stop a real client or worry an admin. */
public enum FindingCode {
    /** The server certificate has expired. */
    CERT_EXPIRED(Severity.CRITICAL),
    /** The server certificate is not valid yet (often a clock problem). */
    CERT_NOT_YET_VALID(Severity.CRITICAL),
    /** The server certificate is self-signed (the default for RDP; clients warn). */
    CERT_SELF_SIGNED(Severity.INFO),
    /** The certificate does not name the host the client connects to. */
    CERT_NAME_MISMATCH(Severity.WARNING),
    /** The certificate key is too small. */
    CERT_WEAK_KEY(Severity.WARNING),
    /** The certificate is signed with SHA-1 or MD5. */
    CERT_WEAK_SIGNATURE(Severity.WARNING),
    /** The certificate's EKU allows neither Server Authentication nor Remote Desktop Authentication. */
    CERT_NO_SERVER_AUTH_EKU(Severity.WARNING),
    /** The chain is not trusted by the JVM's (or the caller's) trust store. */
    CERT_UNTRUSTED(Severity.INFO),
    /** The server accepts nothing above TLS 1.1. */
    TLS_LEGACY_ONLY(Severity.CRITICAL),
    /** The server still accepts TLS 1.0 or 1.1. */
    TLS_LEGACY_ENABLED(Severity.WARNING),
    /** The server accepts connections without Network Level Authentication. */
    NLA_NOT_REQUIRED(Severity.WARNING),
    /** The server accepts Standard RDP Security (no TLS). */
    STANDARD_RDP_SECURITY_ALLOWED(Severity.WARNING),
    /** The server answered the probe's TLS/NLA request by selecting Standard RDP Security. */
    STANDARD_RDP_SECURITY_SELECTED(Severity.WARNING),
    /** The Connection Confirm carried no negotiation data: a legacy server (or one that ignored RDP_NEG_REQ). */
    LEGACY_NEGOTIATION(Severity.WARNING),
    /** The server's clock differs from ours by more than five minutes: NLA and Kerberos break. */
    CLOCK_SKEW(Severity.CRITICAL),
    /** TCP reached X.224, but UDP 3389 did not answer: something drops UDP. */
    UDP_BLOCKED(Severity.WARNING),
    /** The UDP port is closed (ICMP port unreachable): the UDP transport is off on the server. */
    UDP_CLOSED(Severity.INFO),
    /** The name resolved to more than one address; only the first was probed. */
    MULTIPLE_ADDRESSES(Severity.INFO),
    /**
     * A phase timed out while the prober's own event loop lagged by a large part of the phase's limit:
     * the time-out may be the prober's (an overloaded machine, too many probes at once), not the server's.
     */
    LOCAL_OVERLOAD(Severity.WARNING),
    /** A certificate of the chain could not be (fully) parsed; clients are likely to refuse it. */
    CERT_UNPARSEABLE(Severity.CRITICAL),
    /** The server sent something over one of the probe's own limits (a key size, a chain length): not checked, or the probe stopped. */
    PROBE_LIMIT_EXCEEDED(Severity.WARNING),
    /** The enumeration found neither HYBRID nor HYBRID_EX accepted: the server cannot do Network Level Authentication. */
    NLA_NOT_SUPPORTED(Severity.WARNING),
    /** The server accepts TLS and also Standard RDP Security: a man in the middle can downgrade a client to RC4 (rdp-sec-check's SSL_SUPPORTED_BUT_NOT_MANDATED_MITM). */
    TLS_NOT_REQUIRED(Severity.WARNING),
    /** The server accepts Standard RDP Security and neither TLS nor NLA: no server authentication at all (rdp-sec-check's ONLY_RDP_SUPPORTED_MITM). */
    ONLY_STANDARD_RDP_SECURITY(Severity.WARNING),
    /** The server accepts 40- or 56-bit RC4 under Standard RDP Security (rdp-sec-check's WEAK_RDP_ENCRYPTION_SUPPORTED). */
    WEAK_RDP_ENCRYPTION(Severity.WARNING),
    /** The server accepts Standard RDP Security without encryption (rdp-sec-check's NULL_RDP_ENCRYPTION_SUPPORTED). */
    NULL_RDP_ENCRYPTION(Severity.WARNING),
    /** The server accepts FIPS and also weaker RC4 methods (rdp-sec-check's FIPS_SUPPORTED_BUT_NOT_MANDATED). */
    FIPS_NOT_REQUIRED(Severity.INFO),
    /** The Standard RDP Security server key (proprietary certificate) is shorter than 2048 bits. */
    RDP_KEY_WEAK(Severity.WARNING),
    /** TCP works and the MCS Connect Response offers no UDP multitransport: clients stay on TCP by the server's choice, not because UDP is blocked. */
    UDP_NOT_OFFERED(Severity.INFO),
    /** The MCS Connect Response offers UDP multitransport, but the UDP probe got no answer: clients are offered UDP they cannot reach. */
    UDP_OFFERED_BUT_BLOCKED(Severity.WARNING),
    /**
     * The credential check's pubKeyAuth answer was missing or did not match the TLS key the probe saw: the TLS
     * connection may end at something in between (a TLS-terminating proxy or an interceptor), not at the server.
     */
    TLS_TERMINATED_IN_BETWEEN(Severity.CRITICAL),
    /** Credentials were given, but the server has no NLA: a client would type them into the server's logon screen. */
    CREDENTIALS_NOT_CHECKED_NO_NLA(Severity.WARNING);

    private final Severity severity;

    FindingCode(Severity severity) {
        this.severity = severity;
    }

    /** The default severity of this finding. */
    public Severity severity() {
        return severity;
    }
}
