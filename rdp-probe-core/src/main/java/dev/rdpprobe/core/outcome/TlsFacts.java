package dev.rdpprobe.core.outcome;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What the TLS handshake revealed.
 *
 * @param protocolVersion the negotiated version; empty only when the handshake failed and the facts carry just
 *     the version enumeration
 * @param cipherSuite negotiated cipher suite (IANA name); empty as {@code protocolVersion}
 * @param engine the TLS engine that did the handshake, e.g. "bouncycastle" or "jdk"
 * @param chain the server's certificate chain, leaf first (empty if none was captured)
 * @param trusted whether the chain is trusted by the JVM's default trust store or the caller's; empty if not checked
 * @param trustDetail why it is not trusted, else empty
 * @param versions TLS version enumeration; empty if it was not requested
 */
public record TlsFacts(
        Optional<TlsVersion> protocolVersion,
        Optional<String> cipherSuite,
        String engine,
        List<CertificateReport> chain,
        Optional<Boolean> trusted,
        Optional<String> trustDetail,
        Optional<List<TlsVersionSupport>> versions) {

    public TlsFacts {
        Objects.requireNonNull(protocolVersion, "protocolVersion");
        Objects.requireNonNull(cipherSuite, "cipherSuite");
        Objects.requireNonNull(trusted, "trusted");
        Objects.requireNonNull(trustDetail, "trustDetail");
        chain = List.copyOf(chain);
        versions = versions.map(List::copyOf);
    }

    /** The facts of a completed handshake, before any version enumeration. */
    public static TlsFacts handshake(TlsVersion protocolVersion, String cipherSuite, String engine, List<CertificateReport> chain,
            Boolean trusted, String trustDetail) {
        return new TlsFacts(Optional.of(protocolVersion), Optional.ofNullable(cipherSuite), engine, chain,
                Optional.ofNullable(trusted), Optional.ofNullable(trustDetail), Optional.empty());
    }

    /** The facts of a handshake that failed, carrying only the engine (a version enumeration is attached later). */
    public static TlsFacts failedHandshake(String engine) {
        return new TlsFacts(Optional.empty(), Optional.empty(), engine, List.of(), Optional.empty(), Optional.empty(),
                Optional.empty());
    }

    /** The server's own certificate; empty when no chain was captured. */
    public Optional<CertificateReport> leaf() {
        return chain.isEmpty() ? Optional.empty() : Optional.of(chain.get(0));
    }

    /** A copy with the version enumeration attached. */
    public TlsFacts withVersions(List<TlsVersionSupport> versions) {
        return new TlsFacts(protocolVersion, cipherSuite, engine, chain, trusted, trustDetail, Optional.of(versions));
    }
}
