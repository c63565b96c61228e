package dev.rdpprobe.testkit.udp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rdpprobe.core.outcome.Failure;
import dev.rdpprobe.core.outcome.PhaseStatus;
import dev.rdpprobe.core.internal.pdu.rdpeudp.SynAckDatagram;
import dev.rdpprobe.core.internal.pdu.rdpeudp.SynDataExPayload;
import dev.rdpprobe.core.internal.pdu.rdpeudp.SynDataPayload;
import dev.rdpprobe.core.internal.udp.UdpProbeConfig;
import dev.rdpprobe.core.internal.udp.UdpProbeDriver;
import dev.rdpprobe.core.internal.udp.UdpProbeResult;
import dev.rdpprobe.testkit.wire.RdpeudpWriters;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@link UdpProbeDriver} against {@link FakeUdpResponder} over loopback. */
class UdpProbeDriverLoopbackTest {

    /** 3 SYNs, 100 ms then 200 ms then 400 ms: the whole schedule is 700 ms. */
    static final UdpProbeConfig FAST = UdpProbeConfig.DEFAULTS.withInitialRetransmit(Duration.ofMillis(100));
    static final Duration DEADLINE = Duration.ofSeconds(5);
    /** Scheduling slack allowed past a deadline on a busy 2-core machine. */
    static final Duration MARGIN = Duration.ofMillis(1500);

    static EventLoopGroup group;

    @BeforeAll
    static void startGroup() {
        group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    }

    @AfterAll
    static void stopGroup() {
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    /** Runs the driver and checks it completes normally, before deadline + margin, with a consistent result. */
    static UdpProbeResult probe(InetSocketAddress remote, UdpProbeConfig config, Duration deadline) throws Exception {
        long start = System.nanoTime();
        CompletableFuture<UdpProbeResult> future =
                UdpProbeDriver.run(group, remote, config, start, start + deadline.toNanos());
        UdpProbeResult result = future.get(deadline.plus(MARGIN).toMillis(), TimeUnit.MILLISECONDS);
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertThat(future).isCompleted().isNotCompletedExceptionally();
        assertThat(took).isLessThan(deadline.plus(MARGIN));
        assertThat(result.phase().startOffset().plus(result.phase().elapsed())).isLessThanOrEqualTo(took);
        return result;
    }

    @Test
    void answered() throws Exception {
        try (FakeUdpResponder udp = FakeUdpResponder.builder().udpVersion(2).start()) {
            UdpProbeResult result = probe(udp.address(), FAST, DEADLINE);

            assertThat(result.phase().status()).isEqualTo(PhaseStatus.OK);
            assertThat(result.answered()).isTrue();
            assertThat(result.facts().attempts()).isEqualTo(1);
            assertThat(result.facts().udpVersion()).contains(2);
            assertThat(result.facts().upstreamMtu()).contains(1232);
            assertThat(result.facts().downstreamMtu()).contains(1232);
            assertThat(result.facts().receiveWindow()).contains(64);
            assertThat(result.facts().roundTrip().orElseThrow()).isPositive().isLessThanOrEqualTo(result.phase().elapsed());

            assertThat(udp.received()).hasSize(1);
            ReceivedDatagram syn = udp.received().get(0);
            assertThat(syn.length()).isEqualTo(1232);
            assertThat(syn.isSyn()).isTrue();
            UdpSyn offer = syn.syn().orElseThrow();
            assertThat(offer.hasSynEx()).isTrue();
            assertThat(offer.offeredVersion()).hasValue(SynDataExPayload.VERSION_2);
            assertThat(offer.cookieHash()).isEmpty();
            assertThat(udp.answersSent()).isEqualTo(1);
        }
    }

    @Test
    void answeredWithoutVersionOfferAndSmallerMtus() throws Exception {
        try (FakeUdpResponder udp = FakeUdpResponder.builder().mtus(1200, 1132).receiveWindow(1024).start()) {
            UdpProbeResult result = probe(udp.address(), FAST.withOfferedVersion(0), DEADLINE);

            assertThat(result.phase().status()).isEqualTo(PhaseStatus.OK);
            assertThat(result.facts().udpVersion()).isEmpty();
            assertThat(result.facts().upstreamMtu()).contains(1200);
            assertThat(result.facts().downstreamMtu()).contains(1132);
            assertThat(result.facts().receiveWindow()).contains(1024);
            assertThat(udp.received().get(0).syn().orElseThrow().hasSynEx()).isFalse();
        }
    }

    @Test
    void answeredOverIpv6Loopback() throws Exception {
        InetAddress v6 = InetAddress.getByName("::1");
        try (FakeUdpResponder udp = FakeUdpResponder.builder().bindAddress(v6).start()) {
            UdpProbeResult result = probe(udp.address(), FAST.withOfferedVersion(1), DEADLINE);
            assertThat(result.phase().status()).isEqualTo(PhaseStatus.OK);
            assertThat(result.facts().udpVersion()).contains(1);
        }
    }

    @Test
    void silentTimesOutAfterEveryTry() throws Exception {
        try (FakeUdpResponder udp = FakeUdpResponder.builder().silent().start()) {
            UdpProbeResult result = probe(udp.address(), FAST, DEADLINE);

            assertThat(result.phase().status()).isEqualTo(PhaseStatus.TIMED_OUT);
            assertThat(result.phase().failure().orElseThrow()).isInstanceOfSatisfying(Failure.UdpNoAnswer.class, f -> {
                assertThat(f.attempts()).isEqualTo(3);
                assertThat(f.waited()).isGreaterThanOrEqualTo(Duration.ofMillis(700));
            });
            assertThat(result.facts().answered()).isFalse();
            assertThat(result.facts().attempts()).isEqualTo(3);
            assertThat(udp.awaitReceived(3, Duration.ofSeconds(5))).isTrue();
            assertThat(udp.received()).hasSize(3)
                    .allSatisfy(d -> assertThat(d.bytes()).isEqualTo(udp.received().get(0).bytes()));
            assertThat(udp.answersSent()).isZero();
        }
    }

    @Test
    void lateAnswerAfterTwoRetransmits() throws Exception {
        try (FakeUdpResponder udp = FakeUdpResponder.builder().answerAfter(2).udpVersion(2).start()) {
            UdpProbeResult result = probe(udp.address(), FAST, DEADLINE);

            assertThat(result.phase().status()).isEqualTo(PhaseStatus.OK);
            assertThat(result.facts().attempts()).isEqualTo(3);
            assertThat(result.facts().udpVersion()).contains(2);
            assertThat(result.phase().elapsed()).isGreaterThanOrEqualTo(Duration.ofMillis(300));
            assertThat(udp.received()).hasSize(3);
            assertThat(udp.answersSent()).isEqualTo(1);
        }
    }

    @Test
    void tooLateForTheAttemptsIsNoAnswer() throws Exception {
        try (FakeUdpResponder udp = FakeUdpResponder.builder().answerAfter(3).start()) {
            UdpProbeResult result = probe(udp.address(), FAST, DEADLINE);
            assertThat(result.phase().failure()).contains(new Failure.UdpNoAnswer(3,
                    ((Failure.UdpNoAnswer) result.phase().failure().orElseThrow()).waited()));
        }
    }

    @Test
    void absentPortIsClosed() throws Exception {
        int port = FakeUdpResponder.absentPort();
        UdpProbeResult result = probe(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), FAST, DEADLINE);

        assertThat(result.phase().status()).isEqualTo(PhaseStatus.FAILED);
        assertThat(result.phase().failure()).contains(new Failure.UdpPortClosed());
        assertThat(result.facts().answered()).isFalse();
        assertThat(result.facts().attempts()).isBetween(1, 3);
    }

    @Test
    void garbageIsAnInvalidAnswer() throws Exception {
        byte[] garbage = "SSH-2.0-OpenSSH_9.2\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        try (FakeUdpResponder udp = FakeUdpResponder.builder().answerGarbage(garbage).start()) {
            UdpProbeResult result = probe(udp.address(), FAST, DEADLINE);

            assertThat(result.phase().status()).isEqualTo(PhaseStatus.FAILED);
            assertThat(result.phase().failure().orElseThrow()).isInstanceOfSatisfying(Failure.UdpInvalidAnswer.class, f -> {
                assertThat(f.length()).isEqualTo(garbage.length);
                // "0-" happens to read as flags SYN|ACK|...; the MTUs ("SH") then give it away
                assertThat(f.what()).isEqualTo("uUpStreamMtu at offset 12: 21331 is outside 1132..1232");
            });
            // keep-listening policy: every SYN of the schedule went out
            assertThat(result.facts().attempts()).isEqualTo(3);
        }
    }

    @Test
    void aSynAckToSomeoneElsesSynIsAnInvalidAnswer() throws Exception {
        byte[] foreign = RdpeudpWriters.synAck(SynAckDatagram.of(0x0BADCAFE, 64, SynDataPayload.withMaxMtu(7), null));
        try (FakeUdpResponder udp = FakeUdpResponder.builder().answerGarbage(foreign).start()) {
            UdpProbeResult result = probe(udp.address(), FAST.withAttempts(1), DEADLINE);
            assertThat(result.phase().failure().orElseThrow()).isInstanceOfSatisfying(Failure.UdpInvalidAnswer.class,
                    f -> assertThat(f.what()).contains("does not echo our initial sequence number"));
            assertThat(result.facts().attempts()).isEqualTo(1);
        }
    }

    @Test
    void theDeadlineCutsTheScheduleShort() throws Exception {
        try (FakeUdpResponder udp = FakeUdpResponder.builder().silent().start()) {
            Duration deadline = Duration.ofMillis(250);
            UdpProbeResult result = probe(udp.address(), FAST.withAttempts(10), deadline);

            assertThat(result.phase().status()).isEqualTo(PhaseStatus.TIMED_OUT);
            assertThat(result.phase().failure().orElseThrow()).isInstanceOfSatisfying(Failure.UdpNoAnswer.class,
                    f -> assertThat(f.attempts()).isBetween(1, 2));
        }
    }

    @Test
    void aDeadlineAlreadyPastSendsNothing() throws Exception {
        try (FakeUdpResponder udp = FakeUdpResponder.builder().start()) {
            long now = System.nanoTime();
            UdpProbeResult result = UdpProbeDriver.run(group, udp.address(), FAST, now - 10, now - 5)
                    .get(1, TimeUnit.SECONDS);
            assertThat(result.phase().status()).isEqualTo(PhaseStatus.TIMED_OUT);
            assertThat(result.facts()).isNull();
            assertThat(udp.awaitReceived(1, Duration.ofMillis(200))).isFalse();
        }
    }

    @Test
    void anUnresolvedTargetIsALocalError() throws Exception {
        long now = System.nanoTime();
        UdpProbeResult result = UdpProbeDriver.run(group, InetSocketAddress.createUnresolved("rdp.invalid", 3389), FAST,
                now, now + DEADLINE.toNanos()).get(1, TimeUnit.SECONDS);
        assertThat(result.phase().status()).isEqualTo(PhaseStatus.FAILED);
        assertThat(result.phase().failure().orElseThrow()).isInstanceOf(Failure.LocalError.class);
    }

    @Test
    void aShutDownGroupStillCompletesNormally() throws Exception {
        EventLoopGroup dead = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        dead.shutdownGracefully(0, 0, TimeUnit.SECONDS).syncUninterruptibly();
        long now = System.nanoTime();
        CompletableFuture<UdpProbeResult> future = UdpProbeDriver.run(dead,
                new InetSocketAddress(InetAddress.getLoopbackAddress(), 3389), FAST, now, now + DEADLINE.toNanos());
        UdpProbeResult result = future.get(2, TimeUnit.SECONDS);
        assertThat(result.phase().status()).isEqualTo(PhaseStatus.FAILED);
        assertThat(result.phase().failure().orElseThrow()).isInstanceOf(Failure.LocalError.class);
    }

    @Test
    void probesRunSideBySideOnOneEventLoop() throws Exception {
        try (FakeUdpResponder answering = FakeUdpResponder.builder().start();
                FakeUdpResponder silent = FakeUdpResponder.builder().silent().start()) {
            long start = System.nanoTime();
            long deadline = start + DEADLINE.toNanos();
            CompletableFuture<UdpProbeResult> a = UdpProbeDriver.run(group, answering.address(), FAST, start, deadline);
            CompletableFuture<UdpProbeResult> s = UdpProbeDriver.run(group, silent.address(), FAST, start, deadline);
            CompletableFuture<UdpProbeResult> c = UdpProbeDriver.run(group,
                    new InetSocketAddress(InetAddress.getLoopbackAddress(), FakeUdpResponder.absentPort()), FAST, start, deadline);
            assertThat(a.get(7, TimeUnit.SECONDS).phase().status()).isEqualTo(PhaseStatus.OK);
            assertThat(s.get(7, TimeUnit.SECONDS).phase().status()).isEqualTo(PhaseStatus.TIMED_OUT);
            assertThat(c.get(7, TimeUnit.SECONDS).phase().failure()).contains(new Failure.UdpPortClosed());
        }
    }

    @Test
    void theSynOnTheWireIsTheSpecSyn() throws Exception {
        try (FakeUdpResponder udp = FakeUdpResponder.builder().silent().start()) {
            probe(udp.address(), FAST.withAttempts(1).withOfferedVersion(0), DEADLINE);
            UdpSyn syn = udp.received().get(0).syn().orElseThrow();
            assertThat(syn.receiveWindow()).isEqualTo(64);
            assertThat(syn.upstreamMtu()).isEqualTo(1232);
            assertThat(syn.hasSynEx()).isFalse();
        }
    }
}
