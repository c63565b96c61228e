package dev.rdpprobe.bench.outcome;

import dev.rdpprobe.core.RdpProber;
import dev.rdpprobe.core.diagnosis.Diagnoser;
import dev.rdpprobe.core.diagnosis.FindingRules;
import dev.rdpprobe.core.outcome.ConnectionOutcome;
import dev.rdpprobe.core.outcome.Phase;
import dev.rdpprobe.core.outcome.PhaseStatus;
import dev.rdpprobe.core.tls.TlsInspection;
import dev.rdpprobe.testkit.FakeRdpServer;
import dev.rdpprobe.core.outcome.SecurityProtocol;
import dev.rdpprobe.testkit.Scenario;
import dev.rdpprobe.testkit.tls.TestCertificates;
import dev.rdpprobe.tls.RdpTlsProvider;
import java.security.KeyStore;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * What a whole probe does per probe beyond the wire protocol and the TLS engine, each step on its own:
 * the certificate inspection of the TLS phase ({@link RdpTlsProvider#inspect}: the report of the chain and
 * the PKIX trust check against the JVM's trust store) and the assembly of the outcome (findings and
 * diagnosis, as {@code ProbeEngine} does after every probe). The outcomes are real: recorded in the setup
 * from probes against {@link FakeRdpServer}. These explain the gap between a whole probe and its
 * bare-Netty baseline in the loopback benchmark.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class ProbeOverheadBenchmarks {

    private final RdpTlsProvider provider = new RdpTlsProvider();
    private List<byte[]> chainDer;
    private KeyStore oneAnchor;
    private ConnectionOutcome x224Only;
    private ConnectionOutcome healthyNla;

    /** Mints the certificate and records the two outcomes. */
    @Setup
    public void setUp() {
        chainDer = TestCertificates.localhost().chainDer();
        oneAnchor = TestCertificates.testCa().asTrustStore();
        try (RdpProber prober = RdpProber.builder().udp(false).build()) {
            x224Only = record(prober, Scenario.selecting(SecurityProtocol.RDP), Phase.X224_NEGOTIATION);
            healthyNla = record(prober, Scenario.healthy(), Phase.CREDSSP);
        }
    }

    private static ConnectionOutcome record(RdpProber prober, Scenario scenario, Phase last) {
        try (FakeRdpServer server = FakeRdpServer.start(scenario)) {
            ConnectionOutcome o = prober.probe(server.target()).join();
            if (o.phase(last).status() != PhaseStatus.OK) {
                throw new IllegalStateException("setup probe failed: " + o);
            }
            return o;
        }
    }

    /** The TLS phase's certificate inspection of a self-signed RSA-2048 localhost certificate (what FakeRdpServer presents). */
    @Benchmark
    public TlsInspection inspectCertificate() {
        return provider.inspect(chainDer, "127.0.0.1", Instant.now(), null);
    }

    /**
     * The same inspection with a caller-supplied trust store of one anchor (the testkit CA) instead of the
     * JVM's ~140: the difference is what the PKIX check against the default trust store costs.
     */
    @Benchmark
    public TlsInspection inspectCertificateOneAnchor() {
        return provider.inspect(chainDer, "127.0.0.1", Instant.now(), oneAnchor);
    }

    /** Findings, outcome record and diagnosis of an X.224-only probe (Standard RDP Security selected). */
    @Benchmark
    public ConnectionOutcome assembleOutcomeX224Only() {
        return assemble(x224Only);
    }

    /** Findings, outcome record and diagnosis of a healthy NLA probe (TLS 1.3, NTLM CHALLENGE). */
    @Benchmark
    public ConnectionOutcome assembleOutcomeHealthyNla() {
        return assemble(healthyNla);
    }

    private static ConnectionOutcome assemble(ConnectionOutcome recorded) {
        ConnectionOutcome o = new ConnectionOutcome(recorded.target(), recorded.startedAt(), recorded.total(),
                recorded.phases(), recorded.server(), FindingRules.derive(recorded.phases(), recorded.server()), null);
        return o.withDiagnosis(Diagnoser.diagnose(o));
    }
}
