package dev.rdpprobe.testkit;

import dev.rdpprobe.core.outcome.SecurityProtocol;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rdpprobe.core.RdpProber;
import dev.rdpprobe.core.target.Target;
import dev.rdpprobe.core.outcome.ConnectionOutcome;
import dev.rdpprobe.core.outcome.Failure;
import dev.rdpprobe.core.outcome.FindingCode;
import dev.rdpprobe.core.outcome.Phase;
import dev.rdpprobe.core.outcome.PhaseStatus;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The RESOLVE phase against a fake DNS server on loopback (never the system resolver). */
class ResolveProbeTest {

    static RdpProber prober(FakeDnsServer dns) {
        return RdpProber.builder().udp(false).resolveTimeout(Duration.ofSeconds(1)).phaseTimeout(Duration.ofSeconds(1))
                .dnsServers(List.of(dns.address())).build();
    }

    @Test
    void unknownNameIsDnsFailed() {
        try (FakeDnsServer dns = FakeDnsServer.start(FakeDnsServer.Otherwise.NXDOMAIN); RdpProber p = prober(dns)) {
            ConnectionOutcome o = p.probe(Target.of("no-such-host.test")).join();
            assertThat(o.failedPhase()).contains(Phase.RESOLVE);
            Failure.DnsFailed f = (Failure.DnsFailed) o.phase(Phase.RESOLVE).failure().orElseThrow();
            assertThat(f.host()).isEqualTo("no-such-host.test");
            assertThat(o.phase(Phase.TCP_CONNECT).status()).isEqualTo(PhaseStatus.NOT_REACHED);
            assertThat(dns.queryCount()).isPositive();
        }
    }

    @Test
    void silentDnsTimesOut() {
        try (FakeDnsServer dns = FakeDnsServer.start(FakeDnsServer.Otherwise.SILENCE);
             RdpProber p = RdpProber.builder().udp(false).resolveTimeout(Duration.ofMillis(150)).phaseTimeout(Duration.ofSeconds(1))
                     .dnsServers(List.of(dns.address())).build()) {
            long start = System.nanoTime();
            ConnectionOutcome o = p.probe(Target.of("slow.test")).join();
            assertThat(o.phase(Phase.RESOLVE).status()).isEqualTo(PhaseStatus.TIMED_OUT);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(4));
        }
    }

    @Test
    void everyAddressIsReportedAndTheFirstIsProbed() throws Exception {
        try (FakeDnsServer dns = FakeDnsServer.start(FakeDnsServer.Otherwise.NXDOMAIN);
             FakeRdpServer server = FakeRdpServer.start(Scenario.selecting(SecurityProtocol.RDP));
             RdpProber p = prober(dns)) {
            dns.answer("rds.test", InetAddress.getByName("127.0.0.1"), InetAddress.getByName("127.0.0.2"));
            ConnectionOutcome o = p.probe(Target.of("rds.test", server.port())).join();
            assertThat(o.phase(Phase.RESOLVE).status()).isEqualTo(PhaseStatus.OK);
            assertThat(o.server().addresses()).extracting(InetAddress::getHostAddress).containsExactly("127.0.0.1", "127.0.0.2");
            assertThat(o.server().connectedAddress().orElseThrow().getAddress().getHostAddress()).isEqualTo("127.0.0.1");
            assertThat(o.phase(Phase.X224_NEGOTIATION).status()).isEqualTo(PhaseStatus.OK);
            assertThat(o.hasFinding(FindingCode.MULTIPLE_ADDRESSES)).isTrue();
        }
    }
}
