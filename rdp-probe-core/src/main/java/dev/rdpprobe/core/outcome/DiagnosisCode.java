package dev.rdpprobe.core.outcome;

/** Stable diagnosis codes. Names are part of the JSON contract: they are only ever added, never renamed. */
public enum DiagnosisCode {
    HEALTHY,
    DNS_FAILED,
    TCP_REFUSED,
    TCP_FILTERED,
    TCP_UNREACHABLE,
    NOT_RDP,
    X224_SILENT,
    X224_CLOSED,
    X224_MALFORMED,
    SERVER_DENIED_CONNECTION,
    NLA_REQUIRED_BY_SERVER,
    SSL_REQUIRED_BY_SERVER,
    SSL_NOT_ALLOWED_BY_SERVER,
    SSL_CERT_NOT_ON_SERVER,
    CLIENT_CERT_REQUIRED,
    NEGOTIATION_REFUSED,
    PROTOCOL_MISMATCH,
    STANDARD_RDP_SECURITY_ONLY,
    TLS_VERSION_MISMATCH,
    TLS_NO_SHARED_CIPHER,
    TLS_CUT,
    TLS_SILENT,
    TLS_ALERT,
    NOT_TLS,
    TLS_ERROR,
    TLS_UNAVAILABLE,
    CERT_EXPIRED,
    CERT_NOT_YET_VALID,
    CREDSSP_CLOSED,
    CREDSSP_SILENT,
    CREDSSP_ERROR,
    CREDSSP_NOT_CREDSSP,
    CLOCK_SKEW,
    UDP_BLOCKED,
    UDP_CLOSED,
    UDP_INVALID,
    LOCAL_ERROR,
    /** TLS alert handshake_failure (40): no common TLS version or no common cipher suite; the alert does not say which. */
    TLS_VERSION_OR_CIPHER_MISMATCH,
    /** The server began its reply to the Connection Request and stopped before the Connection Confirm was complete. */
    X224_STALLED,
    /** The server began the TLS handshake and stopped (or was too slow) before it was complete. */
    TLS_STALLED,
    /** The server began its answer to the first TSRequest and stopped before it was complete. */
    CREDSSP_STALLED,
    /** A phase timed out while the prober's own event loop lagged: the time-out may be the prober's, not the server's. */
    LOCAL_OVERLOAD,
    /** The probe stopped the TLS handshake at a limit of its own (key size, chain length, message size): not a known fault of the server. */
    PROBE_LIMIT_EXCEEDED,
    /** The TLS phase's time ran out while the probe inspected the server's chain, after the server had answered. */
    CERT_INSPECTION_TIMED_OUT,
    /** A certificate of the server's chain could not be (fully) parsed. */
    CERT_UNPARSEABLE,
    /** Nothing listens on the port, and the kernel connected the probe's socket to itself (a target on this machine). */
    TCP_SELF_CONNECTED,
    /** The probing process ran out of file descriptors: too many probes in flight for its open-file limit. */
    OUT_OF_FILE_DESCRIPTORS,
    /** A bug in rdp-probe ended the probe (an exception in its own code, or a probe that lost track of itself). */
    INTERNAL_ERROR,
    /** The server closed or reset the connection (or sent a Disconnect Provider Ultimatum) in answer to the MCS Connect Initial. */
    MCS_CLOSED,
    /** The server sent not one byte in answer to the MCS Connect Initial. */
    MCS_SILENT,
    /** The server began its MCS Connect Response and stopped before it was complete. */
    MCS_STALLED,
    /** The server's MCS Connect Response carried a T.125 result other than rt-successful. */
    MCS_REFUSED,
    /** The server answered the MCS Connect Initial with something that is not a well-formed Connect Response. */
    MCS_MALFORMED,
    /** TCP works, UDP did not answer, and the server's MCS Connect Response offers no UDP: not a blocked path. */
    UDP_NOT_OFFERED,
    /** The server accepted the credential check's credentials and proved it holds the TLS key. */
    CREDENTIALS_ACCEPTED,
    /** Wrong user name or password. */
    CREDENTIALS_REJECTED,
    /** The account is locked out. */
    ACCOUNT_LOCKED_OUT,
    /** The account is disabled. */
    ACCOUNT_DISABLED,
    /** The account has expired. */
    ACCOUNT_EXPIRED,
    /** The password has expired. */
    PASSWORD_EXPIRED,
    /** The password must be changed before the first logon. */
    PASSWORD_MUST_CHANGE,
    /** Logon hours, workstation or logon-type restrictions refuse the account. */
    ACCOUNT_RESTRICTED,
    /** The server's policy refuses NTLM. */
    NTLM_REFUSED,
    /** The server answered the credential check with another error code. */
    CREDENTIALS_SERVER_ERROR,
    /** The server's pubKeyAuth answer is missing or wrong: something in between may terminate TLS. */
    PUBKEYAUTH_INVALID,
    /** The server closed the connection after the AUTHENTICATE, without an error code. */
    CREDSSP_AUTH_CLOSED,
    /** The server did not answer the AUTHENTICATE. */
    CREDSSP_AUTH_SILENT,
    /** Credentials were given, but the server has no NLA: they were not checked, and nothing was sent. */
    CREDENTIALS_NOT_CHECKED_NO_NLA,
    /** Credentials were given, but the certificate is neither trusted nor pinned: nothing was sent. */
    CREDENTIALS_NOT_CHECKED_UNVERIFIED,
    /** Credentials were given, but the check could not run on this side: nothing was sent. */
    CREDENTIALS_NOT_CHECKED_LOCAL
}
