package dev.rdpprobe.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rdpprobe.core.ProbeOptions;
import dev.rdpprobe.core.RdpProber;
import dev.rdpprobe.core.target.Target;
import dev.rdpprobe.core.outcome.ConnectionOutcome;
import dev.rdpprobe.core.outcome.Phase;
import dev.rdpprobe.core.outcome.PhaseStatus;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The DNS resolver group (which reads the system's resolver configuration when it is made) is made
 * only when a target is a name: a run of IP literals, as most fleets and every benchmark are, never
 * pays for it.
 */
class LazyResolverTest {

    /** Options whose only DNS server is a closed loopback UDP port: a name fails fast, nothing leaves loopback. */
    static ProbeOptions options() throws IOException {
        int closed;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = s.getLocalPort();
        }
        try (RdpProber p = RdpProber.builder().udp(false).resolveTimeout(Duration.ofMillis(300))
                .connectTimeout(Duration.ofMillis(300))
                .dnsServers(List.of(new InetSocketAddress(InetAddress.getLoopbackAddress(), closed))).build()) {
            return p.options();
        }
    }

    static int closedPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    @Test
    void ipLiteralsNeverMakeTheResolver() throws Exception {
        ProbeEngine engine = new ProbeEngine(options(), 1);
        try {
            assertThat(engine.resolversMade()).isFalse();
            ConnectionOutcome o = engine.probe(Target.of("127.0.0.1", closedPort())).join();
            assertThat(o.phase(Phase.RESOLVE).status()).isEqualTo(PhaseStatus.SKIPPED);
            assertThat(o.phase(Phase.TCP_CONNECT).status()).isEqualTo(PhaseStatus.FAILED);
            assertThat(engine.resolversMade()).isFalse();
        } finally {
            engine.close();
        }
    }

    @Test
    void aNameMakesItAndIsResolvedThroughIt() throws Exception {
        ProbeEngine engine = new ProbeEngine(options(), 1);
        try {
            ConnectionOutcome o = engine.probe(Target.of("rdp-host.test", 3389)).join();
            assertThat(engine.resolversMade()).isTrue();
            assertThat(o.phase(Phase.RESOLVE).status()).isIn(PhaseStatus.FAILED, PhaseStatus.TIMED_OUT);
            assertThat(o.phase(Phase.TCP_CONNECT).status()).isEqualTo(PhaseStatus.NOT_REACHED);
        } finally {
            engine.close();
        }
    }

    @Test
    void closingAnEngineThatNeverMadeItIsQuiet() throws Exception {
        ProbeEngine engine = new ProbeEngine(options(), 1);
        engine.close();
        engine.close();
        assertThat(engine.resolversMade()).isFalse();
    }
}
