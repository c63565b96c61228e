package dev.rdpprobe.testkit.tls;

/**
 * User event fired by the test server's TLS handler when its side of the handshake completed.
 *
 * @param protocolVersion negotiated version, JDK names: TLSv1, TLSv1.1, TLSv1.2, TLSv1.3
 * @param cipherSuite negotiated suite's code point, e.g. 0x1301
 */
public record ServerHandshakeCompleted(String protocolVersion, int cipherSuite) {
}
