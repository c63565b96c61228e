package dev.rdpprobe.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rdpprobe.core.outcome.TlsVersion;
import dev.rdpprobe.bench.core.RecordedTranscript;
import dev.rdpprobe.bench.loopback.ThreadUsage;
import dev.rdpprobe.bench.report.ResultTable;
import dev.rdpprobe.bench.report.Row;
import dev.rdpprobe.core.outcome.PhaseStatus;
import dev.rdpprobe.core.internal.pdu.credssp.CredSspAnswer;
import dev.rdpprobe.core.internal.sequence.CodecReadings;
import dev.rdpprobe.core.internal.pdu.credssp.CredSspMessages;
import dev.rdpprobe.core.internal.pdu.rdpeudp.SynAckDatagram;
import dev.rdpprobe.core.internal.pdu.x224.NegotiationData;
import dev.rdpprobe.core.internal.pdu.x224.SecurityProtocols;
import dev.rdpprobe.core.internal.pdu.x224.ServerX224Pdu;
import dev.rdpprobe.core.internal.sequence.SequenceResult;
import io.netty.buffer.Unpooled;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The pieces the benchmarks stand on measure what they claim to (no timing is asserted). */
class BenchPiecesTest {

    @Test
    void theTranscriptReplaysToAHealthyCredSspPhaseEveryTime() {
        RecordedTranscript transcript = new RecordedTranscript();
        for (int i = 0; i < 3; i++) {
            SequenceResult r = transcript.replay(1_000_000_000L * (i + 1));
            assertThat(r.tcpPhases()).extracting(p -> p.status()).containsExactly(
                    PhaseStatus.SKIPPED, PhaseStatus.OK, PhaseStatus.OK, PhaseStatus.OK, PhaseStatus.OK, PhaseStatus.SKIPPED,
                    PhaseStatus.NOT_REACHED); // CREDSSP_AUTH without credentials; MCS_CONNECT after NLA
            assertThat(r.facts().credssp().orElseThrow().ntlm().orElseThrow().netbiosComputerName()).isEqualTo("DESKTOP-KMDT420");
            assertThat(r.facts().tls().orElseThrow().protocolVersion()).contains(TlsVersion.TLS_1_3);
        }
    }

    @Test
    void theCodecVectorsDecodeToWhatVectorsMdSays() {
        ServerX224Pdu.ConnectionConfirm rsp = (ServerX224Pdu.ConnectionConfirm) ServerX224Pdu.decode(Unpooled.wrappedBuffer(Vectors.CC_NEG_RSP_HYBRID));
        assertThat(((NegotiationData.Response) rsp.negotiation()).selectedProtocol().bits()).isEqualTo(SecurityProtocols.HYBRID);
        ServerX224Pdu.ConnectionConfirm failure = (ServerX224Pdu.ConnectionConfirm) ServerX224Pdu.decode(Unpooled.wrappedBuffer(Vectors.CC_NEG_FAILURE));
        assertThat(((NegotiationData.Failure) failure.negotiation()).code().value()).isEqualTo(5);
        CredSspAnswer answer = CredSspMessages.readServerAnswer(Unpooled.wrappedBuffer(Vectors.TSREQUEST_CHALLENGE_D1));
        assertThat(answer).isInstanceOf(CredSspAnswer.Challenge.class);
        assertThat(CodecReadings.credSspFacts(answer, Instant.parse("2019-03-12T13:27:30Z")).ntlm().orElseThrow().osVersion())
                .isEqualTo("10.0.16299");
        SynAckDatagram synAck = SynAckDatagram.decode(Unpooled.wrappedBuffer(Vectors.SYN_ACK_F2));
        assertThat(synAck.acknowledgedSequenceNumber()).isEqualTo(0x42);
    }

    /** The prober hands TLS work to worker threads: a probe's cost must include them, or the ratios flatter it. */
    @Test
    void theProbeWorkloadCountsEveryThreadThatDoesTheProbesWork() throws Exception {
        try (dev.rdpprobe.testkit.FakeRdpServer server = dev.rdpprobe.testkit.FakeRdpServer.start(dev.rdpprobe.testkit.Scenario.healthy());
                dev.rdpprobe.core.RdpProber prober = dev.rdpprobe.core.RdpProber.builder().udp(false).build()) {
            java.util.Set<String> before = threadNames();
            assertThat(prober.probe(server.target()).get(30, java.util.concurrent.TimeUnit.SECONDS).verdict())
                    .isEqualTo(dev.rdpprobe.core.outcome.Verdict.OK);
            java.util.Set<String> started = threadNames();
            started.removeAll(before);
            started.removeIf(n -> n.startsWith("fake-rdp-server") || n.startsWith("rdpprobe-watchdog"));
            assertThat(started).as("threads the probe started").isNotEmpty()
                    .allMatch(n -> dev.rdpprobe.bench.loopback.ProbeWorkload.CLIENT_THREADS.stream().anyMatch(n::startsWith));
        }
    }

    private static java.util.Set<String> threadNames() {
        java.util.Set<String> names = new java.util.HashSet<>();
        Thread.getAllStackTraces().keySet().forEach(t -> names.add(t.getName()));
        return names;
    }

    @Test
    void threadUsageSeesTheAllocationOfTheNamedThreads() throws Exception {
        java.util.concurrent.CountDownLatch allocated = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        Thread worker = new Thread(() -> {
            byte[][] keep = new byte[64][];
            for (int i = 0; i < keep.length; i++) {
                keep[i] = new byte[16 * 1024];
            }
            assertThat(keep[63]).hasSize(16 * 1024);
            allocated.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "usage-test-worker");
        ThreadUsage before = ThreadUsage.of("usage-test-");
        worker.start();
        assertThat(allocated.await(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        ThreadUsage during = ThreadUsage.of("usage-test-");
        release.countDown();
        worker.join();
        assertThat(before.threads()).isZero();
        assertThat(during.threads()).isEqualTo(1);
        assertThat(during.allocatedBytes()).isGreaterThanOrEqualTo(64L * 16 * 1024);
    }

    @Test
    void theTableIsOneAlignedMarkdownTable() {
        ResultTable table = new ResultTable();
        table.add(new Row("a benchmark", "1 µs", "—", "—", "≤ 2 µs", "yes"));
        table.add(Row.info("another, longer benchmark", "12 B"));
        String[] lines = table.toMarkdown().split("\n");
        assertThat(lines).hasSize(4);
        assertThat(lines[0]).startsWith("| benchmark").endsWith("| met |");
        assertThat(lines[1]).matches("\\|[ |-]+\\|");
        assertThat(lines).extracting(String::length).containsOnly(lines[0].length());
    }
}
