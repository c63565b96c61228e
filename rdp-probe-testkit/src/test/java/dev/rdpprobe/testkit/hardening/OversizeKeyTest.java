package dev.rdpprobe.testkit.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rdpprobe.core.RdpProber;
import dev.rdpprobe.core.outcome.DiagnosisCode;
import dev.rdpprobe.core.outcome.CertificateReport;
import dev.rdpprobe.core.outcome.ConnectionOutcome;
import dev.rdpprobe.core.outcome.Failure;
import dev.rdpprobe.core.outcome.FindingCode;
import dev.rdpprobe.core.outcome.Phase;
import dev.rdpprobe.core.outcome.PhaseResult;
import dev.rdpprobe.core.outcome.PhaseStatus;
import dev.rdpprobe.core.outcome.TlsFacts;
import dev.rdpprobe.core.outcome.Verdict;
import dev.rdpprobe.testkit.FakeRdpServer;
import dev.rdpprobe.testkit.Scenario;
import dev.rdpprobe.testkit.TlsStep;
import dev.rdpprobe.testkit.tls.TestCertificate;
import dev.rdpprobe.testkit.tls.TestCertificates;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Servers with RSA keys of 16384 bits (over the probe's limit of 8192) probed at the same time as a healthy
 * server, on one single-threaded prober: the oversize keys are refused before any arithmetic, and nothing they
 * cost holds up the event loop, so every probe of the healthy server passes. The keys are random odd moduli
 * without small factors (see {@link TestCertificates#rsaPublicKeyWithoutPrivateKey}), minted in milliseconds,
 * fresh for every server so that no cache of validated moduli hides the cost.
 */
class OversizeKeyTest {

    private static final int HEALTHY_PROBES = 12;

    @ParameterizedTest(name = "engine {0}")
    @ValueSource(strings = {"bouncycastle", "jdk"})
    void anOversizeLeafKeyIsRefusedAndTheHealthyProbesBesideItPass(String engine) {
        List<ConnectionOutcome> refused = probeBesideHealthy(engine, () -> TestCertificates.unmatchedRsaKey(16384));
        for (ConnectionOutcome o : refused) {
            PhaseResult tls = o.phase(Phase.TLS_HANDSHAKE);
            assertThat(tls.status()).as("%s", o.phases()).isEqualTo(PhaseStatus.FAILED);
            assertThat(tls.failure().orElseThrow()).isInstanceOfSatisfying(Failure.ProbeLimitExceeded.class, f -> {
                assertThat(f.detail()).contains("a 16384-bit RSA key").contains("CN=localhost");
                assertThat(f.limit()).isEqualTo("RSA keys of at most 8192 bits (rdp-probe's limit)");
            });
            assertThat(o.hasFinding(FindingCode.PROBE_LIMIT_EXCEEDED)).as("%s", o.findings()).isTrue();
            assertThat(o.diagnosis().code()).isEqualTo(DiagnosisCode.PROBE_LIMIT_EXCEEDED);
            assertThat(o.diagnosis().summary()).contains("at one of its own limits, not at a known fault of the server")
                    .endsWith("has a 16384-bit RSA key; the probe accepts RSA keys of at most 8192 bits (rdp-probe's limit).");
            assertThat(String.join(" ", o.diagnosis().remedies())).doesNotContainIgnoringCase("replace the RDP certificate");
        }
    }

    @ParameterizedTest(name = "engine {0}")
    @ValueSource(strings = {"bouncycastle", "jdk"})
    void anOversizeIntermediateKeyIsLeftAloneAndTheHealthyProbesBesideItPass(String engine) {
        List<ConnectionOutcome> inspected = probeBesideHealthy(engine, () -> TestCertificates.underUnmatchedRsaIntermediate(16384));
        for (ConnectionOutcome o : inspected) {
            assertThat(o.phase(Phase.TLS_HANDSHAKE).status()).as("%s", o.phases()).isEqualTo(PhaseStatus.OK);
            TlsFacts tls = o.server().tls().orElseThrow();
            assertThat(tls.chain()).hasSize(3);
            CertificateReport intermediate = tls.chain().get(1);
            assertThat(intermediate.keyType()).contains("RSA");
            assertThat(intermediate.keyBits()).isEqualTo(16384);
            assertThat(intermediate.keyOverProbeLimit()).contains("a 16384-bit RSA key; the probe accepts RSA keys of at most 8192 bits (rdp-probe's limit)");
            assertThat(tls.chain().get(0).keyOverProbeLimit()).isEmpty();
            assertThat(tls.trusted()).as("not checked").isEmpty();
            assertThat(tls.trustDetail().orElseThrow()).startsWith("not checked: certificate #2 of the chain (CN=rdp-probe Oversize Intermediate");
            assertThat(o.findings()).filteredOn(f -> f.code() == FindingCode.PROBE_LIMIT_EXCEEDED).singleElement()
                    .satisfies(f -> assertThat(f.message()).contains("certificate #2").contains("16384-bit RSA key").contains("8192"));
            assertThat(o.hasFinding(FindingCode.CERT_UNTRUSTED)).as("trust was not checked, so not judged").isFalse();
        }
    }

    /**
     * After a warm-up (one probe of each kind, so that class loading does not count), probes two servers with
     * fresh hostile certificates and {@link #HEALTHY_PROBES} times a healthy server, all at once on one event loop,
     * under an event-loop watchdog; asserts that the healthy probes pass and the loop never stalled.
     *
     * @return the outcomes of the two hostile servers
     */
    private static List<ConnectionOutcome> probeBesideHealthy(String engine, Supplier<TestCertificate> hostile) {
        List<FakeRdpServer> servers = new ArrayList<>();
        try (FakeRdpServer healthy = FakeRdpServer.start(Scenario.healthy());
                RdpProber prober = RdpProber.builder().threads(1).udp(false).tlsEngine(engine)
                        .phaseTimeout(Duration.ofMillis(1500)).deadline(Duration.ofSeconds(20)).build()) {
            for (int i = 0; i < 3; i++) {
                servers.add(FakeRdpServer.start(Scenario.healthy().withTls(TlsStep.with(hostile.get()))));
            }
            prober.probe(servers.get(0).target()).join();
            prober.probe(healthy.target()).join();

            List<CompletableFuture<ConnectionOutcome>> hostileProbes = new ArrayList<>();
            List<CompletableFuture<ConnectionOutcome>> healthyProbes = new ArrayList<>();
            List<String> violations;
            String summary;
            try (EventLoopWatchdog watchdog = new EventLoopWatchdog("rdp-probe-")) {
                for (int i = 0; i < HEALTHY_PROBES; i++) {
                    healthyProbes.add(prober.probe(healthy.target()));
                    if (i + 1 < servers.size()) {
                        hostileProbes.add(prober.probe(servers.get(i + 1).target()));
                    }
                }
                CompletableFuture.allOf(healthyProbes.toArray(new CompletableFuture<?>[0])).join();
                CompletableFuture.allOf(hostileProbes.toArray(new CompletableFuture<?>[0])).join();
                violations = watchdog.violations();
                summary = watchdog.summary();
            }
            for (CompletableFuture<ConnectionOutcome> f : healthyProbes) {
                ConnectionOutcome o = f.join();
                assertThat(o.verdict()).as("a probe of the healthy server: %s", o.phases()).isEqualTo(Verdict.OK);
            }
            assertThat(violations).as("the event loop stalled (%s)", summary).isEmpty();
            return hostileProbes.stream().map(CompletableFuture::join).toList();
        } finally {
            servers.forEach(FakeRdpServer::close);
        }
    }
}
