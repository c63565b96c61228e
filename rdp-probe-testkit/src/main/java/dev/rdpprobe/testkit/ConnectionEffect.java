package dev.rdpprobe.testkit;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;

/**
 * What the fake server does to a connection at one of its steps instead of (or besides) answering:
 * the same set at X.224 ({@link X224Step.Act}), at TLS ({@link TlsStep.Act}) and at CredSSP
 * ({@link CredSspStep.Act}). Bytes are sent in the layer the step is in: raw on TCP at X.224 and
 * before TLS, inside TLS records at CredSSP.
 *
 * <pre>{@code
 * Scenario.healthy().withCredSsp(new CredSspStep.Act(ConnectionEffect.reset()))
 * }</pre>
 */
public sealed interface ConnectionEffect {

    /** Close the connection (FIN); under TLS, the TLS layer sends close_notify first. */
    record Close() implements ConnectionEffect {
    }

    /** Reset the connection (RST, SO_LINGER 0), with no close_notify. */
    record Reset() implements ConnectionEffect {
    }

    /** Shut down the TCP output (a FIN, no close_notify) and keep reading, never closing. */
    record HalfClose() implements ConnectionEffect {
    }

    /** Say nothing and keep the connection open. */
    record Stall() implements ConnectionEffect {
    }

    /**
     * Send these bytes in one write, then close (FIN) or keep the connection open and silent.
     *
     * @param bytes what to send
     * @param closeAfter whether to close once they left
     */
    record Send(byte[] bytes, boolean closeAfter) implements ConnectionEffect {
        /** Copies the bytes. */
        public Send {
            bytes = bytes.clone();
        }

        /** A copy of the bytes. */
        @Override
        public byte[] bytes() {
            return bytes.clone();
        }
    }

    /**
     * Send these bytes one at a time, each byte its own TCP write and flush, {@code interval} apart,
     * then stay silent. Inside TLS, the TLS records carrying them trickle.
     *
     * @param bytes what to send
     * @param interval the pause before each byte
     */
    record Trickle(byte[] bytes, Duration interval) implements ConnectionEffect {
        /** Copies the bytes. */
        public Trickle {
            bytes = bytes.clone();
            Objects.requireNonNull(interval, "interval");
            if (interval.isNegative()) {
                throw new IllegalArgumentException("interval must not be negative, was " + interval);
            }
        }

        /** A copy of the bytes. */
        @Override
        public byte[] bytes() {
            return bytes.clone();
        }
    }

    /** {@link Close}. */
    static ConnectionEffect close() {
        return new Close();
    }

    /** {@link Reset}. */
    static ConnectionEffect reset() {
        return new Reset();
    }

    /** {@link HalfClose}. */
    static ConnectionEffect halfClose() {
        return new HalfClose();
    }

    /** {@link Stall}. */
    static ConnectionEffect stall() {
        return new Stall();
    }

    /** These bytes, then silence. */
    static ConnectionEffect send(byte[] bytes) {
        return new Send(bytes, false);
    }

    /** This text (ISO-8859-1), then silence: an SSH banner, an HTTP answer. */
    static ConnectionEffect send(String text) {
        return new Send(text.getBytes(StandardCharsets.ISO_8859_1), false);
    }

    /** These bytes, then a close (FIN). */
    static ConnectionEffect sendThenClose(byte[] bytes) {
        return new Send(bytes, true);
    }

    /** These bytes one at a time, {@code interval} apart, then silence. */
    static ConnectionEffect trickle(byte[] bytes, Duration interval) {
        return new Trickle(bytes, interval);
    }
}
