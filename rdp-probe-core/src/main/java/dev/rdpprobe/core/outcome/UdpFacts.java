package dev.rdpprobe.core.outcome;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

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
 * @param roundTrip time from the last SYN sent before the SYN+ACK to the SYN+ACK; empty without an answer
 * @param roundTripFromSyn which SYN (1 for the first) {@code roundTrip} is measured from; empty when there is
 *     no round trip
 * @param udpVersion uUdpVer the server chose (1, 2, 0x101); empty if it sent no SYNDATAEX
 * @param upstreamMtu the server's uUpStreamMtu; empty without an answer
 * @param downstreamMtu the server's uDownStreamMtu; empty without an answer
 * @param receiveWindow the server's uReceiveWindowSize; empty without an answer
 */
public record UdpFacts(
        boolean answered,
        int attempts,
        Optional<Duration> roundTrip,
        Optional<Integer> roundTripFromSyn,
        Optional<Integer> udpVersion,
        Optional<Integer> upstreamMtu,
        Optional<Integer> downstreamMtu,
        Optional<Integer> receiveWindow) {

    public UdpFacts {
        Objects.requireNonNull(roundTrip, "roundTrip");
        Objects.requireNonNull(roundTripFromSyn, "roundTripFromSyn");
        Objects.requireNonNull(udpVersion, "udpVersion");
        Objects.requireNonNull(upstreamMtu, "upstreamMtu");
        Objects.requireNonNull(downstreamMtu, "downstreamMtu");
        Objects.requireNonNull(receiveWindow, "receiveWindow");
    }

    /**
     * Facts whose round trip, if any, is measured from the last of the {@code attempts} SYNs (the
     * UDP probe stops sending once it is answered, so the last SYN sent is SYN number {@code attempts}).
     * Each value may be {@code null} for "none".
     */
    public static UdpFacts of(boolean answered, int attempts, Duration roundTrip, Integer udpVersion, Integer upstreamMtu,
            Integer downstreamMtu, Integer receiveWindow) {
        return new UdpFacts(answered, attempts, Optional.ofNullable(roundTrip),
                roundTrip == null ? Optional.empty() : Optional.of(attempts), Optional.ofNullable(udpVersion),
                Optional.ofNullable(upstreamMtu), Optional.ofNullable(downstreamMtu), Optional.ofNullable(receiveWindow));
    }

    /** The facts of a probe that sent {@code attempts} SYNs and got no valid answer. */
    public static UdpFacts unanswered(int attempts) {
        return of(false, attempts, null, null, null, null, null);
    }
}
