package dev.rdpprobe.core.internal.udp;

import dev.rdpprobe.core.internal.pdu.rdpeudp.CorrelationIdPayload;
import dev.rdpprobe.core.internal.pdu.rdpeudp.SynDataExPayload;
import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;

/**
 * How the MS-RDPEUDP probe sends its SYN.
 *
 * @param attempts how many SYN datagrams to send before giving up, 1..10 (the spec lets an endpoint give up
 *     after 3 to 5 unanswered handshake datagrams)
 * @param initialRetransmit how long to wait after the first SYN; each later wait doubles
 * @param offeredVersion the RDPEUDP version offered in SYNDATAEX: 1 or 2, or 0 to send no SYNDATAEX. Version 3
 *     needs a cookie hash from an authenticated TCP session and is refused.
 * @param correlationIdOrNull a 16-byte correlation id obeying [MS-RDPEUDP] 2.2.2.8 (copied in and out), or
 *     {@code null} to send none
 */
public record UdpProbeConfig(int attempts, Duration initialRetransmit, int offeredVersion, byte[] correlationIdOrNull) {

    /** 3 attempts, 500 ms then doubling (500, 1000, 2000 ms: 3.5 s in all), version 2 offered, no correlation id. */
    public static final UdpProbeConfig DEFAULTS = new UdpProbeConfig(3, Duration.ofMillis(500), 2, null);

    /**
     * @throws IllegalArgumentException naming what to fix: attempts outside 1..10, a non-positive or over-a-minute
     *     retransmit, a version other than 0, 1, 2 (3 explained), or a correlation id that breaks the spec's rules
     */
    public UdpProbeConfig {
        if (attempts < 1 || attempts > 10) {
            throw new IllegalArgumentException("attempts " + attempts + " is out of range; use 1..10");
        }
        Objects.requireNonNull(initialRetransmit, "initialRetransmit must not be null");
        if (initialRetransmit.isNegative() || initialRetransmit.isZero()) {
            throw new IllegalArgumentException("initialRetransmit must be positive, was " + initialRetransmit);
        }
        if (initialRetransmit.compareTo(Duration.ofMinutes(1)) > 0) {
            throw new IllegalArgumentException("initialRetransmit of " + initialRetransmit + " is over a minute");
        }
        if (offeredVersion != 0) {
            SynDataExPayload.offer(offeredVersion); // explains why 3 is refused
        }
        if (correlationIdOrNull != null) {
            CorrelationIdPayload.checkSpecRules(correlationIdOrNull);
            correlationIdOrNull = correlationIdOrNull.clone();
        }
    }

    /** The correlation id (a copy), or {@code null}. */
    @Override
    public byte[] correlationIdOrNull() {
        return correlationIdOrNull == null ? null : correlationIdOrNull.clone();
    }

    /** This config with another number of attempts. */
    public UdpProbeConfig withAttempts(int value) {
        return new UdpProbeConfig(value, initialRetransmit, offeredVersion, correlationIdOrNull);
    }

    /** This config with another initial retransmit wait. */
    public UdpProbeConfig withInitialRetransmit(Duration value) {
        return new UdpProbeConfig(attempts, value, offeredVersion, correlationIdOrNull);
    }

    /** This config offering another version (0, 1 or 2). */
    public UdpProbeConfig withOfferedVersion(int value) {
        return new UdpProbeConfig(attempts, initialRetransmit, value, correlationIdOrNull);
    }

    /** This config with a correlation id (or none). */
    public UdpProbeConfig withCorrelationId(byte[] value) {
        return new UdpProbeConfig(attempts, initialRetransmit, offeredVersion, value);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof UdpProbeConfig that && attempts == that.attempts
                && initialRetransmit.equals(that.initialRetransmit) && offeredVersion == that.offeredVersion
                && Arrays.equals(correlationIdOrNull, that.correlationIdOrNull);
    }

    @Override
    public int hashCode() {
        return Objects.hash(attempts, initialRetransmit, offeredVersion) * 31 + Arrays.hashCode(correlationIdOrNull);
    }

    @Override
    public String toString() {
        return "UdpProbeConfig[attempts=" + attempts + ", initialRetransmit=" + initialRetransmit + ", offeredVersion="
                + offeredVersion + ", correlationId=" + (correlationIdOrNull == null ? "none" : "set") + "]";
    }
}
