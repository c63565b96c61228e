/**
 * TLS engines and certificate inspection for rdp-probe.
 *
 * <p>{@link dev.rdpprobe.tls.RdpTlsProvider} is the public entry point: the core finds it with
 * {@link java.util.ServiceLoader} and asks it for client handlers ("bouncycastle", the default, reaches
 * TLS 1.0 to 1.3 servers with BouncyCastle's low-level non-blocking TLS client and pure-Java crypto;
 * "jdk" uses Netty's SslHandler and obeys the JVM's TLS policy) and for certificate reports. Neither
 * engine changes a security property, registers a provider or otherwise alters JVM-global security state.
 * {@code dev.rdpprobe.tls.internal.BcTlsHandler} is the BouncyCastle non-blocking record pump that the
 * "bouncycastle" client and the test kit's TLS server share (internal; for the test kit only).
 * {@link dev.rdpprobe.tls.TlsLimits} documents what the engines accept from a server (key sizes, chain
 * length, message size) and why; the handshake's computation and the inspection run off the event loop.
 *
 * <p>Tests: this module's tests drive both handlers with scripted bytes on an EmbeddedChannel and check
 * names, sniffing and malformed certificates. End-to-end tests against real TLS servers, and the
 * per-field certificate tests, live in rdp-probe-testkit ({@code dev.rdpprobe.testkit.tls}), because the
 * test server and the certificate minting are testkit classes and the testkit depends on this module.
 */
package dev.rdpprobe.tls;
