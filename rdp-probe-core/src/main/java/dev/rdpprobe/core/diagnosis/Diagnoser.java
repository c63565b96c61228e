package dev.rdpprobe.core.diagnosis;

import dev.rdpprobe.core.outcome.ConnectionOutcome;
import java.util.List;

/** PLACEHOLDER until the diagnosis branch merges. */
public final class Diagnoser {
    private Diagnoser() {
    }

    public static Diagnosis diagnose(ConnectionOutcome outcome) {
        return new Diagnosis(DiagnosisCode.HEALTHY, "placeholder", null, List.of());
    }
}
