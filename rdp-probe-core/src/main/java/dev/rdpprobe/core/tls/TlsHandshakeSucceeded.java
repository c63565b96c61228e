package dev.rdpprobe.core.tls;

import dev.rdpprobe.core.outcome.TlsVersion;
import java.util.List;
import java.util.Objects;

/**
 * User event fired by a {@link TlsProvider} handler when the handshake completed.
 *
 * @param protocolVersion the negotiated version
 * @param cipherSuite IANA name, e.g. TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384
 * @param engine the engine name
 * @param peerChainDer the server's chain, leaf first, DER
 */
public record TlsHandshakeSucceeded(TlsVersion protocolVersion, String cipherSuite, String engine, List<byte[]> peerChainDer) {
    public TlsHandshakeSucceeded {
        Objects.requireNonNull(protocolVersion, "protocolVersion");
        peerChainDer = List.copyOf(peerChainDer);
    }
}
