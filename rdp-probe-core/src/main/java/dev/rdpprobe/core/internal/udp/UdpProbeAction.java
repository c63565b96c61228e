package dev.rdpprobe.core.internal.udp;

import java.util.Objects;

/** What {@link UdpProbeMachine} asks its driver to do, in the order given. */
public sealed interface UdpProbeAction {

    /**
     * Send this datagram to the server.
     *
     * @param datagram the whole UDP payload (a copy is handed out)
     */
    record SendDatagram(byte[] datagram) implements UdpProbeAction {
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
     * Arm the single timer to fire at this {@link System#nanoTime()} instant, replacing any timer armed
     * before; when it fires, call {@link UdpProbeMachine#onTimer(long)}.
     *
     * @param atNanos when, on the nanoTime scale
     */
    record ArmTimer(long atNanos) implements UdpProbeAction {
    }

    /**
     * The phase is over: cancel the timer, close the channel, report this result. Later events are ignored.
     *
     * @param result how the phase ended
     */
    record Finish(UdpProbeResult result) implements UdpProbeAction {
        /** The result must not be null. */
        public Finish {
            Objects.requireNonNull(result, "result");
        }
    }
}
