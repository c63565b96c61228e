package dev.rdpprobe.core.outcome;

import java.util.Objects;
import java.util.Optional;

/**
 * The server certificate of Standard RDP Security (TS_UD_SC_SEC1, [MS-RDPBCGR] 2.2.1.4.3.1): a proprietary
 * certificate with an RSA key, or an X.509 chain (counted, not parsed).
 *
 * @param kind which of the two, or UNKNOWN
 * @param temporary whether the server marked it temporary (the top bit of dwVersion)
 * @param rsaKeyBits the proprietary certificate's RSA key size in bits; empty otherwise
 * @param publicExponent the proprietary certificate's RSA public exponent; empty otherwise
 * @param chainLength how many certificates the X.509 chain holds (0 for the other kinds)
 * @param chainBytes the X.509 chain's certificate bytes together (0 for the other kinds)
 */
public record RdpServerCertificate(Kind kind, boolean temporary, Optional<Integer> rsaKeyBits, Optional<Long> publicExponent,
        int chainLength, int chainBytes) {

    /** The kind of certificate (dwVersion's low 31 bits). */
    public enum Kind {
        /** CERT_CHAIN_VERSION_1: proprietary, with an RSA public key. */
        PROPRIETARY,
        /** CERT_CHAIN_VERSION_2: an X.509 chain. */
        X509_CHAIN,
        /** Another version. */
        UNKNOWN
    }

    public RdpServerCertificate {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(rsaKeyBits, "rsaKeyBits");
        Objects.requireNonNull(publicExponent, "publicExponent");
    }
}
