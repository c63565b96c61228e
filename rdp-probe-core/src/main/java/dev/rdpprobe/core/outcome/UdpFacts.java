package dev.rdpprobe.core.outcome;

import java.time.Duration;

/**
 * What the MS-RDPEUDP probe revealed.
 *
 * <p>Every SYN the probe sends is the same datagram: a retransmission repeats the initial sequence
 * number, which is all a SYN+ACK echoes (its snSourceAck), so an answer cannot be matched to one SYN.
 * The round trip is measured from the last SYN sent before the answer, and {@code roundTripFromSyn}
 * says which one that was: when it is 1 the round trip is exact; above 1 the answer may belong to an
 * earlier SYN, so the round trip is a lower bound (the UDP phase's elapsed time, counted from the
 * first SYN, is the upper bound).
 *
 * @param answered whether a valid SYN+ACK came back
 * @param attempts how many SYN datagrams were sent
 * @param roundTrip time from the last SYN sent before the SYN+ACK to the SYN+ACK, or {@code null}
 * @param roundTripFromSyn which SYN (1 for the first) {@code roundTrip} is measured from, or
 *     {@code null} when there is no round trip
 * @param udpVersion uUdpVer the server chose (1, 2, 0x101), or {@code null} if it sent no SYNDATAEX
 * @param upstreamMtu the server's uUpStreamMtu, or {@code null}
 * @param downstreamMtu the server's uDownStreamMtu, or {@code null}
 * @param receiveWindow the server's uReceiveWindowSize, or {@code null}
 */
public record UdpFacts(
        boolean answered,
        int attempts,
        Duration roundTrip,
        Integer roundTripFromSyn,
        Integer udpVersion,
        Integer upstreamMtu,
        Integer downstreamMtu,
        Integer receiveWindow) {

    /**
     * Facts whose round trip, if any, is measured from the last of the {@code attempts} SYNs (the
     * UDP probe stops sending once it is answered, so the last SYN sent is SYN number {@code attempts}).
     */
    public UdpFacts(boolean answered, int attempts, Duration roundTrip, Integer udpVersion, Integer upstreamMtu,
            Integer downstreamMtu, Integer receiveWindow) {
        this(answered, attempts, roundTrip, roundTrip == null ? null : attempts, udpVersion, upstreamMtu, downstreamMtu,
                receiveWindow);
    }
}
