package dev.rdpprobe.it;

import dev.rdpprobe.core.RdpProber;
import dev.rdpprobe.core.target.Target;
import dev.rdpprobe.core.outcome.ConnectionOutcome;
import dev.rdpprobe.core.outcome.Finding;
import dev.rdpprobe.core.outcome.PhaseResult;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

/** Probes a real server with loopback-friendly limits, and renders outcomes for assertion messages. */
final class Probes {

    /** Phase limit: loopback Connection Confirms from these servers take up to ~150 ms; leave room on a busy CI host. */
    static final Duration PHASE_TIMEOUT = Duration.ofSeconds(5);
    /** TCP connect limit. */
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(3);
    /** Whole-probe limit. */
    static final Duration DEADLINE = Duration.ofSeconds(30);

    private Probes() {
    }

    /** A builder with the loopback limits and UDP off (TCP assertions only). */
    static RdpProber.Builder tcpOnly() {
        return RdpProber.builder().udp(false).connectTimeout(CONNECT_TIMEOUT).phaseTimeout(PHASE_TIMEOUT).deadline(DEADLINE);
    }

    /** Probes {@code target} once with a fresh prober shaped by {@code options}, and closes the prober. */
    static ConnectionOutcome probe(Target target, UnaryOperator<RdpProber.Builder> options) {
        try (RdpProber prober = options.apply(tcpOnly()).build()) {
            // The probe honours its own deadline; this bound only keeps a broken build from hanging the suite.
            return prober.probe(target).get(DEADLINE.toSeconds() + 30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while probing " + target, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new AssertionError("the probe of " + target + " did not complete with an outcome: " + e, e);
        }
    }

    /** Probes {@code target} with the defaults (UDP off). */
    static ConnectionOutcome probe(Target target) {
        return probe(target, b -> b);
    }

    /** Every phase, the negotiation, TLS and CredSSP facts and the findings, on a few lines. */
    static String describe(ConnectionOutcome o) {
        StringBuilder sb = new StringBuilder("outcome of ").append(o.target()).append(":\n");
        for (PhaseResult p : o.phases()) {
            sb.append("  ").append(p.phase()).append(' ').append(p.status());
            if (p.failure().isPresent()) {
                sb.append(" [").append(p.failure().get().kind()).append("] ").append(p.failure().get().message());
            }
            if (p.note().isPresent()) {
                sb.append(" (").append(p.note().get()).append(')');
            }
            sb.append('\n');
        }
        sb.append("  negotiation: ").append(o.server().negotiation()).append('\n');
        if (o.server().tls().isPresent()) {
            var tls = o.server().tls().get();
            sb.append("  tls: ").append(tls.protocolVersion().orElse(null)).append(' ').append(tls.cipherSuite().orElse(null))
                    .append(" leaf=").append(tls.leaf().map(c -> c.subject()).orElse(null)).append('\n');
        }
        if (o.server().credssp().isPresent()) {
            sb.append("  credssp: ").append(o.server().credssp()).append('\n');
        }
        sb.append("  findings: ").append(o.findings().stream().map(Finding::code).map(Enum::name).collect(Collectors.joining(", ")));
        return sb.toString();
    }
}
