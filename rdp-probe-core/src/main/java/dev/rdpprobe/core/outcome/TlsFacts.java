package dev.rdpprobe.core.outcome;

import java.util.List;

/**
 * What the TLS handshake revealed.
 *
 * @param protocolVersion negotiated version, e.g. TLSv1.2
 * @param cipherSuite negotiated cipher suite (IANA name)
 * @param engine the TLS engine that did the handshake, e.g. "bouncycastle" or "jdk"
 * @param chain the server's certificate chain, leaf first (empty if none was captured)
 * @param trusted whether the chain is trusted by the JVM's default trust store or the caller's; {@code null} if not checked
 * @param trustDetail why it is not trusted, or {@code null}
 * @param versions TLS version enumeration, or {@code null} if it was not requested
 */
public record TlsFacts(
        String protocolVersion,
        String cipherSuite,
        String engine,
        List<CertificateReport> chain,
        Boolean trusted,
        String trustDetail,
        List<TlsVersionSupport> versions) {

    public TlsFacts {
        chain = List.copyOf(chain);
        versions = versions == null ? null : List.copyOf(versions);
    }

    /** The server's own certificate, or {@code null}. */
    public CertificateReport leaf() {
        return chain.isEmpty() ? null : chain.get(0);
    }

    /** A copy with the version enumeration attached. */
    public TlsFacts withVersions(List<TlsVersionSupport> versions) {
        return new TlsFacts(protocolVersion, cipherSuite, engine, chain, trusted, trustDetail, versions);
    }
}
