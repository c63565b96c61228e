package dev.rdpprobe.core.udp;

import java.time.Duration;

/** PLACEHOLDER until the UDP branch merges. */
public record UdpProbeConfig(int attempts, Duration initialRetransmit, int offeredVersion, byte[] correlationIdOrNull) {
}
