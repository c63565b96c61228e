package dev.rdpprobe.core.tls;

import java.util.List;
import java.util.Objects;

/**
 * What a TLS client handler should offer.
 *
 * @param serverName the target host (used for SNI only when it is a name, never for verification)
 * @param port the target port
 * @param protocols TLS versions to offer, JDK names: TLSv1, TLSv1.1, TLSv1.2, TLSv1.3
 */
public record TlsRequest(String serverName, int port, List<String> protocols) {

    /** Every version an RDP server may speak, oldest first. */
    public static final List<String> ALL_VERSIONS = List.of("TLSv1", "TLSv1.1", "TLSv1.2", "TLSv1.3");

    public TlsRequest {
        Objects.requireNonNull(serverName, "serverName");
        protocols = List.copyOf(protocols);
        if (protocols.isEmpty()) {
            throw new IllegalArgumentException("offer at least one TLS version");
        }
        for (String p : protocols) {
            if (!ALL_VERSIONS.contains(p)) {
                throw new IllegalArgumentException("unknown TLS version '" + p + "'; use " + ALL_VERSIONS);
            }
        }
    }
}
