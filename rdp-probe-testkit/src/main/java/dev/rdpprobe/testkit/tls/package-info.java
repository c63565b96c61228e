/**
 * TLS for the test server: certificates minted with bcpkix at test time ({@link
 * dev.rdpprobe.testkit.tls.TestCertificates}), a BouncyCastle server-side handler that can be limited to
 * any TLS version range including TLS 1.0 only ({@link dev.rdpprobe.testkit.tls.TlsServerHandlers}), and
 * raw records for scripted faults ({@link dev.rdpprobe.testkit.tls.TlsRecords}).
 */
package dev.rdpprobe.testkit.tls;
