package dev.rdpprobe.core.internal.sequence;

import dev.rdpprobe.core.tls.TlsRequest;
import java.net.InetSocketAddress;
import java.util.Objects;

/** What the {@link ConnectionSequence} asks its driver to do next. */
public sealed interface Action {

    /** Nothing to do; keep waiting for events (the deadline may have moved: re-read it). */
    record Wait() implements Action {
    }

    /** Resolve this host name, then report {@code resolved} or {@code resolveFailed}. */
    record Resolve(String host) implements Action {
    }

    /** Open a TCP connection, then report {@code connected} or {@code connectFailed}. */
    record Connect(InetSocketAddress address) implements Action {
    }

    /**
     * Send these bytes; inbound bytes are now framed as {@link #framing()}.
     *
     * @param bytes what to send (owned by the driver from now on)
     * @param framing how to frame what comes back
     */
    record Send(byte[] bytes, Framing framing) implements Action {
        public Send {
            Objects.requireNonNull(bytes, "bytes");
            Objects.requireNonNull(framing, "framing");
        }
    }

    /** Start a TLS client handshake on the connection, then report {@code tlsEstablished} or {@code tlsFailed}. */
    record StartTls(TlsRequest request) implements Action {
    }

    /** The TCP path is done: close the connection; the result is final. */
    record Finish(SequenceResult result) implements Action {
    }
}
