package dev.rdpprobe.core.tls;

import dev.rdpprobe.core.outcome.TlsVersion;
import java.util.List;
import java.util.Objects;

/**
 * What a TLS client handler should offer.
 *
 * @param serverName the target host (used for SNI only when it is a name, never for verification)
 * @param port the target port
 * @param protocols TLS versions to offer (at least one)
 */
public record TlsRequest(String serverName, int port, List<TlsVersion> protocols) {

    public TlsRequest {
        Objects.requireNonNull(serverName, "serverName");
        protocols = List.copyOf(protocols);
        if (protocols.isEmpty()) {
            throw new IllegalArgumentException("offer at least one TLS version");
        }
    }

    /** The JDK's names of the versions to offer, e.g. [TLSv1.2, TLSv1.3]. */
    public List<String> jdkNames() {
        return protocols.stream().map(TlsVersion::jdkName).toList();
    }
}
