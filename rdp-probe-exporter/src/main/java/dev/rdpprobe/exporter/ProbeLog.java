package dev.rdpprobe.exporter;

import dev.rdpprobe.core.ProbeListener;
import dev.rdpprobe.core.outcome.ConnectionOutcome;
import dev.rdpprobe.core.outcome.CredSspFacts;
import dev.rdpprobe.core.outcome.NegotiationFacts;
import dev.rdpprobe.core.outcome.Phase;
import dev.rdpprobe.core.outcome.PhaseResult;
import dev.rdpprobe.core.outcome.TlsFacts;
import dev.rdpprobe.core.outcome.UdpFacts;
import dev.rdpprobe.core.target.Target;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The log of one probe for {@code &debug=true}: each event the prober's {@link ProbeListener} hears, with its time
 * from the probe's start, as it happened (a phase started or ended, a fact learned). Only a debug request has one:
 * {@link #FACTORY} gives the log {@link #recordNext} set on the calling thread, and no listener otherwise, so a
 * plain scrape costs nothing.
 */
final class ProbeLog implements ProbeListener {

    private static final ThreadLocal<ProbeLog> NEXT = new ThreadLocal<>();

    /** The listener factory of every prober of the exporter. */
    static final ProbeListener.Factory FACTORY = target -> {
        ProbeLog log = NEXT.get();
        return log != null ? log : ProbeListener.NONE;
    };

    /** The most lines kept (a probe has a few dozen events). */
    static final int MAX_LINES = 200;

    private final long start = System.nanoTime();
    private final List<String> lines = new ArrayList<>();

    /** Runs {@code probe} so that the probe it starts on this thread is logged here. */
    static <T> T recordNext(ProbeLog log, java.util.function.Supplier<T> probe) {
        NEXT.set(log);
        try {
            return probe.get();
        } finally {
            NEXT.remove();
        }
    }

    /** The lines so far. */
    synchronized List<String> lines() {
        return List.copyOf(lines);
    }

    private synchronized void add(String event) {
        if (lines.size() < MAX_LINES) {
            lines.add(String.format(Locale.ROOT, "%9.1f ms  %s", (System.nanoTime() - start) / 1e6, event));
        }
    }

    @Override
    public void probeStarted(Target target) {
        add("probe of " + target + " started");
    }

    @Override
    public void phaseStarted(Target target, Phase phase) {
        add(phase + " started");
    }

    @Override
    public void phaseEnded(Target target, PhaseResult result) {
        add(result.phase() + " ended " + result.status() + result.failure().map(f -> ": " + f.kind()).orElse(""));
    }

    @Override
    public void negotiated(Target target, NegotiationFacts negotiation) {
        add("X.224 answer: " + negotiation.selected().map(p -> "selected " + p).orElse(negotiation.failure().map(f -> "refused " + f).orElse("legacy confirm")));
    }

    @Override
    public void tlsEstablished(Target target, TlsFacts tls) {
        add("TLS established: " + tls.protocolVersion().map(Object::toString).orElse("?") + " " + tls.cipherSuite().orElse("")
                + " (" + tls.chain().size() + " certificates)");
    }

    @Override
    public void credSspAnswered(Target target, CredSspFacts credssp) {
        add("CredSSP answer: version " + credssp.version() + (credssp.ntlm().isPresent() ? ", NTLM CHALLENGE" : "")
                + credssp.errorName().map(e -> ", error " + e).orElse(""));
    }

    @Override
    public void udpAnswered(Target target, UdpFacts udp) {
        add("UDP: " + (udp.answered() ? "SYN+ACK" : "no answer") + " after " + udp.attempts() + " SYN");
    }

    @Override
    public void probeEnded(Target target, ConnectionOutcome outcome) {
        add("probe ended " + outcome.verdict());
    }

    @Override
    public void probeCancelled(Target target) {
        add("probe cancelled");
    }
}
