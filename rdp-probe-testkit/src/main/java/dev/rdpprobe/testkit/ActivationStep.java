package dev.rdpprobe.testkit;

import java.util.Objects;

/**
 * What the {@link FakeRdpServer} does after its MCS Connect Response, inside TLS with no RDP encryption (after NLA,
 * or TLS alone): serve the rest of the connection sequence — Attach User, Channel Joins, the licensing PDU a server
 * without a licence server sends (STATUS_VALID_CLIENT), a Demand Active, the finalisation answers — and then hold the
 * session until the client leaves ({@link Serve}); or perform an effect when the client reaches a phase ({@link Act}).
 * Under Standard RDP Security nothing is served after the Connect Response.
 */
public sealed interface ActivationStep {

    /**
     * Serve the connection to activation, then hold it (a Shutdown Request is denied; a Disconnect Provider
     * Ultimatum ends it).
     *
     * @param desktopWidth the Demand Active's desktop width
     * @param desktopHeight its height
     * @param colorDepth its preferred bits per pixel (8, 15, 16, 24 or 32)
     */
    record Serve(int desktopWidth, int desktopHeight, int colorDepth) implements ActivationStep {
        /** Checks the values. */
        public Serve {
            if (desktopWidth < 1 || desktopWidth > 8192 || desktopHeight < 1 || desktopHeight > 8192) {
                throw new IllegalArgumentException("desktop " + desktopWidth + "x" + desktopHeight + " out of range 1..8192");
            }
            if (colorDepth != 8 && colorDepth != 15 && colorDepth != 16 && colorDepth != 24 && colorDepth != 32) {
                throw new IllegalArgumentException("colorDepth " + colorDepth + ": one of 8, 15, 16, 24, 32");
            }
        }
    }

    /**
     * Serve up to {@code at}, and when the client's PDU of that phase arrives perform {@code effect} instead of
     * answering it: {@link ActivationPhase#ATTACH_USER} (the Attach User Request), {@link ActivationPhase#CLIENT_INFO}
     * (the Client Info PDU, instead of licensing) or {@link ActivationPhase#CONFIRM_ACTIVE} (the Confirm Active,
     * instead of finalisation).
     *
     * @param at where
     * @param effect what (close, reset, stall …)
     */
    record Act(ActivationPhase at, ConnectionEffect effect) implements ActivationStep {
        /** Checks the values. */
        public Act {
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(effect, "effect");
            if (at != ActivationPhase.ATTACH_USER && at != ActivationPhase.CLIENT_INFO && at != ActivationPhase.CONFIRM_ACTIVE) {
                throw new IllegalArgumentException(at + ": an effect acts at ATTACH_USER, CLIENT_INFO or CONFIRM_ACTIVE");
            }
        }
    }

    /** Serve to activation with a 1024 × 768 desktop at 16 bits per pixel, as a default Windows session offers. */
    static Serve serve() {
        return new Serve(1024, 768, 16);
    }

    /** Perform {@code effect} when the client's PDU of phase {@code at} arrives. */
    static Act acting(ActivationPhase at, ConnectionEffect effect) {
        return new Act(at, effect);
    }
}
