/**
 * The UDP_TRANSPORT phase: {@link dev.rdpprobe.core.internal.udp.UdpProbeMachine} (sans-I/O: SYN, retransmits,
 * outcome) and {@link dev.rdpprobe.core.internal.udp.UdpProbeDriver} (a connected Netty datagram channel that
 * runs it within the probe's deadline).
 *
 * <p><b>What is verified, and against what.</b> The codecs reproduce the [MS-RDPEUDP] 4.1 example SYN
 * and SYN+ACK byte for byte and decode the SYN+ACK a real Windows server sent to an unsolicited datagram
 * (reported by the public 2021 amplification research: 1232 bytes, window 64, flags SYN|ACK). The whole
 * phase is tested over loopback against the testkit's FakeUdpResponder (answered, late, silent, garbage,
 * closed port with a real kernel ICMP port unreachable). It has <em>not</em> been run against a live
 * Windows server: whether a given Windows build echoes SYNDATAEX for a version-2 offer, how it treats a
 * correlation id, and how quickly it answers are taken from the spec and public captures, not observed.
 * Neither xrdp nor the FreeRDP shadow server implements MS-RDPEUDP, so against them the phase reports a
 * closed UDP port.
 */
package dev.rdpprobe.core.internal.udp;
