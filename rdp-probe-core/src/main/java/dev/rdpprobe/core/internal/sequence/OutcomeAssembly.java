package dev.rdpprobe.core.internal.sequence;

import dev.rdpprobe.core.diagnosis.Diagnoser;
import dev.rdpprobe.core.diagnosis.FindingRules;
import dev.rdpprobe.core.outcome.ConnectionOutcome;
import dev.rdpprobe.core.outcome.Diagnosis;
import dev.rdpprobe.core.outcome.DiagnosisCode;
import dev.rdpprobe.core.outcome.EncryptionMethodSupport;
import dev.rdpprobe.core.outcome.Failure;
import dev.rdpprobe.core.outcome.LocalFailures;
import dev.rdpprobe.core.outcome.Phase;
import dev.rdpprobe.core.outcome.PhaseResult;
import dev.rdpprobe.core.outcome.SecurityLayerSupport;
import dev.rdpprobe.core.outcome.ServerFacts;
import dev.rdpprobe.core.outcome.TlsFacts;
import dev.rdpprobe.core.outcome.TlsVersionSupport;
import dev.rdpprobe.core.outcome.UdpFacts;
import dev.rdpprobe.core.target.Target;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds a probe's {@link ConnectionOutcome} from what its runs produced, without I/O: the TCP path, the UDP
 * phase, the enumerations; then its findings and its diagnosis. Every outcome it returns is complete (it has a
 * diagnosis): should deriving the findings or the diagnosis fail, the phases and facts stand and the diagnosis
 * says that rdp-probe failed (INTERNAL_ERROR).
 */
public final class OutcomeAssembly {

    /** The note of a UDP phase that was not run because the caller switched UDP off. */
    public static final String UDP_OFF = "UDP probe switched off";

    /**
     * The UDP_TRANSPORT phase's part of an outcome.
     *
     * @param phase its result
     * @param facts what it learned, or {@code null}
     */
    public record Udp(PhaseResult phase, UdpFacts facts) {
        /** The phase result must be the UDP_TRANSPORT phase's. */
        public Udp {
            if (phase.phase() != Phase.UDP_TRANSPORT) {
                throw new IllegalArgumentException("the UDP part of an outcome is for UDP_TRANSPORT, not " + phase.phase());
            }
        }

        /** The UDP phase of a probe that never started it: switched off, or not reached (no address to probe). */
        public static Udp notStarted(boolean wanted) {
            return new Udp(wanted ? PhaseResult.notReached(Phase.UDP_TRANSPORT) : PhaseResult.skipped(Phase.UDP_TRANSPORT, UDP_OFF),
                    null);
        }
    }

    private OutcomeAssembly() {
    }

    /**
     * The outcome of a probe.
     *
     * @param target the target
     * @param startedAt when it started (wall clock)
     * @param total how long it took
     * @param tcp the TCP path's result
     * @param udp the UDP phase
     * @param layers the security-layer enumeration, or {@code null} if none ran
     * @param versions the TLS-version enumeration, or {@code null} if none ran
     * @param tlsEngine the TLS engine's name, for the TLS facts of an enumeration without a main handshake
     */
    public static ConnectionOutcome assemble(Target target, Instant startedAt, Duration total, SequenceResult tcp, Udp udp,
            List<SecurityLayerSupport> layers, List<TlsVersionSupport> versions, String tlsEngine) {
        return assemble(target, startedAt, total, tcp, udp, layers, null, versions, tlsEngine);
    }

    /**
     * The outcome of a probe with the encryption-method enumeration too.
     *
     * @param methods the encryption-method enumeration, or {@code null} if none ran
     * @see #assemble(Target, Instant, Duration, SequenceResult, Udp, List, List, String)
     */
    public static ConnectionOutcome assemble(Target target, Instant startedAt, Duration total, SequenceResult tcp, Udp udp,
            List<SecurityLayerSupport> layers, List<EncryptionMethodSupport> methods, List<TlsVersionSupport> versions,
            String tlsEngine) {
        List<PhaseResult> phases = new ArrayList<>(tcp.tcpPhases());
        phases.add(udp.phase());
        ServerFacts facts = tcp.facts();
        if (udp.facts() != null) {
            facts = facts.withUdp(udp.facts());
        }
        if (layers != null) {
            facts = facts.withSecurityLayers(layers, Enumerations.nlaRequired(layers));
        }
        if (methods != null) {
            facts = facts.withEncryptionMethods(methods);
        }
        if (versions != null) {
            TlsFacts t = facts.tls().orElseGet(() -> TlsFacts.failedHandshake(tlsEngine));
            facts = facts.withTls(t.withVersions(versions));
        }
        try {
            List<PhaseResult> all = new ConnectionOutcome(target, startedAt, total, phases, facts, List.of(), null).phases();
            ConnectionOutcome undiagnosed = new ConnectionOutcome(target, startedAt, total, all, facts,
                    FindingRules.derive(all, facts), null);
            return undiagnosed.withDiagnosis(Diagnoser.diagnose(undiagnosed));
        } catch (RuntimeException e) {
            // The phases and facts stand; only their interpretation failed, and the diagnosis says so.
            return withoutInterpretation(target, startedAt, total, phases, facts,
                    new Failure.Internal("deriving the findings and the diagnosis", LocalFailures.describe(e)));
        }
    }

    /** An outcome without findings (their facts are gone or in doubt), diagnosed; INTERNAL_ERROR if even that fails. */
    public static ConnectionOutcome withoutFindings(Target target, Instant startedAt, Duration total, SequenceResult tcp,
            PhaseResult udp) {
        List<PhaseResult> phases = new ArrayList<>(tcp.tcpPhases());
        phases.add(udp);
        try {
            ConnectionOutcome undiagnosed = new ConnectionOutcome(target, startedAt, total, phases, tcp.facts(), List.of(), null);
            return undiagnosed.withDiagnosis(Diagnoser.diagnose(undiagnosed));
        } catch (RuntimeException e) {
            return withoutInterpretation(target, startedAt, total, phases, tcp.facts(),
                    new Failure.Internal("diagnosing the outcome", LocalFailures.describe(e)));
        }
    }

    private static ConnectionOutcome withoutInterpretation(Target target, Instant startedAt, Duration total,
            List<PhaseResult> phases, ServerFacts facts, Failure.Internal failure) {
        ConnectionOutcome bare = new ConnectionOutcome(target, startedAt, total, phases, facts, List.of(), null);
        return bare.withDiagnosis(internalError(bare, failure));
    }

    /**
     * The diagnosis of an outcome that rdp-probe could not finish interpreting: the table's INTERNAL_ERROR
     * entry; should even that fail, the same words without the table.
     */
    public static Diagnosis internalError(ConnectionOutcome outcome, Failure.Internal failure) {
        try {
            return Diagnoser.internalError(outcome, failure);
        } catch (RuntimeException e) {
            return new Diagnosis(DiagnosisCode.INTERNAL_ERROR, "A bug in rdp-probe ended its probe of " + outcome.target()
                    + " (" + failure.message() + "), so this result says nothing about the server.", null,
                    List.of("Probe again; if it happens again, report it to the rdp-probe project with this message."));
        }
    }
}
