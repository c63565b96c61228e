package dev.rdpprobe.core.internal.pdu.x224;

import java.util.Locale;

/**
 * RDP_NEG_FAILURE.failureCode ([MS-RDPBCGR] 2.2.1.2.2). An open value: unknown codes are kept.
 *
 * @param value the raw code
 */
public record NegotiationFailureCode(int value) {
    public static final int SSL_REQUIRED_BY_SERVER = 1;
    public static final int SSL_NOT_ALLOWED_BY_SERVER = 2;
    public static final int SSL_CERT_NOT_ON_SERVER = 3;
    public static final int INCONSISTENT_FLAGS = 4;
    public static final int HYBRID_REQUIRED_BY_SERVER = 5;
    public static final int SSL_WITH_USER_AUTH_REQUIRED_BY_SERVER = 6;

    /** The spec's name for the code, or {@code UNKNOWN_0x..}. */
    public String name() {
        switch (value) {
            case SSL_REQUIRED_BY_SERVER: return "SSL_REQUIRED_BY_SERVER";
            case SSL_NOT_ALLOWED_BY_SERVER: return "SSL_NOT_ALLOWED_BY_SERVER";
            case SSL_CERT_NOT_ON_SERVER: return "SSL_CERT_NOT_ON_SERVER";
            case INCONSISTENT_FLAGS: return "INCONSISTENT_FLAGS";
            case HYBRID_REQUIRED_BY_SERVER: return "HYBRID_REQUIRED_BY_SERVER";
            case SSL_WITH_USER_AUTH_REQUIRED_BY_SERVER: return "SSL_WITH_USER_AUTH_REQUIRED_BY_SERVER";
            default: return String.format(Locale.ROOT, "UNKNOWN_0x%08X", value);
        }
    }

    /** What the code means, in a sentence. */
    public String meaning() {
        switch (value) {
            case SSL_REQUIRED_BY_SERVER: return "the server requires TLS (or, if only CredSSP was requested, supports only TLS)";
            case SSL_NOT_ALLOWED_BY_SERVER: return "the server only does Standard RDP Security";
            case SSL_CERT_NOT_ON_SERVER: return "the server has no usable certificate for TLS";
            case INCONSISTENT_FLAGS: return "the requested protocols are inconsistent with the security already in effect";
            case HYBRID_REQUIRED_BY_SERVER: return "the server requires CredSSP (Network Level Authentication)";
            case SSL_WITH_USER_AUTH_REQUIRED_BY_SERVER: return "the server requires TLS with client-certificate authentication";
            default: return "a failure code not in the specification";
        }
    }

    @Override
    public String toString() {
        return name() + "(" + value + ")";
    }
}
