package dev.rdpprobe.core.fuzz;

import static dev.rdpprobe.core.fuzz.Decoding.check;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.rdpprobe.core.ProbeOptions;
import dev.rdpprobe.core.TestPlans;
import dev.rdpprobe.core.RdpProber;
import dev.rdpprobe.core.target.Target;
import dev.rdpprobe.core.UdpMode;
import dev.rdpprobe.core.diagnosis.Diagnoser;
import dev.rdpprobe.core.outcome.DiagnosisCode;
import dev.rdpprobe.core.diagnosis.FindingRules;
import dev.rdpprobe.core.outcome.ConnectionOutcome;
import dev.rdpprobe.core.outcome.Failure;
import dev.rdpprobe.core.outcome.ForeignProtocol;
import dev.rdpprobe.core.outcome.Phase;
import dev.rdpprobe.core.outcome.PhaseResult;
import dev.rdpprobe.core.outcome.PhaseStatus;
import dev.rdpprobe.core.outcome.TlsFacts;
import dev.rdpprobe.core.internal.pdu.MalformedPduException;
import dev.rdpprobe.core.internal.pdu.credssp.Spnego;
import dev.rdpprobe.core.internal.pdu.credssp.TsRequest;
import dev.rdpprobe.core.internal.pdu.ntlm.AvPair;
import dev.rdpprobe.core.internal.pdu.ntlm.NtlmChallenge;
import dev.rdpprobe.core.internal.pdu.ntlm.NtlmFlags;
import dev.rdpprobe.core.internal.pdu.ntlm.NtlmVersion;
import dev.rdpprobe.core.internal.pdu.x224.NegotiationData;
import dev.rdpprobe.core.internal.pdu.x224.SecurityProtocols;
import dev.rdpprobe.core.internal.sequence.Action;
import dev.rdpprobe.core.internal.sequence.ConnectionSequence;
import dev.rdpprobe.core.internal.sequence.Framing;
import dev.rdpprobe.core.internal.sequence.ReplySniffer;
import dev.rdpprobe.core.internal.sequence.SequencePlan;
import dev.rdpprobe.core.internal.sequence.SequenceStepper;
import dev.rdpprobe.core.internal.sequence.SequenceResult;
import dev.rdpprobe.core.outcome.SecurityProtocolSet;
import dev.rdpprobe.core.outcome.TlsVersion;
import dev.rdpprobe.core.diagnosis.DiagnosisLimits;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * The sans-I/O {@link ConnectionSequence} fed arbitrary event sequences chosen by the fuzzer: resolve
 * results, connect results, received PDUs (well-formed templates or raw bytes), unframeable streams, FIN,
 * RST, local errors, timeouts (early, exact and late), TLS results, raw byte counts.
 *
 * <p><b>The contract the harness respects.</b> {@code start}, {@code resolved}/{@code resolveFailed},
 * {@code connected}/{@code connectFailed} and {@code tlsHandshakeCompleted}/{@code tlsEstablished}/{@code tlsFailed} answer an action
 * ({@code Resolve}, {@code Connect}, {@code StartTls}) and a driver sends them only in the state that
 * action opened; the harness tracks that state from the actions it got back. Sent in any other state
 * (which it does on purpose, now and then) they must throw {@link IllegalStateException} and change
 * nothing; that is the only exception tolerated. Every other event is legal in every state.
 *
 * <p><b>Properties.</b> Nothing else throws; exactly one {@code Finish}; after it the sequence is done and
 * every further event is a {@code Wait}; the action stream agrees with {@link ConnectionSequence#framing()}
 * and {@link ConnectionSequence#currentPhase()}; an early timeout changes nothing; a due timeout ends the
 * current phase TIMED_OUT; a result has every TCP phase in order, at most one problem, NOT_REACHED after
 * it, and assembles into a {@link ConnectionOutcome} whose findings and diagnosis derive without error;
 * {@code received} neither releases nor retains the buffer it is given.
 */
class ConnectionSequenceFuzzTest {

    private enum State { NEW, RESOLVING, CONNECTING, X224, TLS, CREDSSP, DONE }

    private static final int MAX_EVENTS = 48;
    private static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");

    @FuzzTest
    void arbitraryEventSequences(FuzzedDataProvider data) {
        new Run(data).go();
    }

    private static final class Run {
        private final FuzzedDataProvider data;
        private final SequenceStepper sequence;
        private final SequencePlan plan;
        private State state = State.NEW;
        private long now;
        private int finishes;
        private SequenceResult result;

        Run(FuzzedDataProvider data) {
            this.data = data;
            this.plan = plan(data);
            this.now = data.consumeLong(0, 1L << 40);
            this.sequence = new SequenceStepper(plan, now);
            if (data.consumeBoolean()) {
                sequence.clientNonce(data.consumeBytes(32).length == 32 ? new byte[32] : null);
            }
        }

        void go() {
            if (data.consumeBoolean()) {
                guarded(State.NEW, () -> sequence.start(now));
            } else {
                event(() -> sequence.localError("fuzz", now), null);
            }
            for (int i = 0; i < MAX_EVENTS && data.remainingBytes() > 0; i++) {
                now += data.consumeBoolean() ? data.consumeLong(0, 50_000_000L) : data.consumeLong(0, 30_000_000_000L);
                step(data.consumeInt(0, 15));
            }
            if (state != State.DONE) {
                // a driver's timer eventually fires: every run must end
                now = Math.max(now, sequence.deadlineNanos());
                if (state == State.NEW) {
                    guarded(State.NEW, () -> sequence.start(now));
                    now = Math.max(now, sequence.deadlineNanos());
                }
                if (state != State.DONE) {
                    Phase phase = sequence.currentPhase();
                    event(() -> sequence.timeout(now), phase);
                    check(state == State.DONE, "a due timeout did not finish the sequence in " + phase);
                    check(result.tcpPhases().get(phase.ordinal()).status() == PhaseStatus.TIMED_OUT,
                            "a due timeout left " + phase + " " + result.tcpPhases().get(phase.ordinal()).status());
                }
            }
            check(finishes == 1, finishes + " Finish actions");
        }

        private void step(int kind) {
            switch (kind) {
                case 0 -> guarded(State.NEW, () -> sequence.start(now));
                case 1 -> guarded(State.RESOLVING, () -> sequence.resolved(addresses(), now));
                case 2 -> guarded(State.RESOLVING, () -> sequence.resolveFailed(data.consumeString(40), now));
                case 3 -> guarded(State.CONNECTING, () -> sequence.connected(now));
                case 4 -> guarded(State.CONNECTING, () -> sequence.connectFailed(failure(), now));
                case 5 -> guarded(State.TLS, () -> data.consumeBoolean() ? sequence.tlsHandshakeCompleted(now)
                        : sequence.tlsEstablished(tlsFacts(), now));
                case 6 -> guarded(State.TLS, () -> sequence.tlsFailed(failure(), now));
                case 7, 8, 9 -> received();
                case 10 -> {
                    byte[] first = data.consumeBytes(ReplySniffer.SNIFF_LENGTH);
                    MalformedPduException error = new MalformedPduException("TPKT", "version", 0, "fuzz");
                    event(() -> sequence.unframeable(first, error, now), sequence.currentPhase());
                }
                case 11 -> event(() -> sequence.closed(now), sequence.currentPhase());
                case 12 -> event(() -> sequence.reset(now), sequence.currentPhase());
                case 13 -> event(() -> sequence.localError(data.consumeString(30), now), sequence.currentPhase());
                case 14 -> timeout();
                default -> bytes();
            }
        }

        /** Bytes arrive: raw, framed (decrypted), or a TLS record's progress; none of them changes the state. */
        private void bytes() {
            Phase phase = sequence.currentPhase();
            long deadline = sequence.deadlineNanos();
            boolean done = sequence.isDone();
            switch (data.consumeInt(0, 2)) {
                case 0 -> sequence.bytesReceived(data.consumeInt(0, 1 << 20), now);
                case 1 -> sequence.framedBytesReceived(data.consumeInt(0, 1 << 20), now);
                default -> sequence.tlsRecordInProgress(data.consumeInt(-1, (1 << 14) + 2048), now);
            }
            check(sequence.currentPhase() == phase && sequence.deadlineNanos() == deadline && sequence.isDone() == done,
                    "counting bytes changed the phase or its deadline");
        }

        private void timeout() {
            long deadline = sequence.deadlineNanos();
            int when = data.consumeInt(0, 2);
            if (when == 0 && now < deadline) {
                // the timer fired early (or a stale one fired): nothing may change
                State before = state;
                Phase phase = sequence.currentPhase();
                Action<SequenceResult> a = sequence.timeout(now);
                check(a == null, "an early timeout (" + (deadline - now) + " ns early) gave " + a);
                check(state == before && sequence.currentPhase() == phase, "an early timeout changed the state");
                return;
            }
            if (deadline != Long.MAX_VALUE && when == 1) {
                now = Math.max(now, deadline);
            }
            State before = state;
            Phase phase = sequence.currentPhase();
            boolean due = now >= deadline;
            Duration lag = Duration.ofNanos(data.consumeLong(0, 10_000_000_000L));
            event(() -> sequence.timeout(now, lag), phase);
            if (due && before != State.NEW && before != State.DONE) {
                check(state == State.DONE, "a due timeout in " + before + " did not finish");
                PhaseStatus status = result.tcpPhases().get(phase.ordinal()).status();
                check(status == PhaseStatus.TIMED_OUT, "a due timeout left " + phase + " " + status);
            }
        }

        private void received() {
            ByteBuf pdu = Unpooled.wrappedBuffer(pdu());
            try {
                event(() -> sequence.received(pdu, now), sequence.currentPhase());
                check(pdu.refCnt() == 1, "received() changed the buffer's reference count to " + pdu.refCnt());
            } finally {
                pdu.release();
            }
        }

        /** Runs an event that is legal in every state; checks what it did. */
        private void event(java.util.function.Supplier<Action<SequenceResult>> event, Phase phaseBefore) {
            State before = state;
            Action<SequenceResult> action = event.get();
            apply(action);
            if (before == State.DONE) {
                check(action == null, "an event after the end gave " + action);
            }
            if (action instanceof Action.Finish<SequenceResult> && before != State.NEW && phaseBefore != null) {
                PhaseResult ended = result.tcpPhases().get(phaseBefore.ordinal());
                check(ended.status() != PhaseStatus.NOT_REACHED, "the phase in progress (" + phaseBefore + ") ended NOT_REACHED");
            }
        }

        /** Runs an event a driver sends only in {@code legal}; elsewhere it must throw IllegalStateException and change nothing. */
        private void guarded(State legal, java.util.function.Supplier<Action<SequenceResult>> event) {
            if (state == legal) {
                event(event, sequence.currentPhase());
                return;
            }
            State before = state;
            Phase phase = sequence.currentPhase();
            long deadline = sequence.deadlineNanos();
            try {
                Action<SequenceResult> unexpected = event.get();
                throw new AssertionError("an event for state " + legal + " was accepted in " + before + ": " + unexpected);
            } catch (IllegalStateException expected) {
                check(sequence.currentPhase() == phase && sequence.deadlineNanos() == deadline
                        && sequence.isDone() == (before == State.DONE), "a refused event changed the sequence");
            }
        }

        private void apply(Action<SequenceResult> action) {
            check(action != null, "null action");
            if (action instanceof Action.Resolve<SequenceResult> r) {
                check(state == State.NEW, "Resolve from " + state);
                check(r.host().equals(plan.target().host()), "resolving another host");
                state = State.RESOLVING;
            } else if (action instanceof Action.Connect<SequenceResult> c) {
                check(state == State.NEW || state == State.RESOLVING, "Connect from " + state);
                check(c.address().getPort() == plan.target().port(), "connecting another port");
                state = State.CONNECTING;
            } else if (action instanceof Action.Send<SequenceResult> s) {
                check(state == State.CONNECTING || state == State.TLS, "Send from " + state);
                state = s.framing() == Framing.DER ? State.CREDSSP : State.X224;
                check(s.bytes().length > 0, "empty Send");
            } else if (action instanceof Action.StartTls<SequenceResult> t) {
                check(state == State.X224, "StartTls from " + state);
                check(t.request() != null, "no TLS request");
                state = State.TLS;
            } else if (action instanceof Action.Finish<SequenceResult> f) {
                check(state != State.DONE, "a second Finish");
                finishes++;
                result = f.result();
                state = State.DONE;
                checkResult(f.result());
            }
            checkAgreement();
        }

        private void checkAgreement() {
            check(sequence.isDone() == (state == State.DONE), "isDone " + sequence.isDone() + " in " + state);
            check((sequence.framing() == Framing.DER) == (state == State.CREDSSP), "framing " + sequence.framing() + " in " + state);
            Phase expected = switch (state) {
                case RESOLVING -> Phase.RESOLVE;
                case CONNECTING -> Phase.TCP_CONNECT;
                case X224 -> Phase.X224_NEGOTIATION;
                case TLS -> Phase.TLS_HANDSHAKE;
                case CREDSSP -> Phase.CREDSSP;
                default -> null;
            };
            if (state != State.NEW) {
                check(sequence.currentPhase() == expected, "currentPhase " + sequence.currentPhase() + " in " + state);
            }
            check(state != State.DONE || sequence.deadlineNanos() == Long.MAX_VALUE, "a deadline after the end");
        }

        private void checkResult(SequenceResult r) {
            List<PhaseResult> phases = r.tcpPhases();
            check(phases.size() == Phase.values().length - 1, phases.size() + " TCP phases");
            int problems = 0;
            for (int i = 0; i < phases.size(); i++) {
                PhaseResult p = phases.get(i);
                check(p.phase() == Phase.values()[i], "phase " + p.phase() + " at " + i);
                check(!p.elapsed().isNegative() && !p.startOffset().isNegative(), "negative time in " + p);
                if (problems > 0) {
                    check(p.status() == PhaseStatus.NOT_REACHED, p.phase() + " is " + p.status() + " after a failure");
                }
                if (p.status().isProblem()) {
                    problems++;
                }
            }
            List<PhaseResult> all = new ArrayList<>(phases);
            all.add(PhaseResult.skipped(Phase.UDP_TRANSPORT, "fuzz"));
            ConnectionOutcome outcome = new ConnectionOutcome(plan.target(), NOW, Duration.ZERO, all, r.facts(),
                    FindingRules.derive(all, r.facts()), null);
            outcome = outcome.withDiagnosis(Diagnoser.diagnose(outcome));
            check(outcome.diagnosis() != null && outcome.toString() != null, "no diagnosis");
            check(outcome.verdict() != null && outcome.failure().isPresent() == outcome.failedPhase().isPresent(), "verdict");
            if (outcome.failure().orElse(null) instanceof Failure.TimedOut t) {
                check(t.bytesSeen() >= 0 && !t.limit().isNegative() && (t.quietFor() == null || !t.quietFor().isNegative()),
                        "a time-out with negative bytes or times: " + t);
                String code = outcome.diagnosis().code().name();
                check(!(t.answerBegan() && code.endsWith("_SILENT")) && !(!t.answerBegan() && code.endsWith("_STALLED")),
                        code + " for a time-out after " + t.bytesSeen() + " bytes");
                check(DiagnosisLimits.proberLagged(t) == (outcome.diagnosis().code() == DiagnosisCode.LOCAL_OVERLOAD),
                        code + " for a time-out with a loop lag of " + t.localLag());
            }
        }

        // ------------------------------------------------------------ inputs

        private List<InetAddress> addresses() {
            List<InetAddress> list = new ArrayList<>();
            int n = data.consumeInt(0, 3);
            for (int i = 0; i < n; i++) {
                byte[] raw = data.consumeBoolean() ? new byte[4] : new byte[16];
                byte[] bytes = data.consumeBytes(raw.length);
                System.arraycopy(bytes, 0, raw, 0, bytes.length);
                try {
                    list.add(InetAddress.getByAddress(raw));
                } catch (UnknownHostException impossible) {
                    throw new AssertionError(impossible);
                }
            }
            return list;
        }

        private Failure failure() {
            return switch (data.consumeInt(0, 7)) {
                case 0 -> new Failure.Refused();
                case 1 -> new Failure.Unreachable(data.consumeString(20));
                case 2 -> new Failure.TimedOut(Duration.ofMillis(data.consumeInt(1, 10_000)), data.consumeInt(0, 100), "fuzz");
                case 3 -> new Failure.TlsAlert(data.consumeInt(0, 255), "alert", data.consumeBoolean());
                case 4 -> new Failure.TlsVersionRefused("TLSv1.3", data.consumeString(20));
                case 5 -> new Failure.NotTls(data.consumeString(20));
                case 6 -> new Failure.NotRdp(ForeignProtocol.UNKNOWN, "");
                default -> new Failure.LocalError(data.consumeString(20));
            };
        }

        private TlsFacts tlsFacts() {
            TlsVersion version = data.pickValue(TlsVersion.values());
            Boolean trusted = data.consumeBoolean() ? null : data.consumeBoolean();
            return TlsFacts.handshake(version, data.consumeString(30), "fuzz", List.of(), trusted, null);
        }

        /** A PDU: a well-formed template the sequence can act on, or whatever bytes the fuzzer chose. */
        private byte[] pdu() {
            ByteBuf out = Unpooled.buffer();
            switch (data.consumeInt(0, 7)) {
                case 0 -> confirm(out, data.consumeInt(0, 0xFFFF), NegotiationData.Response.TYPE, data.consumeInt(0, 0xFF),
                        data.consumeInt(0, 0x1F));
                case 1 -> confirm(out, 0x1234, NegotiationData.Failure.TYPE, 0, data.consumeInt());
                case 2 -> out.writeBytes(HexFormat.of().parseHex("0300000b06d00000123400")); // vectors.md B5
                case 3 -> { // a Disconnect Request with the fuzzer's reason
                    out.writeBytes(HexFormat.of().parseHex("0300000b06800000000000"));
                    out.setByte(10, data.consumeInt(0, 0xFF));
                }
                case 4 -> challengeAnswer(out, data.consumeInt(1, 1000), challenge(), data.consumeBoolean());
                case 5 -> new TsRequest(data.consumeInt(1, 1000), List.of(), null, null, data.consumeLong(0, 0xFFFFFFFFL), null).encode(out);
                default -> out.writeBytes(data.consumeBytes(data.consumeInt(0, 600)));
            }
            byte[] bytes = Decoding.drain(out);
            if (bytes.length > 0 && data.consumeInt(0, 3) == 0) {
                int at = data.consumeInt(0, bytes.length - 1);
                bytes[at] = data.consumeByte();
            }
            return bytes;
        }

        /** A Connection Confirm in the layout of vectors.md B1, with the fuzzer's SRC-REF and RDP_NEG_RSP / RDP_NEG_FAILURE. */
        private static void confirm(ByteBuf out, int sourceReference, int type, int flags, int value) {
            out.writeBytes(HexFormat.of().parseHex("030000130ed00000"));
            out.writeShort(sourceReference);
            out.writeByte(0);
            out.writeByte(type);
            out.writeByte(flags);
            out.writeShortLE(8);
            out.writeIntLE(value);
        }

        /** A server's TSRequest with the CHALLENGE, raw or SPNEGO-wrapped (built from the codecs' own encoders). */
        private static void challengeAnswer(ByteBuf out, int version, NtlmChallenge challenge, boolean wrapped) {
            byte[] token = wrapped ? Spnego.wrapNtlmChallenge(challenge.toBytes()) : challenge.toBytes();
            new TsRequest(version, List.of(token), null, null, null, null).encode(out);
        }

        private NtlmChallenge challenge() {
            String name = data.consumeBoolean() ? null : data.consumeString(20);
            Instant stamp = data.consumeBoolean() ? null : Instant.ofEpochSecond(data.consumeLong(-11_644_473_600L, 1L << 36));
            String domain = data.consumeBoolean() ? null : "DOM";
            int major = data.consumeInt(0, 255);
            int minor = data.consumeInt(0, 255);
            int build = data.consumeInt(0, 0xFFFF);
            long flags = data.consumeLong(0, 0xFFFFFFFFL);
            List<AvPair> pairs = new ArrayList<>();
            if (domain != null) {
                pairs.add(AvPair.ofString(AvPair.MSV_AV_NB_DOMAIN_NAME, domain));
            }
            if (name != null) {
                pairs.add(AvPair.ofString(AvPair.MSV_AV_NB_COMPUTER_NAME, name));
                pairs.add(AvPair.ofString(AvPair.MSV_AV_DNS_COMPUTER_NAME, name));
            }
            if (stamp != null) {
                pairs.add(AvPair.ofTimestamp(stamp));
            }
            NtlmVersion version = NtlmFlags.has(flags, NtlmFlags.NEGOTIATE_VERSION)
                    ? new NtlmVersion(major, minor, build, NtlmVersion.REVISION_W2K3) : null;
            return new NtlmChallenge(name, flags, new byte[8], pairs, version);
        }
    }

    private static SequencePlan plan(FuzzedDataProvider data) {
        int[] phaseLimits = new int[5];
        for (int i = 0; i < phaseLimits.length; i++) {
            phaseLimits[i] = data.consumeInt(1, 5000);
        }
        UdpMode udpMode = data.pickValue(UdpMode.values());
        // build() refuses a deadline shorter than a phase limit, or one before the last SYN (1500 ms by default)
        int shortestDeadline = Math.max(java.util.Arrays.stream(phaseLimits).max().getAsInt(), udpMode == UdpMode.OFF ? 1 : 1501);
        RdpProber.Builder b = RdpProber.builder()
                .resolveTimeout(Duration.ofMillis(phaseLimits[0]))
                .connectTimeout(Duration.ofMillis(phaseLimits[1]))
                .x224Timeout(Duration.ofMillis(phaseLimits[2]))
                .tlsTimeout(Duration.ofMillis(phaseLimits[3]))
                .credsspTimeout(Duration.ofMillis(phaseLimits[4]))
                .deadline(Duration.ofMillis(data.consumeInt(shortestDeadline, 20_000)))
                .requestedProtocols(SecurityProtocolSet.fromBits(data.consumeInt(0, 0x1F)))
                .cookie(data.consumeBoolean() ? null : "fuzz")
                .credssp(data.consumeBoolean())
                .udpMode(udpMode);
        ProbeOptions options = b.options();
        Target target = Target.of(data.pickValue(List.of("127.0.0.1", "::1", "rdp.example", "localhost")), data.consumeInt(1, 65535));
        if (data.consumeBoolean()) {
            return TestPlans.of(target, options);
        }
        Phase last = data.pickValue(List.of(Phase.X224_NEGOTIATION, Phase.TLS_HANDSHAKE, Phase.CREDSSP));
        SequencePlan narrowed = TestPlans.of(target, options).narrowed(options.requestedProtocols(), TlsVersion.all(), last);
        boolean tcp = data.consumeBoolean();
        return new SequencePlan(target, narrowed.limits(), narrowed.cookie(), narrowed.requested(), narrowed.tlsVersions(),
                narrowed.credssp(), last, tcp, narrowed.udp(), narrowed.clock());
    }
}
