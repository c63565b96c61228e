package dev.rdpprobe.core.outcome;

import java.time.Duration;

/**
 * What the MS-RDPEUDP probe revealed.
 *
 * @param answered whether a valid SYN+ACK came back
 * @param attempts how many SYN datagrams were sent
 * @param roundTrip time from the SYN that was answered to the SYN+ACK, or {@code null}
 * @param udpVersion uUdpVer the server chose (1, 2, 0x101), or {@code null} if it sent no SYNDATAEX
 * @param upstreamMtu the server's uUpStreamMtu, or {@code null}
 * @param downstreamMtu the server's uDownStreamMtu, or {@code null}
 * @param receiveWindow the server's uReceiveWindowSize, or {@code null}
 */
public record UdpFacts(
        boolean answered,
        int attempts,
        Duration roundTrip,
        Integer udpVersion,
        Integer upstreamMtu,
        Integer downstreamMtu,
        Integer receiveWindow) {
}
