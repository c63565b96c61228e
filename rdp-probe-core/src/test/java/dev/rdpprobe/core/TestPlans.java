package dev.rdpprobe.core;

import dev.rdpprobe.core.internal.sequence.SequencePlan;
import dev.rdpprobe.core.target.Target;

/** The plan a prober with these options gives its main run, for the machines' tests in other packages. */
public final class TestPlans {

    private TestPlans() {
    }

    /** {@link ProbePlans#sequence}. */
    public static SequencePlan of(Target target, ProbeOptions options) {
        return ProbePlans.sequence(target, options);
    }
}
