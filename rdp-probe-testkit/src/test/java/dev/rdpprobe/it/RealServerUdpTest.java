package dev.rdpprobe.it;

import static dev.rdpprobe.it.Probes.describe;
import static dev.rdpprobe.it.Probes.probe;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rdpprobe.core.outcome.ConnectionOutcome;
import dev.rdpprobe.core.outcome.Failure;
import dev.rdpprobe.core.outcome.FindingCode;
import dev.rdpprobe.core.outcome.Phase;
import dev.rdpprobe.core.outcome.PhaseStatus;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The RDPEUDP probe beside TCP against the real servers. Neither implements MS-RDPEUDP and neither
 * listens on UDP, so the kernel answers the SYN datagram with ICMP port unreachable.
 */
@Tag("realserver")
class RealServerUdpTest {

    static RealServers servers;

    @BeforeAll
    static void readPorts() {
        servers = RealServers.fromSystemProperty();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {RealServers.XRDP_RDP, RealServers.FREERDP_RDP})
    void udpPortIsClosed(String server) {
        ConnectionOutcome o = probe(servers.target(server), b -> b.udp(true));
        String why = describe(o);
        assertThat(o.phase(Phase.TCP_CONNECT).status()).as(why).isEqualTo(PhaseStatus.OK);
        assertThat(o.phase(Phase.UDP_TRANSPORT).status()).as(why).isEqualTo(PhaseStatus.FAILED);
        assertThat(o.phase(Phase.UDP_TRANSPORT).failure().orElseThrow()).as(why).isInstanceOf(Failure.UdpPortClosed.class);
        assertThat(o.hasFinding(FindingCode.UDP_CLOSED)).as(why).isTrue();
        assertThat(o.server().udp().isEmpty() || !o.server().udp().orElseThrow().answered()).as(why).isTrue();
    }
}
