package dev.rdpprobe.testkit;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What the fake server does when the client's first TSRequest arrives inside TLS: an answer
 * (an NTLM CHALLENGE or an errorCode), trickled or whole, or an effect.
 */
public sealed interface CredSspStep {

    /** A TSRequest the server answers with: {@link Challenge} or {@link Error}. */
    sealed interface Answer extends CredSspStep {
    }

    /**
     * Answer with a TSRequest carrying an NTLM CHALLENGE.
     *
     * @param identity who the server says it is (names, Windows version)
     * @param timestamp the CHALLENGE's MsvAvTimestamp, or {@code null} for "now + clockOffset" at answer time
     * @param clockOffset how far the fake server's clock is from the real one (for clock-skew tests);
     *     used only when {@code timestamp} is {@code null}
     * @param serverChallenge the 8-byte ServerChallenge
     * @param spnegoWrapped wrap the CHALLENGE in a SPNEGO NegTokenResp
     * @param tsRequestVersion the CredSSP version to answer with
     */
    record Challenge(NtlmIdentity identity, Instant timestamp, Duration clockOffset, byte[] serverChallenge,
            boolean spnegoWrapped, int tsRequestVersion) implements Answer {
        /** Checks the values, copies the challenge. */
        public Challenge {
            Objects.requireNonNull(identity, "identity");
            Objects.requireNonNull(clockOffset, "clockOffset");
            if (serverChallenge.length != 8) {
                throw new IllegalArgumentException("serverChallenge must be 8 bytes, not " + serverChallenge.length);
            }
            serverChallenge = serverChallenge.clone();
        }

        /** A copy of the ServerChallenge. */
        @Override
        public byte[] serverChallenge() {
            return serverChallenge.clone();
        }

        /** This CHALLENGE with a fixed timestamp. */
        public Challenge at(Instant value) {
            return new Challenge(identity, Objects.requireNonNull(value, "timestamp"), clockOffset, serverChallenge,
                    spnegoWrapped, tsRequestVersion);
        }

        /** This CHALLENGE with another 8-byte ServerChallenge. */
        public Challenge withServerChallenge(byte[] value) {
            return new Challenge(identity, timestamp, clockOffset, value, spnegoWrapped, tsRequestVersion);
        }

        /** This CHALLENGE, wrapped in SPNEGO or not. */
        public Challenge spnegoWrapped(boolean value) {
            return new Challenge(identity, timestamp, clockOffset, serverChallenge, value, tsRequestVersion);
        }
    }

    /** Answer with a TSRequest whose errorCode is this NTSTATUS. */
    record Error(long ntStatus, int tsRequestVersion) implements Answer {
    }

    /**
     * Answer as {@code answer} does, but the answer's TLS record bytes leave one at a time, each byte
     * its own write and flush, {@code interval} apart.
     */
    record Trickle(Answer answer, Duration interval) implements CredSspStep {
        /** Checks the values. */
        public Trickle {
            Objects.requireNonNull(answer, "answer");
            Objects.requireNonNull(interval, "interval");
            if (interval.isNegative()) {
                throw new IllegalArgumentException("interval must not be negative, was " + interval);
            }
        }
    }

    /**
     * A fake NLA server that checks the credentials for real: it answers the NEGOTIATE with {@code challenge},
     * then verifies the client's AUTHENTICATE against {@code accounts} (the NTLMv2 response against the password,
     * the MIC, the channel bindings to its TLS certificate, the client's pubKeyAuth) and answers as the account
     * says ({@link NlaAccount#answer()}), or with {@code onFailure} when anything fails to verify or the user is
     * unknown. As Windows by default, a client that declares no MIC or sends no (or all-zero) channel bindings is
     * not refused for that ({@link NlaVerification#passes()}); a wrong MIC or wrong bindings are. It records what it verified ({@link RecordedConnection#nlaVerification()}) and every later
     * TSRequest, so tests can assert that the client never sent {@code authInfo}
     * ({@link RecordedConnection#authInfoReceived()}).
     *
     * @param challenge the CHALLENGE (raw NTLM; its TSRequest version is the CredSSP version the server speaks)
     * @param accounts the user table
     * @param onFailure the answer to a response that does not verify (Windows: STATUS_LOGON_FAILURE; FreeRDP: a close)
     */
    record Nla(Challenge challenge, List<NlaAccount> accounts, NlaAnswer onFailure) implements CredSspStep {
        /** Checks the values and copies the table. */
        public Nla {
            Objects.requireNonNull(challenge, "challenge");
            Objects.requireNonNull(onFailure, "onFailure");
            if (challenge.spnegoWrapped()) {
                throw new IllegalArgumentException("the fake NLA server speaks raw NTLM only");
            }
            accounts = List.copyOf(accounts);
        }

        /** This server answering CredSSP {@code version} (2–6). */
        public Nla version(int version) {
            return new Nla(new Challenge(challenge.identity(), challenge.timestamp(), challenge.clockOffset(),
                    challenge.serverChallenge(), false, version), accounts, onFailure);
        }
    }

    /**
     * A Windows-like NLA server (CredSSP 6) with these accounts, answering a wrong password or an unknown user with
     * STATUS_LOGON_FAILURE.
     */
    static Nla nla(NlaAccount... accounts) {
        return new Nla(challenge().withServerChallenge(new byte[] {1, 2, 3, 4, 5, 6, 7, 8}), List.of(accounts),
                NlaAnswer.status(0xC000006DL));
    }

    /** A FreeRDP-like NLA server with these accounts: a wrong password or unknown user gets the connection closed. */
    static Nla nlaClosingOnFailure(NlaAccount... accounts) {
        return new Nla(challenge().withServerChallenge(new byte[] {1, 2, 3, 4, 5, 6, 7, 8}), List.of(accounts),
                new NlaAnswer.Close());
    }

    /** Perform {@code effect} when the TSRequest arrives; bytes go inside TLS. */
    record Act(ConnectionEffect effect) implements CredSspStep {
        /** Checks the effect is there. */
        public Act {
            Objects.requireNonNull(effect, "effect");
        }
    }

    /** A CHALLENGE from {@link NtlmIdentity#windowsServer2022()}, clock in sync, raw NTLM, CredSSP version 6. */
    static Challenge challenge() {
        return challenge(NtlmIdentity.windowsServer2022());
    }

    /** A CHALLENGE from this identity, clock in sync, raw NTLM, CredSSP version 6. */
    static Challenge challenge(NtlmIdentity identity) {
        return new Challenge(identity, null, Duration.ZERO, new byte[8], false, 6);
    }

    /** A CHALLENGE from a workgroup computer of this name and OS version. */
    static Challenge challenge(String computer, int major, int minor, int build) {
        return challenge(NtlmIdentity.workgroup(computer, major, minor, build));
    }

    /** The default CHALLENGE, its timestamp off by {@code offset}. */
    static Challenge challengeWithClockOffset(Duration offset) {
        return new Challenge(NtlmIdentity.windowsServer2022(), null, offset, new byte[8], false, 6);
    }

    /** The default CHALLENGE, wrapped in SPNEGO. */
    static Challenge spnegoChallenge() {
        return challenge().spnegoWrapped(true);
    }

    /** The default CHALLENGE, its bytes sent one at a time, {@code interval} apart. */
    static CredSspStep trickledChallenge(Duration interval) {
        return new Trickle(challenge(), interval);
    }

    /** An errorCode answer, CredSSP version 6. */
    static Error error(long ntStatus) {
        return new Error(ntStatus, 6);
    }

    /** Read the TSRequest and never answer. */
    static CredSspStep stall() {
        return new Act(ConnectionEffect.stall());
    }

    /** Close when the TSRequest arrives: the classic "connection closed during the security handshake". */
    static CredSspStep close() {
        return new Act(ConnectionEffect.close());
    }

    /** Reset (RST) when the TSRequest arrives. */
    static CredSspStep reset() {
        return new Act(ConnectionEffect.reset());
    }

    /** Shut down the TCP output (a FIN, without a TLS close_notify) when the TSRequest arrives, and keep reading. */
    static CredSspStep halfClose() {
        return new Act(ConnectionEffect.halfClose());
    }

    /** Answer with these bytes inside TLS instead of a TSRequest, then stay silent. */
    static CredSspStep raw(byte[] bytes) {
        return new Act(ConnectionEffect.send(bytes));
    }

    /**
     * Only the first {@code bytes} bytes of the default CHALLENGE answer (a TSRequest whose DER header
     * announces the rest), in one TLS record; then silence.
     */
    static CredSspStep partialChallenge(int bytes) {
        byte[] whole = ServerAnswers.credSsp(challenge(), Instant.now());
        if (bytes < 1 || bytes >= whole.length) {
            throw new IllegalArgumentException("bytes must be 1.." + (whole.length - 1) + ", was " + bytes);
        }
        return raw(java.util.Arrays.copyOf(whole, bytes));
    }

    /** A DER header announcing a TSRequest of 2 GiB (over every cap), then silence. */
    static CredSspStep oversizeDer() {
        return raw(new byte[] {0x30, (byte) 0x84, 0x7F, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x02, 0x01});
    }

    /** What xrdp answers a TSRequest with: an MCS Disconnect Provider Ultimatum in TPKT, then it closes. */
    static CredSspStep disconnectProviderUltimatum() {
        return raw(new byte[] {0x03, 0x00, 0x00, 0x09, 0x02, (byte) 0xF0, (byte) 0x80, 0x21, (byte) 0x80});
    }
}
