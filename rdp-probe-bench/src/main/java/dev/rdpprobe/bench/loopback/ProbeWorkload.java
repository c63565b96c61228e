package dev.rdpprobe.bench.loopback;

import dev.rdpprobe.core.RdpProber;
import dev.rdpprobe.core.target.Target;
import dev.rdpprobe.core.outcome.ConnectionOutcome;
import dev.rdpprobe.core.outcome.Phase;
import dev.rdpprobe.core.outcome.PhaseStatus;
import dev.rdpprobe.core.outcome.TlsFacts;
import dev.rdpprobe.testkit.FakeRdpServer;
import dev.rdpprobe.core.outcome.SecurityProtocol;
import dev.rdpprobe.testkit.Scenario;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Whole probes through the public API ({@link RdpProber#probe}) against a {@link FakeRdpServer} on
 * 127.0.0.1, UDP off, with timeouts long enough that overload never turns into a timeout. An operation
 * counts only if the probe reached the phase it is meant to reach with status OK.
 */
public final class ProbeWorkload implements Workload {

    /**
     * The prober's threads: its event loops (rdp-probe-…) and the workers it hands TLS computation and
     * certificate inspection to (rdp-certificate-work-…); the fake server's are fake-rdp-server-….
     */
    public static final List<String> CLIENT_THREADS = List.of("rdp-probe-", "rdp-certificate-work-");

    private final String name;
    private final FakeRdpServer server;
    private final RdpProber prober;
    private final Target target;
    private final Phase lastPhase;

    private ProbeWorkload(String name, Scenario scenario, String tlsEngine, Phase lastPhase, boolean mcsConnect) {
        this.name = name;
        this.lastPhase = lastPhase;
        this.server = FakeRdpServer.start(scenario);
        this.target = server.target();
        this.prober = RdpProber.builder()
                .udp(false)
                .tlsEngine(tlsEngine)
                .connectTimeout(Duration.ofSeconds(30))
                .phaseTimeout(Duration.ofSeconds(30))
                .deadline(Duration.ofSeconds(60))
                .threads(2)
                .mcsConnect(mcsConnect)
                .build();
    }

    /**
     * (a) The TCP path through X.224 only: the server selects Standard RDP Security, so TLS and CredSSP are skipped,
     * and the MCS Connect that would follow is switched off (it is a second exchange, which the bare TCP baseline's one
     * request and answer do not have).
     */
    public static ProbeWorkload x224Only() {
        return new ProbeWorkload("probe, X.224 only", Scenario.selecting(SecurityProtocol.RDP), null, Phase.X224_NEGOTIATION,
                false);
    }

    /** (b) The TCP path through CredSSP (a healthy NLA server) with this TLS engine. */
    public static ProbeWorkload throughCredSsp(String engine) {
        return new ProbeWorkload("probe through CredSSP, " + engine, Scenario.healthy(), engine, Phase.CREDSSP, true);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public List<String> clientThreadPrefixes() {
        return CLIENT_THREADS;
    }

    @Override
    public CompletableFuture<String> start() {
        return prober.probe(target).thenApply(this::check);
    }

    private String check(ConnectionOutcome o) {
        if (o.phase(lastPhase).status() != PhaseStatus.OK) {
            throw new CompletionException(new IllegalStateException(lastPhase + " " + o.phase(lastPhase).status()
                    + " " + o.failure().map(Object::toString).orElse("")));
        }
        if (o.server().tls().isEmpty()) {
            return o.server().negotiation().orElseThrow().selectedValue().orElseThrow().toString();
        }
        TlsFacts tls = o.server().tls().get();
        return tls.protocolVersion().orElseThrow() + " " + tls.cipherSuite().orElse("?");
    }

    @Override
    public void close() {
        prober.close();
        server.close();
    }
}
