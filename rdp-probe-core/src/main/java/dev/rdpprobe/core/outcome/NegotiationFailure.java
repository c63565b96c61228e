package dev.rdpprobe.core.outcome;

import java.util.Locale;
import java.util.Optional;

/**
 * The failureCode of an RDP_NEG_FAILURE ([MS-RDPBCGR] 2.2.1.2.2): why the server refused the requested
 * security protocols. An open value: a code the specification does not define is kept as it came
 * ({@link #code()}), with no {@link #reason()}.
 *
 * @param code the raw failureCode
 */
public record NegotiationFailure(int code) {

    /** The failure codes the specification defines. */
    public enum Reason {
        /** 1: the server requires TLS. */
        SSL_REQUIRED_BY_SERVER(1, "the server requires TLS (or, if only CredSSP was requested, supports only TLS)"),
        /** 2: the server only does Standard RDP Security. */
        SSL_NOT_ALLOWED_BY_SERVER(2, "the server only does Standard RDP Security"),
        /** 3: the server has no certificate for TLS. */
        SSL_CERT_NOT_ON_SERVER(3, "the server has no usable certificate for TLS"),
        /** 4: the request contradicts the security already in effect. */
        INCONSISTENT_FLAGS(4, "the requested protocols are inconsistent with the security already in effect"),
        /** 5: the server requires CredSSP (NLA). */
        HYBRID_REQUIRED_BY_SERVER(5, "the server requires CredSSP (Network Level Authentication)"),
        /** 6: the server requires TLS with client-certificate authentication. */
        SSL_WITH_USER_AUTH_REQUIRED_BY_SERVER(6, "the server requires TLS with client-certificate authentication");

        private final int code;
        private final String meaning;

        Reason(int code, String meaning) {
            this.code = code;
            this.meaning = meaning;
        }

        /** The failureCode on the wire. */
        public int code() {
            return code;
        }

        /** What the code means, in a sentence. */
        public String meaning() {
            return meaning;
        }
    }

    /** The failure with a known reason. */
    public static NegotiationFailure of(Reason reason) {
        return new NegotiationFailure(reason.code());
    }

    /** The reason the code stands for; empty for a code the specification does not define. */
    public Optional<Reason> reason() {
        for (Reason r : Reason.values()) {
            if (r.code == code) {
                return Optional.of(r);
            }
        }
        return Optional.empty();
    }

    /** Whether the code is {@code reason}'s. */
    public boolean is(Reason reason) {
        return reason.code == code;
    }

    /** The specification's name of the code, or {@code UNKNOWN_0x0000000A} for an undefined one. */
    public String name() {
        return reason().map(Reason::name).orElseGet(() -> String.format(Locale.ROOT, "UNKNOWN_0x%08X", code));
    }

    /** What the code means, in a sentence. */
    public String meaning() {
        return reason().map(Reason::meaning).orElse("a failure code not in the specification");
    }

    /** E.g. {@code HYBRID_REQUIRED_BY_SERVER(5)}. */
    @Override
    public String toString() {
        return name() + "(" + code + ")";
    }
}
