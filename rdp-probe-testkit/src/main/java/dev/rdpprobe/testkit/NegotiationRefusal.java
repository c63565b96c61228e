package dev.rdpprobe.testkit;

/**
 * The failure code a fake server puts in its RDP_NEG_FAILURE ([MS-RDPBCGR] 2.2.1.2.2), for
 * {@link Scenario#refusing(NegotiationRefusal)}.
 */
public enum NegotiationRefusal {
    /** 1: the server requires TLS (the client asked for Standard RDP Security only). */
    SSL_REQUIRED_BY_SERVER(1),
    /** 2: the server allows Standard RDP Security only. */
    SSL_NOT_ALLOWED_BY_SERVER(2),
    /** 3: the server has no certificate for TLS. */
    SSL_CERT_NOT_ON_SERVER(3),
    /** 4: the request's flags are inconsistent. */
    INCONSISTENT_FLAGS(4),
    /** 5: the server requires NLA (CredSSP). */
    HYBRID_REQUIRED_BY_SERVER(5),
    /** 6: the server requires TLS with user authentication. */
    SSL_WITH_USER_AUTH_REQUIRED_BY_SERVER(6);

    private final int code;

    NegotiationRefusal(int code) {
        this.code = code;
    }

    /** The code on the wire. */
    public int code() {
        return code;
    }
}
