/**
 * The UDP side of a fake RDP host: {@link dev.rdpprobe.testkit.udp.FakeUdpResponder} answers (or
 * ignores, or garbles) RDPEUDP SYNs on a loopback port and records each datagram
 * ({@link dev.rdpprobe.testkit.udp.ReceivedDatagram}, a SYN decoded as {@link dev.rdpprobe.testkit.udp.UdpSyn}).
 */
package dev.rdpprobe.testkit.udp;
