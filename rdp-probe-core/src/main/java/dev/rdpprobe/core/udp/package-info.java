/**
 * The UDP_TRANSPORT phase: {@link dev.rdpprobe.core.udp.UdpProbeMachine} (sans-I/O: SYN, retransmits,
 * outcome) and {@link dev.rdpprobe.core.udp.UdpProbeDriver} (a connected Netty datagram channel that
 * runs it within the probe's deadline).
 */
package dev.rdpprobe.core.udp;
