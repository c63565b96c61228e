package dev.rdpprobe.core.internal.sequence;

import java.time.Duration;
import java.util.Objects;

/**
 * The limits one run of the {@link ConnectionSequence} keeps: one per TCP-path phase, and the probe's deadline.
 *
 * @param resolve name resolution
 * @param connect the TCP handshake
 * @param x224 the Connection Confirm after the Connection Request
 * @param tls the TLS handshake
 * @param credssp the server's first TSRequest
 * @param deadline the whole probe, UDP included
 * @param mcs the MCS Connect Response after the Connect Initial
 */
public record PhaseLimits(Duration resolve, Duration connect, Duration x224, Duration tls, Duration credssp,
        Duration deadline, Duration mcs) {

    /** Limits without a separate MCS limit: the MCS phase gets the CredSSP phase's. */
    public PhaseLimits(Duration resolve, Duration connect, Duration x224, Duration tls, Duration credssp, Duration deadline) {
        this(resolve, connect, x224, tls, credssp, deadline, credssp);
    }

    /** Every limit must be given. */
    public PhaseLimits {
        Objects.requireNonNull(resolve, "resolve");
        Objects.requireNonNull(connect, "connect");
        Objects.requireNonNull(x224, "x224");
        Objects.requireNonNull(tls, "tls");
        Objects.requireNonNull(credssp, "credssp");
        Objects.requireNonNull(deadline, "deadline");
        Objects.requireNonNull(mcs, "mcs");
    }
}
