package dev.rdpprobe.core.outcome;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The result of one phase.
 *
 * @param phase the phase
 * @param status how it ended
 * @param startOffset when it started, relative to the start of the probe ({@link Duration#ZERO} if it never started)
 * @param elapsed how long it took ({@link Duration#ZERO} if it never started)
 * @param failure why it failed or timed out; present exactly when the status is FAILED or TIMED_OUT
 * @param note a short human note for SKIPPED / NOT_REACHED phases (why); empty when there is none
 */
public record PhaseResult(
        Phase phase, PhaseStatus status, Duration startOffset, Duration elapsed, Optional<Failure> failure, Optional<String> note) {

    public PhaseResult {
        Objects.requireNonNull(phase, "phase");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(startOffset, "startOffset");
        Objects.requireNonNull(elapsed, "elapsed");
        Objects.requireNonNull(failure, "failure");
        Objects.requireNonNull(note, "note");
        if (status.isProblem() && failure.isEmpty()) {
            throw new IllegalArgumentException(phase + " is " + status + " but has no failure");
        }
        if (!status.isProblem() && failure.isPresent()) {
            throw new IllegalArgumentException(phase + " is " + status + " but carries a failure");
        }
    }

    /** A phase that completed. */
    public static PhaseResult ok(Phase phase, Duration startOffset, Duration elapsed) {
        return new PhaseResult(phase, PhaseStatus.OK, startOffset, elapsed, Optional.empty(), Optional.empty());
    }

    /** A phase that failed or timed out; the status follows from {@link Failure#isTimeout()}. */
    public static PhaseResult failed(Phase phase, Duration startOffset, Duration elapsed, Failure failure) {
        PhaseStatus status = failure.isTimeout() ? PhaseStatus.TIMED_OUT : PhaseStatus.FAILED;
        return new PhaseResult(phase, status, startOffset, elapsed, Optional.of(failure), Optional.empty());
    }

    /** A phase that does not apply or was switched off. */
    public static PhaseResult skipped(Phase phase, String why) {
        return new PhaseResult(phase, PhaseStatus.SKIPPED, Duration.ZERO, Duration.ZERO, Optional.empty(), Optional.ofNullable(why));
    }

    /** A phase that an earlier failure kept from running. */
    public static PhaseResult notReached(Phase phase) {
        return new PhaseResult(phase, PhaseStatus.NOT_REACHED, Duration.ZERO, Duration.ZERO, Optional.empty(), Optional.empty());
    }
}
