package dev.rdpprobe.testkit.tls;

import java.util.List;

/**
 * What the test server read in the client's ClientHello, reported before it answers (also for a
 * handshake that then fails on the versions).
 *
 * @param serverName the SNI host name, or {@code null} if the client sent none
 * @param offeredVersions the versions the client offered, JDK names (TLSv1 … TLSv1.3), oldest first;
 *     versions this server does not know (GREASE, DTLS) are left out
 */
public record ClientHelloSeen(String serverName, List<String> offeredVersions) {
    /** Copies the list. */
    public ClientHelloSeen {
        offeredVersions = List.copyOf(offeredVersions);
    }
}
