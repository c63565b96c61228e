package dev.rdpprobe.core.tls;

import java.util.Optional;
import java.util.ServiceLoader;

/**
 * The one hash NTLM needs that the JDK does not offer through its public API: MD4 ([RFC 1320]), from
 * which the NT hash of a password is made ([MS-NLMP] 3.3.1, {@code NTOWFv1}). HMAC-MD5, MD5, RC4 and
 * SHA-256 come from the JDK ({@code javax.crypto} / {@code java.security}).
 *
 * <p>Core has no cryptography library of its own (its dependency rule: Netty and SLF4J only), so MD4 comes
 * from a provider found by {@link ServiceLoader}; {@code rdp-probe-tls}, which already depends on
 * BouncyCastle for TLS, registers one under {@code META-INF/services/dev.rdpprobe.core.tls.Md4Provider}, as it
 * registers its {@link TlsProvider}. Without it a credential check reports that it could not run.
 */
public interface Md4Provider {

    /**
     * The MD4 digest of {@code input}.
     *
     * @param input the bytes to hash (not retained)
     * @return the 16-byte digest, a fresh array the caller owns (and should wipe when it is secret)
     */
    byte[] md4(byte[] input);

    /** The provider on the class path or module path, or empty when there is none (rdp-probe-core alone). */
    static Optional<Md4Provider> installed() {
        return ServiceLoader.load(Md4Provider.class, Md4Provider.class.getClassLoader()).findFirst();
    }
}
