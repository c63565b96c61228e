package dev.rdpprobe.tls;

import dev.rdpprobe.core.outcome.Failure;

/**
 * What rdp-probe's TLS engines accept from a server, so that hostile input cannot make a probe spend
 * unbounded time or memory, and why each value fits the servers that exist. A server over a limit is not at
 * fault: the probe reports {@link Failure.ProbeLimitExceeded} (or a finding), which names the limit as the
 * probe's.
 *
 * <ul>
 *   <li><b>RSA keys of at most {@value #MAX_RSA_KEY_BITS} bits.</b> CAs issue 2048 to 4096 bits, a few
 *       deliberate setups use 8192; the JDK and OpenSSL accept up to 16384. The cost that decides is
 *       BouncyCastle's check of a server's RSA modulus (a Miller-Rabin round), measured on one core at about
 *       40 ms for 4096 bits, 160 ms for 8192 and 1.1 to 3.3 s for 16384: a 16384-bit key is refused before
 *       any arithmetic is done with it.</li>
 *   <li><b>RSA public exponents of at most {@value #MAX_RSA_EXPONENT_BITS_ABOVE_3072} bits when the modulus
 *       is above {@value #RSA_SMALL_MODULUS_BITS} bits</b>: the JDK's and OpenSSL's rule (every public-key
 *       operation costs one exponentiation by the exponent). Certificates use 65537 (17 bits).</li>
 *   <li><b>DSA keys of at most {@value #MAX_DSA_KEY_BITS} bits</b>, as for RSA (FIPS 186 stops at 3072).</li>
 *   <li><b>EC fields of at most {@value #MAX_EC_FIELD_BITS} bits</b>, BouncyCastle's own bound (twice P-521's
 *       521 bits): only a certificate that spells out an explicit curve can exceed it.</li>
 *   <li><b>Chains of at most {@value #MAX_CERTIFICATE_CHAIN_LENGTH} certificates</b> (BouncyCastle's and the
 *       JDK's default: 10). A real chain is the server's certificate, one to three intermediates and perhaps
 *       the root or an old cross-signed root: up to 6; servers that send a whole CA bundle send more. The
 *       jdk engine keeps the JDK's limit, a JVM-wide system property
 *       ({@code jdk.tls.maxCertificateChainLength}) that the probe reads but never changes.</li>
 *   <li><b>TLS handshake messages of at most {@value #MAX_HANDSHAKE_MESSAGE_BYTES} bytes</b> (256 KiB;
 *       BouncyCastle's and the JDK's default: 32 KiB). That is Go's bound for a Certificate message, and
 *       holds 16 certificates with 8192-bit keys and the hundreds of names of a multi-host RD deployment.
 *       The message is buffered whole before it is parsed, so this bounds the memory one connection can
 *       demand. The jdk engine keeps the JDK's {@code jdk.tls.maxHandshakeMessageSize}.</li>
 * </ul>
 */
public final class TlsLimits {

    /** RSA modulus bits at most. */
    public static final int MAX_RSA_KEY_BITS = 8192;

    /** RSA moduli above this many bits must have small public exponents (see {@link #MAX_RSA_EXPONENT_BITS_ABOVE_3072}). */
    public static final int RSA_SMALL_MODULUS_BITS = 3072;

    /** Public exponent bits at most for RSA moduli above {@link #RSA_SMALL_MODULUS_BITS}. */
    public static final int MAX_RSA_EXPONENT_BITS_ABOVE_3072 = 64;

    /** DSA p bits at most. */
    public static final int MAX_DSA_KEY_BITS = 8192;

    /** EC field bits at most (explicit curves only; every named curve is smaller). */
    public static final int MAX_EC_FIELD_BITS = 1042;

    /** Certificates in the server's chain at most (bouncycastle engine). */
    public static final int MAX_CERTIFICATE_CHAIN_LENGTH = 16;

    /** Bytes of one TLS handshake message at most (bouncycastle engine). */
    public static final int MAX_HANDSHAKE_MESSAGE_BYTES = 256 * 1024;

    private TlsLimits() {
    }

    /**
     * A key over the limits: what it is ("a 16384-bit RSA key") and what the probe accepts ("RSA keys of
     * at most 8192 bits (rdp-probe's limit)").
     */
    record KeyOverLimit(String key, String limit) {

        /** For {@link dev.rdpprobe.core.outcome.CertificateReport#keyOverProbeLimit()}. */
        String describe() {
            return key + "; the probe accepts " + limit;
        }
    }

    /** The key's excess over the limits, or {@code null} when it is within them (or of a kind they do not cover). */
    static KeyOverLimit check(PublicKeyShape key) {
        boolean rsa = key.type().equals("RSA") || key.type().equals("RSASSA-PSS");
        if (rsa && key.bits() > MAX_RSA_KEY_BITS) {
            return new KeyOverLimit("a " + key.bits() + "-bit " + key.type() + " key",
                    "RSA keys of at most " + MAX_RSA_KEY_BITS + " bits (rdp-probe's limit)");
        }
        if (rsa && key.bits() > RSA_SMALL_MODULUS_BITS && key.exponentBits() > MAX_RSA_EXPONENT_BITS_ABOVE_3072) {
            return new KeyOverLimit("a " + key.bits() + "-bit " + key.type() + " key with a " + key.exponentBits() + "-bit public exponent",
                    "public exponents of at most " + MAX_RSA_EXPONENT_BITS_ABOVE_3072 + " bits for RSA moduli above "
                            + RSA_SMALL_MODULUS_BITS + " bits (the JDK's and OpenSSL's rule, which rdp-probe follows)");
        }
        if (key.type().equals("DSA") && key.bits() > MAX_DSA_KEY_BITS) {
            return new KeyOverLimit("a " + key.bits() + "-bit DSA key", "DSA keys of at most " + MAX_DSA_KEY_BITS + " bits (rdp-probe's limit)");
        }
        if (key.type().equals("EC") && key.bits() > MAX_EC_FIELD_BITS) {
            return new KeyOverLimit("an EC key over a " + key.bits() + "-bit field (explicit curve parameters)",
                    "EC curves over fields of at most " + MAX_EC_FIELD_BITS + " bits (BouncyCastle's bound, which rdp-probe keeps)");
        }
        return null;
    }
}
