package dev.rdpprobe.testkit;

import dev.rdpprobe.testkit.wire.ChallengeSpec;
import dev.rdpprobe.testkit.wire.CredSspAnswers;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/** What the fake server does when the client's first TSRequest arrives inside TLS. */
public sealed interface CredSspStep {

    /** The default identity the fake server reveals: a Windows Server 2022 workgroup host. */
    String DEFAULT_COMPUTER = "FAKE-RDP";

    /**
     * Answer with a TSRequest carrying an NTLM CHALLENGE.
     *
     * @param spec the CHALLENGE's facts; its timestamp {@code null} means "now + clockOffset" at answer time
     * @param clockOffset how far the fake server's clock is from the real one (for clock-skew tests)
     * @param spnegoWrapped wrap the CHALLENGE in a SPNEGO NegTokenResp
     * @param tsRequestVersion the CredSSP version to answer with
     */
    record Challenge(ChallengeSpec spec, Duration clockOffset, boolean spnegoWrapped, int tsRequestVersion) implements CredSspStep {
        public Challenge {
            Objects.requireNonNull(spec, "spec");
            Objects.requireNonNull(clockOffset, "clockOffset");
        }
    }

    /** Answer with a TSRequest whose errorCode is this NTSTATUS. */
    record Error(long ntStatus, int tsRequestVersion) implements CredSspStep {
    }

    /** Close (FIN) when the TSRequest arrives: the classic "connection closed during the security handshake". */
    record Close() implements CredSspStep {
    }

    /** Reset (RST) when the TSRequest arrives. */
    record Reset() implements CredSspStep {
    }

    /** Read the TSRequest and never answer. */
    record Stall() implements CredSspStep {
    }

    /**
     * Half-close when the TSRequest arrives: shut down the TCP output (a FIN, without a TLS close_notify)
     * and keep reading, never closing.
     */
    record HalfClose() implements CredSspStep {
    }

    /**
     * Answer as {@code answer} does, but the answer's TLS record bytes leave one at a time, each byte its own
     * write and flush, {@code interval} apart.
     *
     * @param answer a {@link Challenge}, {@link Error} or {@link Raw} step
     * @param interval the pause between two bytes
     */
    record Trickle(CredSspStep answer, Duration interval) implements CredSspStep {
        public Trickle {
            if (!(answer instanceof Challenge || answer instanceof Error || answer instanceof Raw)) {
                throw new IllegalArgumentException("only an answer (Challenge, Error or Raw) can be trickled, not " + answer);
            }
            Objects.requireNonNull(interval, "interval");
        }
    }

    /** Answer with these bytes instead of a TSRequest (garbage, or xrdp's TPKT-framed ultimatum). */
    record Raw(byte[] bytes) implements CredSspStep {
        public Raw {
            bytes = bytes.clone();
        }
    }

    /** A CHALLENGE from {@value #DEFAULT_COMPUTER}, Windows Server 2022 (10.0.20348), clock in sync, raw NTLM, version 6. */
    static CredSspStep challenge() {
        return challenge(DEFAULT_COMPUTER, 10, 0, 20348);
    }

    /** A CHALLENGE from a workgroup computer of this name and OS version. */
    static CredSspStep challenge(String computer, int major, int minor, int build) {
        return new Challenge(ChallengeSpec.workgroup(computer, major, minor, build, null, new byte[8]), Duration.ZERO, false, 6);
    }

    /** A CHALLENGE whose timestamp is off by {@code offset}. */
    static CredSspStep challengeWithClockOffset(Duration offset) {
        return new Challenge(ChallengeSpec.workgroup(DEFAULT_COMPUTER, 10, 0, 20348, null, new byte[8]), offset, false, 6);
    }

    /** The default CHALLENGE, wrapped in SPNEGO. */
    static CredSspStep spnegoChallenge() {
        return new Challenge(ChallengeSpec.workgroup(DEFAULT_COMPUTER, 10, 0, 20348, null, new byte[8]), Duration.ZERO, true, 6);
    }

    /** The default CHALLENGE, its bytes sent one at a time, {@code interval} apart. */
    static CredSspStep trickledChallenge(Duration interval) {
        return new Trickle(challenge(), interval);
    }

    /** An errorCode answer, CredSSP version 6. */
    static CredSspStep error(long ntStatus) {
        return new Error(ntStatus, 6);
    }

    /**
     * Only the first {@code bytes} bytes of the default CHALLENGE answer (a TSRequest whose DER header
     * announces the rest), in one TLS record; then silence.
     */
    static CredSspStep partialChallenge(int bytes) {
        ByteBuf out = Unpooled.buffer(512);
        try {
            ChallengeSpec spec = ChallengeSpec.workgroup(DEFAULT_COMPUTER, 10, 0, 20348, Instant.now(), new byte[8]);
            CredSspAnswers.writeChallenge(out, 6, spec, false);
            if (bytes < 1 || bytes >= out.readableBytes()) {
                throw new IllegalArgumentException("bytes must be 1.." + (out.readableBytes() - 1) + ", was " + bytes);
            }
            byte[] head = new byte[bytes];
            out.readBytes(head);
            return new Raw(head);
        } finally {
            out.release();
        }
    }

    /** A DER header announcing a TSRequest of 2 GiB (over every cap), then silence. */
    static CredSspStep oversizeDer() {
        return new Raw(new byte[] {0x30, (byte) 0x84, 0x7F, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x02, 0x01});
    }

    /** What xrdp answers a TSRequest with: an MCS Disconnect Provider Ultimatum in TPKT, then it closes. */
    static CredSspStep disconnectProviderUltimatum() {
        return new Raw(new byte[] {0x03, 0x00, 0x00, 0x09, 0x02, (byte) 0xF0, (byte) 0x80, 0x21, (byte) 0x80});
    }
}
