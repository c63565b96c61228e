package dev.rdpprobe.core.outcome;

/**
 * Whether the server accepted one TLS version (TLS version enumeration).
 *
 * @param version TLSv1, TLSv1.1, TLSv1.2 or TLSv1.3
 * @param accepted whether a handshake limited to this version succeeded
 * @param cipherSuite the cipher suite negotiated at this version, or {@code null}
 * @param detail why it was refused (alert, close …), or {@code null}
 */
public record TlsVersionSupport(String version, boolean accepted, String cipherSuite, String detail) {
}
