package dev.rdpprobe.core.outcome;

import java.util.Objects;
import java.util.Optional;

/**
 * One run of the encryption-method enumeration: a connection under Standard RDP Security whose Connect
 * Initial offered {@code method} alone, and what the server answered.
 *
 * @param method the method offered
 * @param accepted whether the server answered rt-successful and chose that method
 * @param level the encryption level the server stated in that answer; empty without one
 * @param detail what happened, e.g. "the server chose 40-bit RC4" or "MCS_CONNECT failed: …"
 */
public record EncryptionMethodSupport(EncryptionMethod method, boolean accepted, Optional<EncryptionLevel> level, String detail) {

    public EncryptionMethodSupport {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(level, "level");
        Objects.requireNonNull(detail, "detail");
    }
}
