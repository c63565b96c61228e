package dev.rdpprobe.core.internal.sequence;

import dev.rdpprobe.core.tls.TlsRequest;
import java.net.InetSocketAddress;
import java.util.Objects;

/**
 * What a sans-I/O machine ({@link ProbeMachine}) asks its driver to do: the one action family of the TCP
 * {@link ConnectionSequence} and of the UDP probe machine. A machine answers every event with a list of actions,
 * which the driver performs in order; once it has performed a {@link Finish}, it ignores whatever follows.
 *
 * @param <R> the type of the machine's result, carried by {@link Finish}
 */
public sealed interface Action<R> {

    /** Resolve this host name, then report {@code resolved} or {@code resolveFailed}. */
    record Resolve<R>(String host) implements Action<R> {
        public Resolve {
            Objects.requireNonNull(host, "host");
        }
    }

    /** Open a TCP connection, then report {@code connected} or {@code connectFailed}. */
    record Connect<R>(InetSocketAddress address) implements Action<R> {
        public Connect {
            Objects.requireNonNull(address, "address");
        }
    }

    /**
     * Start the UDP probe beside this machine, to {@code address} (resolved; the target's port). Its result is the
     * UDP_TRANSPORT phase of the probe; this machine does not wait for it.
     */
    record StartUdp<R>(InetSocketAddress address) implements Action<R> {
        public StartUdp {
            Objects.requireNonNull(address, "address");
        }
    }

    /**
     * Send these bytes on the TCP connection; inbound bytes are now framed as {@link #framing()}.
     *
     * @param bytes what to send (owned by the driver from now on)
     * @param framing how to frame what comes back
     */
    record Send<R>(byte[] bytes, Framing framing) implements Action<R> {
        public Send {
            Objects.requireNonNull(bytes, "bytes");
            Objects.requireNonNull(framing, "framing");
        }
    }

    /** Start a TLS client handshake on the connection, then report {@code tlsEstablished} or {@code tlsFailed}. */
    record StartTls<R>(TlsRequest request) implements Action<R> {
        public StartTls {
            Objects.requireNonNull(request, "request");
        }
    }

    /**
     * Send this datagram to the server.
     *
     * @param datagram the whole UDP payload (a copy is handed out)
     */
    record SendDatagram<R>(byte[] datagram) implements Action<R> {
        /** Copies the datagram, which must not be null. */
        public SendDatagram {
            datagram = Objects.requireNonNull(datagram, "datagram").clone();
        }

        /** The datagram (a copy). */
        @Override
        public byte[] datagram() {
            return datagram.clone();
        }

        /** Its length in bytes. */
        public int length() {
            return datagram.length;
        }
    }

    /**
     * The one timer rule: arm the machine's single timer for this {@link System#nanoTime()} instant, replacing any
     * timer armed before ({@link Finish} cancels it). When it is due, the driver lets one pass of I/O run (a reply
     * may already wait in a socket buffer), then calls {@link ProbeMachine#onTimer}; a call before the instant is
     * answered with the same timer again.
     *
     * @param atNanos when, on the nanoTime scale
     */
    record ArmTimer<R>(long atNanos) implements Action<R> {
    }

    /** Tell the probe's listener what happened (a phase started or ended, facts arrived); changes nothing. */
    record Report<R>(ProbeEvent event) implements Action<R> {
        public Report {
            Objects.requireNonNull(event, "event");
        }
    }

    /** The machine is done: cancel its timer, close its connection or socket; the result is final. */
    record Finish<R>(R result) implements Action<R> {
        public Finish {
            Objects.requireNonNull(result, "result");
        }
    }
}
