package dev.rdpprobe.core;

import dev.rdpprobe.core.target.Target;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rdpprobe.core.outcome.ConnectionOutcome;
import dev.rdpprobe.core.outcome.Failure;
import dev.rdpprobe.core.outcome.Phase;
import dev.rdpprobe.core.outcome.PhaseStatus;
import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Collections;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opentest4j.TestAbortedException;

/**
 * Whole probes of {@code [::1%lo]} and {@code [::1%1]} (the loopback interface by name and by index), so that
 * the traffic stays on loopback: the probe connects, keeps the zone in the address it reports, and probes UDP
 * on the same zoned address. The server accepts TCP (the kernel completes the handshake) and never answers.
 * The wait only keeps a broken build from hanging (it did hang: the literal's address was {@code null}).
 */
class ZonedTargetProbeTest {

    static final long WAIT = 20;
    static NetworkInterface loopback;
    static ServerSocket server;
    static RdpProber prober;

    @BeforeAll
    static void start() throws IOException {
        for (NetworkInterface nif : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            if (nif.isLoopback()) {
                loopback = nif;
            }
        }
        if (loopback == null) {
            throw new TestAbortedException("no loopback interface");
        }
        try {
            server = new ServerSocket();
            server.bind(new InetSocketAddress(InetAddress.getByName("::1"), 0), 16);
        } catch (IOException e) {
            throw new TestAbortedException("no IPv6 loopback here: " + e.getMessage());
        }
        prober = RdpProber.builder().x224Timeout(Duration.ofMillis(200)).udpInitialRetransmit(Duration.ofMillis(50))
                .deadline(Duration.ofSeconds(5)).build();
    }

    @AfterAll
    static void stop() throws IOException {
        if (prober != null) {
            prober.close();
        }
        if (server != null) {
            server.close();
        }
    }

    ConnectionOutcome probe(String target) throws Exception {
        return prober.probe(Target.parse(target)).get(WAIT, TimeUnit.SECONDS);
    }

    @Test
    void aNamedZoneConnectsAndIsKeptInTheReportedAddress() throws Exception {
        String target = "[::1%" + loopback.getName() + "]:" + server.getLocalPort();
        ConnectionOutcome o = probe(target);
        assertThat(o.target()).hasToString(target);
        assertThat(o.phase(Phase.TCP_CONNECT).status()).isEqualTo(PhaseStatus.OK);
        assertThat(o.phase(Phase.X224_NEGOTIATION).status()).isEqualTo(PhaseStatus.TIMED_OUT);
        Inet6Address connected = (Inet6Address) o.server().connectedAddress().orElseThrow().getAddress();
        assertThat(connected.getScopedInterface()).isEqualTo(loopback);
        assertThat(connected.getHostAddress()).endsWith("%" + loopback.getName());
        assertThat(o.server().addresses()).containsExactly(connected);
        assertThat(o.phase(Phase.UDP_TRANSPORT).failure().orElseThrow()).as("UDP to the same zoned address: nothing bound")
                .isInstanceOf(Failure.UdpPortClosed.class);
    }

    @Test
    void aNumericZoneConnectsAndIsKeptInTheReportedAddress() throws Exception {
        String target = "[::1%" + loopback.getIndex() + "]:" + server.getLocalPort();
        ConnectionOutcome o = probe(target);
        assertThat(o.phase(Phase.TCP_CONNECT).status()).isEqualTo(PhaseStatus.OK);
        Inet6Address connected = (Inet6Address) o.server().connectedAddress().orElseThrow().getAddress();
        assertThat(connected.getScopeId()).isEqualTo(loopback.getIndex());
        assertThat(connected.getHostAddress()).endsWith("%" + loopback.getIndex());
    }
}
