package dev.rdpprobe.core.target;

import java.util.Locale;
import java.util.Objects;

/**
 * A server certificate the caller trusts by its thumbprint, as rdp-probe's report (and Windows'
 * certificate dialogs) print it: the SHA-1 (40 hex digits) or SHA-256 (64 hex digits) of the
 * certificate's DER encoding. Parsing accepts any case and colons or spaces between the digits.
 */
public final class CertificatePin {

    /** Which hash the thumbprint is. */
    public enum Algorithm {
        /** SHA-1, 20 bytes (what certlm.msc shows as "Thumbprint"). */
        SHA1,
        /** SHA-256, 32 bytes. */
        SHA256
    }

    private final Algorithm algorithm;
    private final String hex;

    private CertificatePin(Algorithm algorithm, String hex) {
        this.algorithm = algorithm;
        this.hex = hex;
    }

    /**
     * Parses a thumbprint.
     *
     * @param text hex digits, optionally separated by colons or spaces, any case
     * @throws IllegalArgumentException if it is not 40 or 64 hex digits
     */
    public static CertificatePin parse(String text) {
        Objects.requireNonNull(text, "thumbprint");
        StringBuilder digits = new StringBuilder(64);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == ':' || c == ' ') {
                continue;
            }
            if (Character.digit(c, 16) < 0 || c > 'f') {
                throw new IllegalArgumentException("a thumbprint is hex digits (colons allowed); found '" + c + "' at index " + i);
            }
            digits.append(Character.toUpperCase(c));
        }
        return switch (digits.length()) {
            case 40 -> new CertificatePin(Algorithm.SHA1, digits.toString());
            case 64 -> new CertificatePin(Algorithm.SHA256, digits.toString());
            default -> throw new IllegalArgumentException("a thumbprint is the SHA-1 (40 hex digits) or SHA-256 (64 hex digits)"
                    + " of the certificate; this one has " + digits.length() + " digits");
        };
    }

    /** The hash. */
    public Algorithm algorithm() {
        return algorithm;
    }

    /** The thumbprint in upper-case hex without separators. */
    public String hex() {
        return hex;
    }

    /**
     * Whether a certificate with these thumbprints is the pinned one.
     *
     * @param sha1Hex its SHA-1 thumbprint in hex (any case), or {@code null}
     * @param sha256Hex its SHA-256 thumbprint in hex (any case), or {@code null}
     */
    public boolean matches(String sha1Hex, String sha256Hex) {
        String candidate = algorithm == Algorithm.SHA1 ? sha1Hex : sha256Hex;
        return candidate != null && candidate.toUpperCase(Locale.ROOT).equals(hex);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CertificatePin p && p.algorithm == algorithm && p.hex.equals(hex);
    }

    @Override
    public int hashCode() {
        return hex.hashCode();
    }

    /** {@code SHA256:AB12…}. */
    @Override
    public String toString() {
        return algorithm + ":" + hex;
    }
}
