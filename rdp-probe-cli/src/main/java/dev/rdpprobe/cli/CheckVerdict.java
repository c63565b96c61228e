package dev.rdpprobe.cli;

import dev.rdpprobe.core.outcome.CertificateReport;
import dev.rdpprobe.core.outcome.ConnectionOutcome;
import dev.rdpprobe.core.outcome.DiagnosisCode;
import dev.rdpprobe.core.outcome.Failure;
import dev.rdpprobe.core.outcome.Finding;
import dev.rdpprobe.core.outcome.FindingCode;
import dev.rdpprobe.core.outcome.Phase;
import dev.rdpprobe.core.outcome.PhaseResult;
import dev.rdpprobe.core.outcome.PhaseStatus;
import dev.rdpprobe.core.outcome.TlsFacts;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * What {@code rdp-probe check} makes of one outcome: the plugin state, the reasons for it, and the
 * performance data.
 *
 * <p>The rules, in order:
 * <ol>
 *   <li>A local problem of the probe itself (an internal error, an overloaded prober, no TLS engine, no
 *       file descriptor, a local error, the probe's own work or limit) says nothing about the server:
 *       UNKNOWN, and the time thresholds are not judged (the time was the probe's).</li>
 *   <li>Otherwise a TCP-path phase that failed or timed out is CRITICAL.</li>
 *   <li>Each finding raises the state its {@link FindingLevels level} says; the total time is judged by
 *       {@code -w}/{@code -c}, the certificate's days left by {@code --cert-warning}/{@code --cert-critical}.</li>
 * </ol>
 * The state is the worst of them, CRITICAL over WARNING over UNKNOWN over OK.
 *
 * @param state the plugin state
 * @param reasons what raised the state above OK, worst first (empty when OK)
 * @param summary the diagnosis summary (or the failure's message when there is no diagnosis), unescaped
 * @param perfData the performance data, in a fixed order
 */
record CheckVerdict(PluginState state, List<String> reasons, String summary, List<PerfDatum> perfData) {

    /** Diagnoses that are about the probing machine or rdp-probe itself, not the server. */
    static final Set<DiagnosisCode> LOCAL_DIAGNOSES = EnumSet.of(DiagnosisCode.INTERNAL_ERROR, DiagnosisCode.LOCAL_OVERLOAD,
            DiagnosisCode.TLS_UNAVAILABLE, DiagnosisCode.OUT_OF_FILE_DESCRIPTORS, DiagnosisCode.LOCAL_ERROR,
            DiagnosisCode.CERT_INSPECTION_TIMED_OUT, DiagnosisCode.PROBE_LIMIT_EXCEEDED);

    CheckVerdict {
        reasons = List.copyOf(reasons);
        perfData = List.copyOf(perfData);
    }

    /**
     * Judges an outcome.
     *
     * @param outcome the probe's outcome
     * @param thresholds the thresholds given
     * @param levels the state each finding raises
     * @param timeoutSeconds the check's {@code -t}, the greatest total time (perfdata max)
     * @param udp whether the UDP phase was probed (its time is in the perfdata only then)
     */
    static CheckVerdict of(ConnectionOutcome outcome, CheckThresholds thresholds, FindingLevels levels, double timeoutSeconds,
            boolean udp) {
        List<Reason> reasons = new ArrayList<>();
        Optional<PhaseResult> local = outcome.phases().stream().filter(p -> p.failure().filter(CheckVerdict::isLocal).isPresent())
                .findFirst();
        boolean localProblem = local.isPresent() || outcome.hasFinding(FindingCode.LOCAL_OVERLOAD)
                || (outcome.diagnosis() != null && LOCAL_DIAGNOSES.contains(outcome.diagnosis().code()));
        if (localProblem) {
            String where = local.map(p -> " at " + p.phase()).orElse("");
            String code = outcome.diagnosis() != null ? " (" + outcome.diagnosis().code() + ")" : "";
            reasons.add(new Reason(PluginState.UNKNOWN, "the probe itself failed" + where + code + ", which says nothing about the server"));
        } else {
            outcome.failedPhase().ifPresent(phase -> {
                PhaseResult result = outcome.phase(phase);
                String how = result.status() == PhaseStatus.TIMED_OUT ? " timed out" : " failed";
                String code = outcome.diagnosis() != null ? " (" + outcome.diagnosis().code() + ")" : "";
                reasons.add(new Reason(PluginState.CRITICAL, phase + how + code));
            });
        }
        for (Finding finding : outcome.findings()) {
            PluginState state = levels.of(finding.code());
            if (state != PluginState.OK && reasons.stream().noneMatch(r -> r.text().equals(finding.code().name()))) {
                reasons.add(new Reason(state, finding.code().name()));
            }
        }
        double total = seconds(outcome.total().toNanos());
        if (!localProblem) {
            judge(reasons, thresholds.critical(), PluginState.CRITICAL, total, "total time " + ThresholdRange.number(round(total)) + "s", "-c");
            if (thresholds.critical() == null || !thresholds.critical().alerts(total)) {
                judge(reasons, thresholds.warning(), PluginState.WARNING, total, "total time " + ThresholdRange.number(round(total)) + "s", "-w");
            }
        }
        Optional<Long> daysLeft = daysLeft(outcome);
        daysLeft.ifPresent(days -> {
            judge(reasons, thresholds.certCritical(), PluginState.CRITICAL, days, "certificate " + days + " days left", "--cert-critical");
            if (thresholds.certCritical() == null || !thresholds.certCritical().alerts(days)) {
                judge(reasons, thresholds.certWarning(), PluginState.WARNING, days, "certificate " + days + " days left", "--cert-warning");
            }
        });

        PluginState state = PluginState.OK;
        for (Reason r : reasons) {
            state = PluginState.worst(state, r.state());
        }
        List<String> ordered = new ArrayList<>();
        for (PluginState s : List.of(PluginState.CRITICAL, PluginState.WARNING, PluginState.UNKNOWN)) {
            reasons.stream().filter(r -> r.state() == s).forEach(r -> ordered.add(r.text()));
        }
        return new CheckVerdict(state, ordered, summary(outcome), perfData(outcome, thresholds, timeoutSeconds, udp, daysLeft));
    }

    /** Whether a failure is the probe's own, not the server's. */
    static boolean isLocal(Failure failure) {
        return failure instanceof Failure.Internal || failure instanceof Failure.OutOfFileDescriptors
                || failure instanceof Failure.TlsEngineUnavailable || failure instanceof Failure.LocalError
                || failure instanceof Failure.LocalWorkTimedOut || failure instanceof Failure.ProbeLimitExceeded;
    }

    private static void judge(List<Reason> reasons, ThresholdRange range, PluginState state, double value, String what, String option) {
        if (range != null && range.alerts(value)) {
            reasons.add(new Reason(state, what + " (" + option + " " + range + ")"));
        }
    }

    /** The leaf certificate's whole days left, when a certificate with a readable expiry was seen. */
    static Optional<Long> daysLeft(ConnectionOutcome outcome) {
        return outcome.server().tls().flatMap(TlsFacts::leaf).filter(c -> c.notAfter().isPresent()).map(CertificateReport::daysLeft);
    }

    private static String summary(ConnectionOutcome outcome) {
        if (outcome.diagnosis() != null) {
            return outcome.diagnosis().summary();
        }
        return outcome.failure().map(Failure::message).orElse(outcome.target() + " answered");
    }

    private static List<PerfDatum> perfData(ConnectionOutcome outcome, CheckThresholds thresholds, double timeoutSeconds, boolean udp,
            Optional<Long> daysLeft) {
        List<PerfDatum> out = new ArrayList<>();
        for (PhaseResult p : outcome.phases()) {
            if (p.phase() == Phase.UDP_TRANSPORT && !udp) {
                continue;
            }
            boolean ran = p.status() != PhaseStatus.SKIPPED && p.status() != PhaseStatus.NOT_REACHED;
            out.add(new PerfDatum(p.phase().name().toLowerCase(Locale.ROOT), ran ? seconds(p.elapsed().toNanos()) : null, "s",
                    null, null, 0.0, null));
        }
        out.add(new PerfDatum("total", seconds(outcome.total().toNanos()), "s", thresholds.warning(), thresholds.critical(), 0.0,
                timeoutSeconds));
        daysLeft.ifPresent(days -> out.add(new PerfDatum("cert_days_left", (double) days, "", thresholds.certWarning(),
                thresholds.certCritical(), null, null)));
        return out;
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }

    private static double round(double seconds) {
        return Math.round(seconds * 1000) / 1000.0;
    }

    /** One thing that raised the state. */
    private record Reason(PluginState state, String text) {
    }
}
