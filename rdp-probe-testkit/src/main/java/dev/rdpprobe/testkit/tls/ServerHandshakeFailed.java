package dev.rdpprobe.testkit.tls;

/**
 * User event fired by the test server's TLS handler when its side of the handshake failed; the handler
 * then sends its alert (if any) and closes the connection.
 *
 * @param detail BouncyCastle's words
 */
public record ServerHandshakeFailed(String detail) {
}
