package dev.rdpprobe.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rdpprobe.core.RdpProber;
import dev.rdpprobe.core.outcome.ConnectionOutcome;
import dev.rdpprobe.core.outcome.Verdict;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;

/** {@link FakeRdpServer#start(InetSocketAddress, Scenario)}: any loopback address, a chosen port, nothing else. */
class FakeRdpServerBindTest {

    @Test
    void bindsAnyAddressOfTheLoopbackNetwork() throws Exception {
        InetAddress second = InetAddress.getByAddress(new byte[] {127, 0, 0, 2});
        try (FakeRdpServer server = FakeRdpServer.start(new InetSocketAddress(second, 0), Scenario.healthy());
             RdpProber prober = RdpProber.builder().udp(false).build()) {
            assertThat(server.address().getAddress()).isEqualTo(second);
            assertThat(server.target().host()).isEqualTo("127.0.0.2");
            ConnectionOutcome o = prober.probe(server.target()).join();
            assertThat(o.verdict()).isEqualTo(Verdict.OK);
            assertThat(o.server().credssp().orElseThrow().ntlm()).isPresent();
        }
    }

    @Test
    void bindsTheChosenPort() throws Exception {
        int port;
        try (FakeRdpServer first = FakeRdpServer.start(Scenario.healthy())) {
            port = first.port();
        }
        try (FakeRdpServer server = FakeRdpServer.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), Scenario.healthy())) {
            assertThat(server.port()).isEqualTo(port);
        }
    }

    @Test
    void aTakenPortFailsWithTheAddressAndLeavesNoThread() throws InterruptedException {
        try (FakeRdpServer first = FakeRdpServer.start(Scenario.healthy())) {
            long before = fakeServerThreads();
            java.util.Set<Thread> existing = fakeServerThreadSet();
            assertThatThrownBy(() -> FakeRdpServer.start(first.address(), Scenario.healthy()))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("cannot bind the fake server to")
                    .hasMessageContaining(Integer.toString(first.port()));
            assertThat(fakeServerThreadsSettled(existing)).isLessThanOrEqualTo(before);
        }
    }

    @Test
    void refusesAnAddressOffLoopback() {
        assertThatThrownBy(() -> FakeRdpServer.start(new InetSocketAddress("0.0.0.0", 0), Scenario.healthy()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a loopback address");
        assertThatThrownBy(() -> FakeRdpServer.start(InetSocketAddress.createUnresolved("localhost", 0), Scenario.healthy()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static long fakeServerThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith("fake-rdp-server") && t.isAlive()).count();
    }

    private static java.util.Set<Thread> fakeServerThreadSet() {
        java.util.Set<Thread> threads = new java.util.HashSet<>();
        Thread.getAllStackTraces().keySet().forEach(t -> {
            if (t.getName().startsWith("fake-rdp-server") && t.isAlive()) {
                threads.add(t);
            }
        });
        return threads;
    }

    /**
     * The count once the failed server's event loop has ended (it shuts down asynchronously): joins every
     * fake-server thread that was not there before, within 5 s in all.
     */
    private static long fakeServerThreadsSettled(java.util.Set<Thread> existing) throws InterruptedException {
        long end = System.nanoTime() + 5_000_000_000L;
        for (Thread t : fakeServerThreadSet()) {
            if (!existing.contains(t)) {
                t.join(Math.max(1, (end - System.nanoTime()) / 1_000_000L));
            }
        }
        return fakeServerThreads();
    }
}
