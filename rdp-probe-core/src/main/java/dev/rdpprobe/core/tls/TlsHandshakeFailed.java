package dev.rdpprobe.core.tls;

import dev.rdpprobe.core.outcome.Failure;
import java.util.Objects;

/**
 * User event fired by a {@link TlsProvider} handler when the handshake failed at the TLS level: an
 * alert (received or raised), no common version or cipher, or a peer that does not speak TLS.
 *
 * @param failure one of {@link Failure.TlsAlert}, {@link Failure.TlsVersionRefused},
 *     {@link Failure.TlsNoSharedCipher}, {@link Failure.NotTls}, {@link Failure.TlsError}
 */
public record TlsHandshakeFailed(Failure failure) {
    public TlsHandshakeFailed {
        Objects.requireNonNull(failure, "failure");
    }
}
