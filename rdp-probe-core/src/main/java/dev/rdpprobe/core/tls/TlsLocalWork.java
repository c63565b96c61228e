package dev.rdpprobe.core.tls;

/**
 * User event fired by a {@link TlsProvider} handler on the event loop when it hands handshake computation to the
 * prober's off-loop executor ({@code pending = true}) and when the result is back ({@code false}). While work is
 * pending, the server has answered and the probe is the one taking time: a timeout then fails the TLS phase as the
 * probe's own ({@code Failure.LocalWorkTimedOut}), not as silence of the server. Optional: a handler that never
 * fires it is timed as if the server were silent.
 *
 * @param pending whether the handler's work is now in flight
 */
public record TlsLocalWork(boolean pending) {

    /** The work went to the executor. */
    public static final TlsLocalWork STARTED = new TlsLocalWork(true);

    /** The work is back on the event loop. */
    public static final TlsLocalWork DONE = new TlsLocalWork(false);
}
