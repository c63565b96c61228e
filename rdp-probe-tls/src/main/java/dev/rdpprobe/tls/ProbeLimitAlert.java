package dev.rdpprobe.tls;

import dev.rdpprobe.core.outcome.Failure;
import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.TlsFatalAlert;

/**
 * Raised inside BouncyCastle's handshake when the server sends something over one of {@link TlsLimits}:
 * the handshake ends with the alert unsupported_certificate (43) to the server, and the handler reports
 * the failure this carries instead of the alert.
 */
final class ProbeLimitAlert extends TlsFatalAlert {

    private static final long serialVersionUID = 1L;

    private final transient Failure.ProbeLimitExceeded failure;

    ProbeLimitAlert(Failure.ProbeLimitExceeded failure) {
        super(AlertDescription.unsupported_certificate, failure.message());
        this.failure = failure;
    }

    Failure.ProbeLimitExceeded failure() {
        return failure;
    }

    /** The failure carried by {@code error} or one of its causes, or {@code null}. */
    static Failure.ProbeLimitExceeded find(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ProbeLimitAlert alert) {
                return alert.failure();
            }
        }
        return null;
    }
}
