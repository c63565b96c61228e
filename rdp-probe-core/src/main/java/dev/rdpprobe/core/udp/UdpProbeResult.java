package dev.rdpprobe.core.udp;

import dev.rdpprobe.core.outcome.PhaseResult;
import dev.rdpprobe.core.outcome.UdpFacts;

/** PLACEHOLDER until the UDP branch merges. */
public record UdpProbeResult(PhaseResult phase, UdpFacts facts) {
}
