package dev.rdpprobe.testkit.tls;

import java.util.List;

/**
 * What the test server read in the client's ClientHello, reported before it answers (also for a
 * handshake that then fails on the versions).
 *
 * @param serverName the SNI host name, or {@code null} if the client sent none
 * @param offeredVersions the versions the client offered, JDK names (TLSv1 … TLSv1.3), oldest first;
 *     versions this server does not know (GREASE, DTLS) are left out
 * @param offeredCipherSuites the cipher suites the client offered, in its order, by IANA name
 *     ({@code TLS_AES_128_GCM_SHA256}); a code without a name (GREASE, a private suite) as
 *     {@code 0x} and four hex digits; empty when the hello was refused before its suites were read
 */
public record ClientHelloSeen(String serverName, List<String> offeredVersions, List<String> offeredCipherSuites) {
    /** Copies the lists. */
    public ClientHelloSeen {
        offeredVersions = List.copyOf(offeredVersions);
        offeredCipherSuites = List.copyOf(offeredCipherSuites);
    }

    /** A hello whose cipher suites were not read. */
    public ClientHelloSeen(String serverName, List<String> offeredVersions) {
        this(serverName, offeredVersions, List.of());
    }
}
