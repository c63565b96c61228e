package dev.rdpprobe.core.diagnosis;

import dev.rdpprobe.core.outcome.CredSspFacts;
import dev.rdpprobe.core.outcome.Failure;
import dev.rdpprobe.core.outcome.NtlmServerInfo;
import java.time.Duration;

/**
 * The limits the findings rules and the diagnosis judge by, each defined once here so that a finding and
 * the diagnosis built on it can never disagree about where a limit lies.
 */
public final class DiagnosisLimits {

    /** Beyond this difference between the server's clock and ours, NLA and Kerberos fail. */
    public static final Duration MAX_CLOCK_SKEW = Duration.ofMinutes(5);

    /** {@link #MAX_CLOCK_SKEW} the other way (the server's clock behind ours), made once: negating a Duration computes with BigDecimal. */
    private static final Duration MAX_CLOCK_SKEW_BEHIND = MAX_CLOCK_SKEW.negated();

    /** The smallest loop lag that makes a time-out the prober's suspect, whatever the limit. */
    public static final Duration MIN_OVERLOAD_LAG = Duration.ofMillis(50);

    /** The share of a phase's limit the prober's loop may lag before a time-out is the prober's suspect: one in ... */
    private static final int OVERLOAD_SHARE = 5;

    private DiagnosisLimits() {
    }

    /** {@link #MAX_CLOCK_SKEW} for people, e.g. "5 minutes". */
    public static String maxClockSkewText() {
        return MAX_CLOCK_SKEW.toMinutes() + " minutes";
    }

    /** Whether {@code skew} (either sign) is beyond {@link #MAX_CLOCK_SKEW}. */
    public static boolean clockSkewBeyondLimit(Duration skew) {
        // compared both ways: abs() overflows at Long.MIN_VALUE seconds
        return skew.compareTo(MAX_CLOCK_SKEW) > 0 || skew.compareTo(MAX_CLOCK_SKEW_BEHIND) < 0;
    }

    /** Whether the server's NTLM CHALLENGE showed a clock skew beyond {@link #MAX_CLOCK_SKEW}. */
    public static boolean clockSkewBeyondLimit(CredSspFacts credssp) {
        return credssp.ntlm().map(NtlmServerInfo::clockSkew).map(DiagnosisLimits::clockSkewBeyondLimit).orElse(false);
    }

    /**
     * Whether the prober's own event loop lagged enough during a timed-out phase that the time-out may
     * be the prober's: by more than a fifth of the limit that applied, and at least
     * {@link #MIN_OVERLOAD_LAG} (below that, timer and scheduling jitter). A server that needs more than
     * four fifths of its limit is slow anyway, but a loop that was unavailable for a fifth of it may
     * have sent its own messages, and read the replies, too late for the limit to be the server's.
     */
    public static boolean proberLagged(Failure.TimedOut timedOut) {
        Duration threshold = timedOut.limit().dividedBy(OVERLOAD_SHARE);
        if (threshold.compareTo(MIN_OVERLOAD_LAG) < 0) {
            threshold = MIN_OVERLOAD_LAG;
        }
        return timedOut.localLag().compareTo(threshold) > 0;
    }
}
