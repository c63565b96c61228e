package dev.rdpprobe.core.outcome;

import java.util.Objects;
import java.util.Optional;

/**
 * Whether the server accepted one TLS version (TLS version enumeration).
 *
 * @param version the version offered alone
 * @param accepted whether a handshake limited to this version succeeded
 * @param cipherSuite the cipher suite negotiated at this version, else empty
 * @param detail why it was refused (alert, close …), else empty
 */
public record TlsVersionSupport(TlsVersion version, boolean accepted, Optional<String> cipherSuite, Optional<String> detail) {

    public TlsVersionSupport {
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(cipherSuite, "cipherSuite");
        Objects.requireNonNull(detail, "detail");
    }

    /** A version the server refused, for the reason {@code detail}. */
    public static TlsVersionSupport refused(TlsVersion version, String detail) {
        return new TlsVersionSupport(version, false, Optional.empty(), Optional.of(detail));
    }
}
