package dev.rdpprobe.core.tls;

import java.util.List;

/**
 * User event fired by a {@link TlsProvider} handler when the handshake completed.
 *
 * @param protocolVersion e.g. TLSv1.2
 * @param cipherSuite IANA name, e.g. TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384
 * @param engine the engine name
 * @param peerChainDer the server's chain, leaf first, DER
 */
public record TlsHandshakeSucceeded(String protocolVersion, String cipherSuite, String engine, List<byte[]> peerChainDer) {
    public TlsHandshakeSucceeded {
        peerChainDer = List.copyOf(peerChainDer);
    }
}
