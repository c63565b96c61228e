package dev.rdpprobe.core.internal.sequence;

import dev.rdpprobe.core.target.IpLiterals;
import dev.rdpprobe.core.outcome.CredSspFacts;
import dev.rdpprobe.core.outcome.CertificateReport;
import dev.rdpprobe.core.outcome.CredentialCheck;
import dev.rdpprobe.core.outcome.CredentialVerdict;
import dev.rdpprobe.core.outcome.Failure;
import dev.rdpprobe.core.outcome.McsFacts;
import dev.rdpprobe.core.outcome.PhaseStatus;
import dev.rdpprobe.core.outcome.SecurityProtocol;
import dev.rdpprobe.core.outcome.NegotiationFacts;
import dev.rdpprobe.core.outcome.NegotiationFailure;
import dev.rdpprobe.core.outcome.SecurityProtocolSet;
import dev.rdpprobe.core.outcome.Phase;
import dev.rdpprobe.core.outcome.PhaseResult;
import dev.rdpprobe.core.outcome.ServerFacts;
import dev.rdpprobe.core.outcome.TlsFacts;
import dev.rdpprobe.core.internal.pdu.MalformedPduException;
import dev.rdpprobe.core.internal.pdu.PduBytes;
import dev.rdpprobe.core.internal.pdu.credssp.CredSspAnswer;
import dev.rdpprobe.core.internal.pdu.credssp.CredSspAuthAnswer;
import dev.rdpprobe.core.internal.pdu.credssp.TsRequest;
import dev.rdpprobe.core.internal.pdu.credssp.CredSspMessages;
import dev.rdpprobe.core.internal.pdu.mcs.ClientDataBlocks;
import dev.rdpprobe.core.internal.pdu.mcs.ConnectInitial;
import dev.rdpprobe.core.internal.pdu.mcs.ConnectResponse;
import dev.rdpprobe.core.internal.pdu.mcs.ServerMcsPdu;
import dev.rdpprobe.core.internal.pdu.tpkt.Tpkt;
import dev.rdpprobe.core.internal.pdu.x224.ConnectionRequest;
import dev.rdpprobe.core.internal.pdu.x224.NegotiationData;
import dev.rdpprobe.core.internal.pdu.x224.NegotiationRequest;
import dev.rdpprobe.core.internal.pdu.x224.ServerX224Pdu;
import dev.rdpprobe.core.tls.TlsRequest;
import io.netty.buffer.ByteBuf;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The client side of the RDP connection sequence as a sans-I/O state machine, in the style of
 * IronRDP's connector: the driver feeds it events (with the time, from any monotonic nanosecond
 * clock) and performs the {@link Action actions} each one returns ({@link ProbeMachine}). It knows the phases
 * and their order, what each reply means and how long each phase took, and it reports each phase's start and
 * end and each fact as it learns it ({@link Action.Report}); it knows nothing of sockets, threads or timers
 * beyond the one timer it asks for ({@link Action.ArmTimer}, reported back as {@link #onTimer}). When the plan
 * asks for UDP, it tells the driver where to start the UDP probe ({@link Action.StartUdp}) once it has an address.
 *
 * <p>With a {@link CredentialPlan}, the CREDSSP_AUTH phase follows a CHALLENGE: the NTLM AUTHENTICATE with the
 * CredSSP {@code pubKeyAuth} ([MS-CSSP] 3.1.5 steps 1–2), the server's answer, and the check of the server's
 * {@code pubKeyAuth} (step 3). The sequence then stops: it never sends the TSCredentials ({@code authInfo},
 * steps 4–5), so the check proves that the server accepted the credentials and holds the TLS key the probe saw,
 * and delegates nothing. Nothing is sent when the server did not select NLA, or when its certificate is neither
 * trusted nor pinned (unless the plan allows an unverified server).
 *
 * <p>Not thread-safe: one driver, one thread (a Netty event loop).
 */
public final class ConnectionSequence implements ProbeMachine<SequenceResult> {

    private enum State { NEW, RESOLVING, CONNECTING, X224, TLS, CREDSSP, CREDSSP_AUTH, MCS, DONE }

    private static final Phase[] TCP_PHASES = {
        Phase.RESOLVE, Phase.TCP_CONNECT, Phase.X224_NEGOTIATION, Phase.TLS_HANDSHAKE, Phase.CREDSSP, Phase.CREDSSP_AUTH,
        Phase.MCS_CONNECT
    };

    /** Why MCS_CONNECT is not reached after NLA: it follows credential delegation, which the probe never does. */
    public static final String MCS_AFTER_NLA = "with NLA the MCS Connect follows the delegation of credentials, "
            + "which rdp-probe never does";

    /** The RESOLVE result of an IP literal target. */
    private static final PhaseResult NOTHING_TO_RESOLVE = PhaseResult.skipped(Phase.RESOLVE, "IP literal; nothing to resolve");
    /** The CREDSSP_AUTH result of a probe without credentials (results are immutable: one serves every probe). */
    private static final PhaseResult NO_CREDENTIAL_CHECK = PhaseResult.skipped(Phase.CREDSSP_AUTH,
            dev.rdpprobe.core.outcome.ConnectionOutcome.NO_CREDENTIALS);
    /** The MCS_CONNECT result after a server that selected NLA. */
    private static final PhaseResult MCS_NOT_REACHED_AFTER_NLA = notReached(Phase.MCS_CONNECT, MCS_AFTER_NLA);

    private final SequencePlan plan;
    private final PhaseLimits limits;
    private final long startNanos;
    private final long overallDeadline;
    private final long[] phaseStart = new long[TCP_PHASES.length];
    private final PhaseResult[] results = new PhaseResult[TCP_PHASES.length];

    private State state = State.NEW;
    private Phase current;
    private long phaseDeadline = Long.MAX_VALUE;
    private Duration phaseLimit;
    /** Raw bytes off the socket in this phase (before framing and TLS), and when the last came. */
    private long phaseBytes;
    private long lastByteAt;
    /** Bytes that reached the framing in this phase (after TLS, the decrypted bytes), and when the last came. */
    private long framedBytes;
    private long lastFramedAt;
    /** Raw bytes of a TLS record that has begun and not finished (not per phase: a record may span two). */
    private int recordInProgress;
    private long recordProgressAt;
    private boolean inspectingChain;
    private boolean tlsWorkPending;
    /** What the server revealed so far, made into one {@link ServerFacts} at the end (a copy per fact would cost more). */
    private List<InetAddress> learnedAddresses = List.of();
    private InetSocketAddress learnedConnectedAddress;
    private NegotiationFacts learnedNegotiation;
    private TlsFacts learnedTls;
    private CredSspFacts learnedCredssp;
    private McsFacts learnedMcs;
    private CredentialCheck learnedCredentialCheck;
    private final int port;
    /** The target's IP literal as an address, or {@code null} (a name, or a literal that has none: then {@link #literalProblem}). */
    private final InetAddress literal;
    private final String literalProblem;
    private byte[] clientNonce;
    /** Whether the MCS phase runs inside TLS (its bytes are then counted after decryption). */
    private boolean mcsInsideTls;
    /** The server's certificate (DER) and the random bytes of the credential check, from the driver. */
    private byte[] serverCertificate;
    private byte[] credentialRandom;
    private CredentialExchange exchange;
    /** Actions gathered while handling the current event (reports, the start of UDP), handed out before its own. */
    private List<Action<SequenceResult>> queued;
    /** Which phases' ends were reported: bit i for {@code TCP_PHASES[i]}. */
    private int reported;
    /** The instant of the timer last asked for, or {@code Long.MAX_VALUE}. */
    private long armed = Long.MAX_VALUE;
    /** Whether the driver wants {@link Action.Report}s (it has someone to tell). */
    private boolean reports = true;

    /**
     * @param plan what to do
     * @param startNanos the probe's start on the driver's monotonic clock
     */
    public ConnectionSequence(SequencePlan plan, long startNanos) {
        this.plan = plan;
        this.limits = plan.limits();
        this.startNanos = startNanos;
        this.overallDeadline = startNanos + limits.deadline().toNanos();
        this.port = plan.target().port();
        InetAddress address = null;
        String problem = null;
        if (plan.target().isIpLiteral()) {
            // here, on the caller's thread: a zone's interface lookup is a system call, kept off the event loop
            try {
                address = IpLiterals.toAddress(plan.target().host());
            } catch (UnknownHostException e) {
                problem = e.getMessage();
            }
        }
        this.literal = address;
        this.literalProblem = problem;
    }

    /**
     * The driver has no one to tell of the probe's progress: from now on the sequence makes no
     * {@link Action.Report}s (every other action, and the result, are the same).
     */
    public void withoutReports() {
        reports = false;
    }

    /** When the timer is due that the last {@link Action.ArmTimer} asked for, or {@code Long.MAX_VALUE} once done. */
    public long deadlineNanos() {
        return state == State.DONE ? Long.MAX_VALUE : Math.min(phaseDeadline, overallDeadline);
    }

    /** The phase in progress, or {@code null} before the start and after the end. */
    public Phase currentPhase() {
        return state == State.DONE ? null : current;
    }

    /** How the driver must frame inbound bytes now. */
    public Framing framing() {
        return inCredSsp() ? Framing.DER : Framing.TPKT;
    }

    /**
     * The largest inbound PDU the current phase can legitimately receive. The driver refuses a frame
     * header announcing more with a {@link MalformedPduException} instead of waiting for the bytes.
     * A reply to the Connection Request is at most a few dozen bytes (Connection Confirm 19, Disconnect
     * Request 11, an MCS ultimatum 9); a TSRequest is capped at {@value #MAX_TSREQUEST} bytes.
     */
    public int maxPduLength() {
        return inCredSsp() ? MAX_TSREQUEST : state == State.MCS ? MAX_MCS_REPLY : MAX_X224_REPLY;
    }

    /** Largest MCS Connect Response the probe accepts: any TPKT (an X.509 chain takes a few KB). */
    public static final int MAX_MCS_REPLY = Tpkt.MAX_LENGTH;

    /** Largest reply to a Connection Request the probe accepts. */
    public static final int MAX_X224_REPLY = 512;

    /** Largest TSRequest the probe accepts (FreeRDP's shadow server sends 12 KB of zeros). */
    public static final int MAX_TSREQUEST = 64 * 1024;

    /** Whether the sequence has finished. */
    public boolean isDone() {
        return state == State.DONE;
    }

    @Override
    public boolean isFinished() {
        return isDone();
    }

    private boolean inCredSsp() {
        return state == State.CREDSSP || state == State.CREDSSP_AUTH;
    }

    /**
     * Supplies the server's certificate (DER, the leaf of the chain the TLS handshake saw) for the credential
     * check's channel bindings and pubKeyAuth; needed only with a {@link CredentialPlan}, before {@link #tlsEstablished}.
     */
    public void serverCertificate(byte[] leafDer) {
        this.serverCertificate = leafDer == null ? null : leafDer.clone();
    }

    /**
     * Supplies {@value CredentialExchange#RANDOM_SIZE} random bytes for the credential check (the NTLM client
     * challenge and session key; from a SecureRandom of the driver). They are wiped once used.
     */
    public void credentialRandom(byte[] random) {
        this.credentialRandom = random == null ? null : random.clone();
    }

    /** Supplies the 32-byte CredSSP clientNonce to send (random, from the driver); optional. */
    public void clientNonce(byte[] nonce) {
        this.clientNonce = nonce == null ? null : nonce.clone();
    }

    // ---------------------------------------------------------------- events

    /** Starts the probe: resolve the name, or connect straight to an IP literal. */
    @Override
    public List<Action<SequenceResult>> start(long now) {
        requireState(State.NEW, "start");
        begin(Phase.RESOLVE, now, limits.resolve());
        if (plan.target().isIpLiteral()) {
            if (literal == null) {
                return step(fail(new Failure.LocalError(literalProblem), now));
            }
            settle(0, NOTHING_TO_RESOLVE);
            learnedAddresses = List.of(literal);
            return step(afterResolve(literal, now));
        }
        state = State.RESOLVING;
        return step(new Action.Resolve<>(plan.target().host()));
    }

    /** The name resolved to these addresses (in preference order). */
    public List<Action<SequenceResult>> resolved(List<InetAddress> addresses, long now) {
        requireState(State.RESOLVING, "resolved");
        if (addresses.isEmpty()) {
            return resolveFailed("no address records", now);
        }
        learnedAddresses = List.copyOf(addresses);
        complete(now);
        return step(afterResolve(addresses.get(0), now));
    }

    /** Resolution failed. */
    public List<Action<SequenceResult>> resolveFailed(String reason, long now) {
        requireState(State.RESOLVING, "resolveFailed");
        return step(fail(new Failure.DnsFailed(plan.target().host(), reason), now));
    }

    /** The TCP connection is established. */
    public List<Action<SequenceResult>> connected(long now) {
        return connected(null, null, now);
    }

    /**
     * The TCP connection is established between {@code local} and {@code peer} (the socket's two ends, as
     * the driver's socket reports them; either may be {@code null} when unknown). When both ends are the
     * same address, nothing listens on the port and the kernel connected the probe's socket to itself:
     * TCP_CONNECT fails with {@link Failure.SelfConnected} instead of reading our own Connection Request
     * back as the server's reply.
     */
    public List<Action<SequenceResult>> connected(InetSocketAddress local, InetSocketAddress peer, long now) {
        requireState(State.CONNECTING, "connected");
        if (local != null && local.equals(peer)) {
            return step(fail(new Failure.SelfConnected(socketAddress(local)), now));
        }
        complete(now);
        begin(Phase.X224_NEGOTIATION, now, limits.x224());
        state = State.X224;
        ConnectionRequest cr = new ConnectionRequest(plan.cookie(), null,
                new NegotiationRequest(0, WireValues.wire(plan.requested())), null);
        return step(new Action.Send<>(PduBytes.encode(cr.encodedLength(), cr::encode), Framing.TPKT));
    }

    /** The TCP connection failed (refused, unreachable, …). */
    public List<Action<SequenceResult>> connectFailed(Failure failure, long now) {
        requireState(State.CONNECTING, "connectFailed");
        return step(fail(failure, now));
    }

    /**
     * Raw bytes arrived from the network (before framing and TLS); counted for the current phase. In the
     * X.224 and TLS phases they are the server's answer (whole PDUs or not), so a time-out after any of
     * them is a stalled server, not a silent one.
     */
    public void bytesReceived(int count, long now) {
        if (count > 0) {
            phaseBytes += count;
            lastByteAt = now;
        }
    }

    /**
     * Bytes reached the framing: before TLS the same bytes as {@link #bytesReceived}, after it the
     * decrypted ones. In the CredSSP phase these (with {@link #tlsRecordInProgress}) measure the
     * server's answer; bytes that arrived in an earlier phase and wait for this one are reported again
     * when it begins.
     */
    public void framedBytesReceived(int count, long now) {
        if (count > 0) {
            framedBytes += count;
            lastFramedAt = now;
        }
    }

    /**
     * After a read, how many raw bytes of a TLS record that has begun and not finished have arrived
     * (0 at a record boundary). A record the server stops sending half-way is an answer that stalled,
     * although none of it decrypts; a whole record that decrypts to nothing (a session ticket) is not.
     */
    public void tlsRecordInProgress(int bytes, long now) {
        recordInProgress = Math.max(0, bytes);
        if (recordInProgress > 0) {
            recordProgressAt = now;
        }
    }

    /**
     * One framed PDU arrived (framed as {@link #framing()} said). The sequence reads it and does not
     * retain or release the buffer.
     */
    public List<Action<SequenceResult>> received(ByteBuf pdu, long now) {
        switch (state) {
            case X224:
                return step(onConnectionConfirm(pdu, now));
            case CREDSSP:
                return step(onCredSspAnswer(pdu, now));
            case MCS:
                return step(onConnectResponse(pdu, now));
            case CREDSSP_AUTH:
                return step(onCredSspAuthAnswer(pdu, now));
            case TLS:
                return step(fail(new Failure.UnexpectedPdu("TLS handshake", "plaintext data before the handshake finished"), now));
            default:
                return step(null);
        }
    }

    /**
     * The inbound stream could not be framed: the first bytes are not the expected framing (e.g. not
     * TPKT in the X.224 phase), or a length field is broken.
     *
     * @param firstBytes up to {@link ReplySniffer#SNIFF_LENGTH} first bytes of what arrived in this phase
     * @param error the framing error
     */
    public List<Action<SequenceResult>> unframeable(byte[] firstBytes, MalformedPduException error, long now) {
        if (state == State.DONE) {
            return step(null);
        }
        boolean looksForeign = firstBytes.length > 0
                && (state == State.X224 || state == State.MCS ? firstBytes[0] != 0x03
                        : firstBytes[0] != 0x30 && firstBytes[0] != 0x03);
        if (looksForeign) {
            return step(fail(new Failure.NotRdp(ReplySniffer.classify(firstBytes), ReplySniffer.preview(firstBytes)), now));
        }
        return step(fail(CodecReadings.failure(error), now));
    }

    /**
     * The server's side of the TLS handshake is complete, and the driver now inspects the certificate
     * chain: its own work, which still counts against the TLS limit. From now until {@link #tlsEstablished},
     * a {@link #timeout} is the probe's and fails the phase with {@link Failure.LocalWorkTimedOut}, not with
     * a silence of the server. Optional: a driver that inspects at once goes straight to {@link #tlsEstablished}.
     */
    public List<Action<SequenceResult>> tlsHandshakeCompleted(long now) {
        requireState(State.TLS, "tlsHandshakeCompleted");
        inspectingChain = true;
        return step(null);
    }

    /**
     * The TLS engine's computation on what the server sent is in flight off the event loop ({@code true}) or back
     * ({@code false}). While it is in flight, a {@link #timeout} in the TLS phase is the probe's
     * ({@link Failure.LocalWorkTimedOut}). Ignored outside the TLS phase.
     */
    public void tlsLocalWork(boolean pending) {
        tlsWorkPending = state == State.TLS && pending;
    }

    /** The TLS handshake completed; {@code tls} holds version, cipher and the inspected chain. */
    public List<Action<SequenceResult>> tlsEstablished(TlsFacts tls, long now) {
        requireState(State.TLS, "tlsEstablished");
        learnedTls = tls;
        if (reports) {
            queue(new Action.Report<>(new ProbeEvent.TlsEstablished(tls)));
        }
        complete(now);
        SecurityProtocolSet selected = learnedNegotiation.selectedValue().orElseThrow();
        if (plan.lastPhase() == Phase.TLS_HANDSHAKE && (selected.requiresCredSsp() || !plan.mcs())) {
            String why = !selected.requiresCredSsp() ? "the server selected " + selected + ", which has no CredSSP"
                    : plan.credssp() ? "not part of this run" : "CredSSP switched off";
            markRest(Phase.CREDSSP, why);
            return step(finish());
        }
        if (!selected.requiresCredSsp()) {
            skipCredentialCheckForNoNla();
            skipCredSsp("the server selected " + selected + ", which has no CredSSP");
            return step(afterSecurityLayer(selected, true, now));
        }
        begin(Phase.CREDSSP, now, limits.credssp());
        state = State.CREDSSP;
        return step(new Action.Send<>(CredSspMessages.probeRequest(clientNonce), Framing.DER));
    }

    /** The TLS handshake failed at the TLS level (alert, version, cipher, not TLS, no engine). */
    public List<Action<SequenceResult>> tlsFailed(Failure failure, long now) {
        requireState(State.TLS, "tlsFailed");
        return step(fail(failure, now));
    }

    /** The peer closed the connection (FIN). */
    public List<Action<SequenceResult>> closed(long now) {
        if (state == State.DONE || state == State.NEW || state == State.RESOLVING) {
            return step(null);
        }
        return step(fail(new Failure.ClosedByPeer(phaseBytes), now));
    }

    /** The peer reset the connection (RST). */
    public List<Action<SequenceResult>> reset(long now) {
        if (state == State.DONE || state == State.NEW || state == State.RESOLVING) {
            return step(null);
        }
        return step(fail(new Failure.Reset(phaseBytes), now));
    }

    /** Something on our side failed (e.g. no TLS engine, a channel error). */
    public List<Action<SequenceResult>> localError(String detail, long now) {
        return failLocally(new Failure.LocalError(detail), now);
    }

    /**
     * Something on the probing machine ended the probe in the current phase, whatever the state: no file
     * descriptor for a socket, an exception in the driver ({@link Failure.Internal}), a local error. The
     * phase in progress (RESOLVE before the start) fails with {@code failure}; later phases are not reached.
     * Ignored once the sequence is done.
     */
    public List<Action<SequenceResult>> failLocally(Failure failure, long now) {
        if (state == State.DONE) {
            return step(null);
        }
        if (state == State.NEW) {
            begin(Phase.RESOLVE, now, limits.resolve());
        }
        return step(fail(failure, now));
    }

    @Override
    public List<Action<SequenceResult>> onTimer(long nowNanos, Duration localLag) {
        return timeout(nowNanos, localLag);
    }

    /** {@link #timeout(long, Duration)} with no loop lag measured. */
    public List<Action<SequenceResult>> timeout(long now) {
        return timeout(now, Duration.ZERO);
    }

    /**
     * The timer asked for ({@link #deadlineNanos()}) is due: the phase in progress times out. An early call
     * changes nothing and asks for the same timer again.
     *
     * <p>The driver must call this only once input that was already waiting has been read (the
     * sequence cannot tell a reply still in a socket buffer from none). The failure names the limit
     * that applied, the phase's own or what was left of the overall deadline when the phase began,
     * and the bytes of the answer that did arrive.
     *
     * @param localLag the largest lag of the driver's event loop during the phase, for the record
     */
    public List<Action<SequenceResult>> timeout(long now, Duration localLag) {
        if (state == State.DONE || state == State.NEW) {
            return step(null);
        }
        if (now < deadlineNanos()) {
            armed = Long.MAX_VALUE; // early: the same timer again
            return step(null);
        }
        long start = phaseStart[current.ordinal()];
        boolean overall = overallDeadline < phaseDeadline;
        Duration limit = overall ? Duration.ofNanos(Math.max(0, overallDeadline - start)) : phaseLimit;
        Failure.TimedOut.LimitKind kind = overall ? Failure.TimedOut.LimitKind.OVERALL_DEADLINE : Failure.TimedOut.LimitKind.PHASE_LIMIT;
        if (state == State.TLS && (inspectingChain || tlsWorkPending)) {
            return step(fail(new Failure.LocalWorkTimedOut(limit, inspectingChain ? "inspection of the server's certificate chain"
                    : "TLS computation on the server's handshake messages"), now));
        }
        long answered = answerBytes();
        long quietSince = answered > 0 ? Math.max(start, lastAnswerAt()) : start;
        Duration quiet = Duration.ofNanos(Math.max(0, now - quietSince));
        return step(fail(new Failure.TimedOut(limit, answered, waitingFor(), kind, quiet, localLag == null ? Duration.ZERO : localLag), now));
    }

    /** When the current phase began (driver's clock), or the probe's start before the first phase. */
    public long phaseStartNanos() {
        return current == null ? startNanos : phaseStart[current.ordinal()];
    }

    // ---------------------------------------------------------------- phases

    private Action<SequenceResult> afterResolve(InetAddress address, long now) {
        if (plan.udp()) {
            queue(new Action.StartUdp<>(new InetSocketAddress(address, port)));
        }
        if (!plan.tcp()) {
            markRest(Phase.TCP_CONNECT, "UDP-only probe");
            return finish();
        }
        begin(Phase.TCP_CONNECT, now, limits.connect());
        state = State.CONNECTING;
        InetSocketAddress remote = new InetSocketAddress(address, port);
        learnedConnectedAddress = remote;
        return new Action.Connect<>(remote);
    }

    private Action<SequenceResult> onConnectionConfirm(ByteBuf pdu, long now) {
        ServerX224Pdu reply;
        try {
            reply = ServerX224Pdu.decode(pdu);
        } catch (MalformedPduException e) {
            return fail(CodecReadings.failure(e), now);
        }
        if (!(reply instanceof ServerX224Pdu.ConnectionConfirm cc)) {
            return fail(new Failure.UnexpectedPdu("X.224 Connection Confirm", reply.describe()), now);
        }
        SecurityProtocolSet requested = plan.requested();
        if (cc.negotiation() == null) {
            learnNegotiation(NegotiationFacts.legacy(requested));
            complete(now);
            skipCredentialCheckForNoNla();
            skipTlsAndCredSsp("legacy Connection Confirm: Standard RDP Security only");
            return afterSecurityLayer(SecurityProtocolSet.of(SecurityProtocol.RDP), false, now);
        }
        if (cc.negotiation() instanceof NegotiationData.Failure f) {
            NegotiationFailure refusal = WireValues.model(f.code());
            learnNegotiation(NegotiationFacts.refused(requested, refusal));
            return fail(new Failure.NegotiationFailed(refusal), now);
        }
        NegotiationData.Response rsp = (NegotiationData.Response) cc.negotiation();
        SecurityProtocolSet selected = WireValues.model(rsp.selectedProtocol());
        learnNegotiation(NegotiationFacts.selected(requested, selected, rsp.flags(), rsp.flagNames()));
        if (!requested.admits(selected)) {
            return fail(new Failure.ProtocolMismatch(requested, selected), now);
        }
        complete(now);
        if (!selected.requiresTls()) {
            skipCredentialCheckForNoNla();
            skipTlsAndCredSsp("the server selected Standard RDP Security");
            return afterSecurityLayer(selected, false, now);
        }
        if (plan.lastPhase() == Phase.X224_NEGOTIATION) {
            markRest(Phase.TLS_HANDSHAKE, "not part of this run");
            return finish();
        }
        begin(Phase.TLS_HANDSHAKE, now, limits.tls());
        state = State.TLS;
        return new Action.StartTls<>(new TlsRequest(plan.target().host(), port, plan.tlsVersions()));
    }

    private Action<SequenceResult> onCredSspAnswer(ByteBuf pdu, long now) {
        if (pdu.isReadable() && pdu.getUnsignedByte(pdu.readerIndex()) == 0x03) {
            String what;
            try {
                what = ServerX224Pdu.decode(pdu).describe();
            } catch (MalformedPduException e) {
                what = "a malformed TPKT frame";
            }
            return fail(new Failure.UnexpectedPdu("CredSSP TSRequest", what), now);
        }
        Instant receivedAt = plan.clock().instant();
        ByteBuf again = plan.credentials() == null ? null : pdu.duplicate();
        CredSspAnswer answer;
        try {
            answer = CredSspMessages.readServerAnswer(pdu);
        } catch (MalformedPduException e) {
            return fail(CodecReadings.failure(e), now);
        }
        CredSspFacts credssp = CodecReadings.credSspFacts(answer, receivedAt);
        learnedCredssp = credssp;
        if (credssp != null) {
            if (reports) {
                queue(new Action.Report<>(new ProbeEvent.CredSspAnswered(credssp)));
            }
        }
        if (answer instanceof CredSspAnswer.Error error) {
            return fail(new Failure.CredSspError(error.ntStatus(), error.name()), now);
        }
        if (answer instanceof CredSspAnswer.NoChallenge none) {
            return fail(new Failure.UnexpectedPdu("TSRequest with an NTLM CHALLENGE", none.what()), now);
        }
        complete(now);
        if (plan.credentials() == null) {
            settle(Phase.CREDSSP_AUTH.ordinal(), NO_CREDENTIAL_CHECK);
            return finish();
        }
        return startCredentialCheck((CredSspAnswer.Challenge) answer, again, now);
    }

    private void skipTlsAndCredSsp(String why) {
        settle(Phase.TLS_HANDSHAKE.ordinal(), PhaseResult.skipped(Phase.TLS_HANDSHAKE, why));
        skipCredSsp(why);
    }

    /** CREDSSP skipped with the reason, and CREDSSP_AUTH too unless the credential check already has its result. */
    private void skipCredSsp(String why) {
        settle(Phase.CREDSSP.ordinal(), PhaseResult.skipped(Phase.CREDSSP, why));
        if (results[Phase.CREDSSP_AUTH.ordinal()] == null) {
            settle(Phase.CREDSSP_AUTH.ordinal(), PhaseResult.skipped(Phase.CREDSSP_AUTH, why));
        }
    }

    /**
     * After the security layer without CredSSP is in place (Standard RDP Security, or TLS): MCS_CONNECT when the plan
     * asks for it and the layer allows it without credentials, else the phase is skipped or not reached with the reason.
     */
    private Action<SequenceResult> afterSecurityLayer(SecurityProtocolSet selected, boolean insideTls, long now) {
        if (!plan.mcs()) {
            settle(Phase.MCS_CONNECT.ordinal(), PhaseResult.skipped(Phase.MCS_CONNECT, "MCS Connect switched off"));
            return finish();
        }
        boolean sslOnly = selected.bits() == SecurityProtocol.SSL.bit();
        if (insideTls && !sslOnly) {
            settle(Phase.MCS_CONNECT.ordinal(), notReached(Phase.MCS_CONNECT, "the server selected " + selected
                    + ", whose authentication comes before the MCS Connect"));
            return finish();
        }
        begin(Phase.MCS_CONNECT, now, limits.mcs());
        state = State.MCS;
        mcsInsideTls = insideTls;
        ConnectInitial ci = new ConnectInitial(ClientDataBlocks.forProbe(selected.bits(), plan.encryptionMethods()));
        return new Action.Send<>(PduBytes.encode(ci.encodedLength(), ci::encode), Framing.TPKT);
    }

    /**
     * The server's reply to the Connect Initial. The probe stops here and closes the connection (it sends no
     * Disconnect Provider Ultimatum: the driver's close after {@link Action.Finish} is a TCP FIN, which servers take
     * as the client going away before the Erect Domain Request).
     */
    private Action<SequenceResult> onConnectResponse(ByteBuf pdu, long now) {
        if (!ServerMcsPdu.isDataTpdu(pdu)) {
            String what;
            try {
                what = ServerX224Pdu.decode(pdu).describe();
            } catch (MalformedPduException e) {
                return fail(CodecReadings.failure(e), now);
            }
            return fail(new Failure.UnexpectedPdu("MCS Connect Response", what), now);
        }
        ServerMcsPdu reply;
        try {
            reply = ServerMcsPdu.decode(pdu);
        } catch (MalformedPduException e) {
            return fail(CodecReadings.failure(e), now);
        }
        if (!(reply instanceof ConnectResponse rsp)) {
            return fail(new Failure.UnexpectedPdu("MCS Connect Response", reply.describe()), now);
        }
        McsFacts mcs = McsReadings.facts(rsp, mcsInsideTls, plan.encryptionMethods());
        learnedMcs = mcs;
        if (!mcs.successful()) {
            return fail(new Failure.UnexpectedPdu("MCS Connect Response with rt-successful", rsp.describe()), now);
        }
        complete(now);
        return finish();
    }

    private static PhaseResult notReached(Phase phase, String why) {
        return new PhaseResult(phase, PhaseStatus.NOT_REACHED, Duration.ZERO, Duration.ZERO, java.util.Optional.empty(),
                java.util.Optional.of(why));
    }

    // ---------------------------------------------------------------- the credential check

    private String account() {
        return plan.credentials().credentials().account();
    }

    /** Whether the server's certificate may receive the NTLMv2 response: trusted for its name, pinned, or allowed. */
    private String unverifiedCertificate() {
        CredentialPlan cp = plan.credentials();
        CertificateReport leaf = learnedTls == null ? null : learnedTls.leaf().orElse(null);
        if (leaf != null) {
            for (var pin : cp.pins()) {
                if (pin.matches(leaf.sha1Thumbprint(), leaf.sha256Thumbprint())) {
                    return null;
                }
            }
        }
        boolean trusted = learnedTls != null && learnedTls.trusted().orElse(false);
        boolean nameMatches = leaf != null && leaf.hostnameMatches().orElse(true);
        if (trusted && nameMatches) {
            return null;
        }
        if (cp.sendToUnverified()) {
            return null;
        }
        return leaf == null ? "no server certificate was seen"
                : (trusted ? "the certificate does not name " + plan.target().host() : "the certificate is not trusted")
                + " and its thumbprint (SHA-256 " + leaf.sha256Thumbprint() + ") is not pinned";
    }

    private Action<SequenceResult> startCredentialCheck(CredSspAnswer.Challenge answer, ByteBuf again, long now) {
        String unverified = unverifiedCertificate();
        if (unverified != null) {
            return skipCredentialCheck(CredentialVerdict.NOT_CHECKED_CERTIFICATE_NOT_VERIFIED,
                    "not checked: certificate not verified (" + unverified + "); nothing was sent");
        }
        if (answer.spnegoWrapped()) {
            return skipCredentialCheck(CredentialVerdict.NOT_CHECKED_LOCAL,
                    "not checked: the server wrapped NTLM in SPNEGO, which the check does not answer; nothing was sent");
        }
        byte[] challengeBytes = TsRequest.decode(again).firstNegoToken();
        byte[] random = credentialRandom;
        credentialRandom = null;
        CredentialExchange.Start start = CredentialExchange.prepare(plan.credentials(), answer.version(), challengeBytes,
                answer.challenge(), serverCertificate, random, clientNonce, plan.clock().instant(), plan.target().host());
        if (start instanceof CredentialExchange.NotStarted no) {
            return skipCredentialCheck(no.verdict(), "not checked: " + no.detail() + "; nothing was sent");
        }
        exchange = ((CredentialExchange.Ready) start).exchange();
        begin(Phase.CREDSSP_AUTH, now, limits.credssp());
        state = State.CREDSSP_AUTH;
        return new Action.Send<>(exchange.request(), Framing.DER);
    }

    private Action<SequenceResult> onCredSspAuthAnswer(ByteBuf pdu, long now) {
        if (pdu.isReadable() && pdu.getUnsignedByte(pdu.readerIndex()) == 0x03) {
            return fail(new Failure.UnexpectedPdu("CredSSP TSRequest answering the AUTHENTICATE", "a TPKT frame"), now);
        }
        CredSspAuthAnswer answer;
        try {
            answer = CredSspMessages.readAuthAnswer(pdu);
        } catch (MalformedPduException e) {
            return fail(CodecReadings.failure(e), now);
        }
        Optional<Integer> version = Optional.of(exchange.version());
        if (answer instanceof CredSspAuthAnswer.Error error) {
            CredentialVerdict verdict = CredentialVerdicts.of(error.ntStatus());
            recordCheck(new CredentialCheck(verdict, account(), Optional.of(error.ntStatus()), Optional.of(error.name()), version,
                    "the server answered the AUTHENTICATE with " + error.name()));
            return fail(new Failure.CredentialsRefused(verdict, error.ntStatus(), error.name()), now);
        }
        if (answer instanceof CredSspAuthAnswer.Neither neither) {
            recordCheck(new CredentialCheck(CredentialVerdict.PUBKEYAUTH_MISSING, account(), Optional.empty(), Optional.empty(),
                    version, "the server answered with " + neither.what()));
            return fail(new Failure.PubKeyAuthInvalid(true, neither.what()), now);
        }
        String wrong = exchange.checkServerPubKeyAuth(((CredSspAuthAnswer.PubKeyAuth) answer).pubKeyAuth());
        if (wrong != null) {
            recordCheck(new CredentialCheck(CredentialVerdict.PUBKEYAUTH_WRONG, account(), Optional.empty(), Optional.empty(),
                    version, "the server's pubKeyAuth is wrong: " + wrong));
            return fail(new Failure.PubKeyAuthInvalid(false, wrong), now);
        }
        recordCheck(new CredentialCheck(CredentialVerdict.ACCEPTED, account(), Optional.empty(), Optional.empty(), version,
                "the server accepted the credentials and proved it holds the TLS key (pubKeyAuth verified); no credentials were delegated"));
        complete(now);
        return finish();
    }

    private void recordCheck(CredentialCheck check) {
        learnedCredentialCheck = check;
    }

    /** The credential check is skipped with this verdict: CREDSSP_AUTH SKIPPED with the same words. */
    private Action<SequenceResult> skipCredentialCheck(CredentialVerdict verdict, String detail) {
        recordCheck(CredentialCheck.notChecked(verdict, account(), detail));
        settle(Phase.CREDSSP_AUTH.ordinal(), PhaseResult.skipped(Phase.CREDSSP_AUTH, detail));
        return finish();
    }

    /** With credentials planned, the server's choice of TLS alone or Standard RDP Security: nothing can be checked. */
    private void skipCredentialCheckForNoNla() {
        if (plan.credentials() != null) {
            String detail = "not checked: the server has no NLA; credentials would be typed into its logon screen (nothing was sent)";
            recordCheck(CredentialCheck.notChecked(CredentialVerdict.NOT_CHECKED_NO_NLA, account(), detail));
            settle(Phase.CREDSSP_AUTH.ordinal(), PhaseResult.skipped(Phase.CREDSSP_AUTH, detail));
        }
    }

    /** The check's result when the CREDSSP_AUTH phase failed (a close, a time-out, …) or was not reached. */
    private void recordCheckForFailure(Failure failure) {
        if (plan.credentials() == null || learnedCredentialCheck != null) {
            return;
        }
        if (failure instanceof Failure.NegotiationFailed refused && refused.failure().reason()
                .filter(r -> r == dev.rdpprobe.core.outcome.NegotiationFailure.Reason.SSL_NOT_ALLOWED_BY_SERVER).isPresent()) {
            recordCheck(CredentialCheck.notChecked(CredentialVerdict.NOT_CHECKED_NO_NLA, account(), "not checked: the server allows "
                    + "only Standard RDP Security (no NLA); credentials would be typed into its logon screen (nothing was sent)"));
            return;
        }
        if (current != Phase.CREDSSP_AUTH) {
            recordCheck(CredentialCheck.notChecked(CredentialVerdict.NOT_CHECKED_NOT_REACHED, account(),
                    "not checked: " + current + " failed before the check (" + failure.message() + "); nothing was sent"));
            return;
        }
        CredentialVerdict verdict = failure.isTimeout() ? CredentialVerdict.TIMED_OUT
                : failure instanceof Failure.ClosedByPeer || failure instanceof Failure.Reset || failure instanceof Failure.TlsAlert
                        ? CredentialVerdict.CLOSED : CredentialVerdict.SERVER_ERROR;
        recordCheck(new CredentialCheck(verdict, account(), Optional.empty(), Optional.empty(), Optional.of(exchange.version()),
                failure.message()));
    }

    // ---------------------------------------------------------------- bookkeeping

    /** Bytes of the current phase's answer: raw bytes, except inside TLS after the handshake (see {@link Failure.TimedOut}). */
    private long answerBytes() {
        return afterTls() ? framedBytes + recordInProgress : phaseBytes;
    }

    /** Whether the phase in progress runs inside TLS, where the answer is counted after decryption. */
    private boolean afterTls() {
        return inCredSsp() || (state == State.MCS && mcsInsideTls);
    }

    private long lastAnswerAt() {
        if (!afterTls()) {
            return lastByteAt;
        }
        long at = framedBytes > 0 ? lastFramedAt : Long.MIN_VALUE;
        return recordInProgress > 0 ? Math.max(at, recordProgressAt) : at;
    }

    private String waitingFor() {
        switch (current) {
            case RESOLVE: return "DNS answer";
            case TCP_CONNECT: return "TCP handshake (SYN-ACK)";
            case X224_NEGOTIATION: return "X.224 Connection Confirm";
            case TLS_HANDSHAKE: return "completed TLS handshake";
            case CREDSSP: return "CredSSP TSRequest";
            case MCS_CONNECT: return "MCS Connect Response";
            case CREDSSP_AUTH: return "CredSSP answer to the AUTHENTICATE";
            default: return "answer";
        }
    }

    private void learnNegotiation(NegotiationFacts negotiation) {
        learnedNegotiation = negotiation;
        if (reports) {
            queue(new Action.Report<>(new ProbeEvent.Negotiated(negotiation)));
        }
    }

    /**
     * The actions answering one event: what was queued while handling it (reports, the start of UDP), the timer
     * if the deadline moved, then the event's own action ({@code null}: none).
     */
    private List<Action<SequenceResult>> step(Action<SequenceResult> action) {
        Action<SequenceResult> timer = null;
        long due = deadlineNanos();
        if (due != armed) {
            armed = due;
            if (due != Long.MAX_VALUE) {
                timer = new Action.ArmTimer<>(due);
            }
        }
        if (queued == null || queued.isEmpty()) { // the common case (no report, no UDP start): the smallest list there is
            if (timer == null) {
                return action == null ? List.of() : List.of(action);
            }
            return action == null ? List.of(timer) : List.of(timer, action);
        }
        List<Action<SequenceResult>> actions = new ArrayList<>(queued.size() + 2); // room for the timer and the action
        actions.addAll(queued);
        queued.clear();
        if (timer != null) {
            actions.add(timer);
        }
        if (action != null) {
            actions.add(action);
        }
        return actions;
    }

    /** Queues an action to hand out before the current event's own; the queue is made on first use. */
    private void queue(Action<SequenceResult> action) {
        if (queued == null) {
            queued = new ArrayList<>();
        }
        queued.add(action);
    }

    /** Sets a phase's result, reporting its end the first time. */
    private void settle(int index, PhaseResult result) {
        results[index] = result;
        if ((reported & 1 << index) == 0) {
            reported |= 1 << index;
            if (reports) {
                queue(new Action.Report<>(new ProbeEvent.PhaseEnded(result)));
            }
        }
    }

    private void begin(Phase phase, long now, Duration limit) {
        if (reports) {
            queue(new Action.Report<>(new ProbeEvent.PhaseStarted(phase)));
        }
        current = phase;
        phaseStart[phase.ordinal()] = now;
        phaseLimit = limit;
        phaseDeadline = now + limit.toNanos();
        phaseBytes = 0;
        framedBytes = 0;
    }

    private void complete(long now) {
        int i = current.ordinal();
        settle(i, PhaseResult.ok(current, offset(phaseStart[i]), Duration.ofNanos(Math.max(0, now - phaseStart[i]))));
    }

    private Action<SequenceResult> fail(Failure failure, long now) {
        recordCheckForFailure(failure);
        int i = current.ordinal();
        settle(i, PhaseResult.failed(current, offset(phaseStart[i]), Duration.ofNanos(Math.max(0, now - phaseStart[i])), failure));
        for (int j = i + 1; j < results.length; j++) {
            if (results[j] == null) {
                settle(j, unreached(j));
            }
        }
        return finish();
    }

    /** Marks {@code from} and every later TCP phase SKIPPED with a reason (a phase already settled keeps its result). */
    private void markRest(Phase from, String why) {
        for (int j = from.ordinal(); j < results.length; j++) {
            if (results[j] == null) {
                settle(j, PhaseResult.skipped(TCP_PHASES[j], why));
            }
        }
    }

    /**
     * The result of a TCP phase the probe did not get to: MCS_CONNECT after a server that selected NLA says why
     * ({@value #MCS_AFTER_NLA}), every other phase is plainly NOT_REACHED.
     */
    private PhaseResult unreached(int index) {
        boolean nla = learnedNegotiation != null && learnedNegotiation.selectedValue().map(SecurityProtocolSet::requiresCredSsp)
                .orElse(false);
        return TCP_PHASES[index] == Phase.MCS_CONNECT && nla ? MCS_NOT_REACHED_AFTER_NLA
                : PhaseResult.notReached(TCP_PHASES[index]);
    }

    private Action<SequenceResult> finish() {
        state = State.DONE;
        if (exchange != null) {
            exchange.wipe();
            exchange = null;
        }
        if (credentialRandom != null) {
            java.util.Arrays.fill(credentialRandom, (byte) 0);
            credentialRandom = null;
        }
        for (int j = 0; j < results.length; j++) {
            if (results[j] == null) {
                settle(j, unreached(j));
            }
        }
        ServerFacts facts = new ServerFacts(learnedAddresses, Optional.ofNullable(learnedConnectedAddress),
                Optional.ofNullable(learnedNegotiation), Optional.ofNullable(learnedTls), Optional.ofNullable(learnedCredssp),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.ofNullable(learnedMcs), Optional.empty(),
                Optional.ofNullable(learnedCredentialCheck));
        return new Action.Finish<>(new SequenceResult(List.of(results), facts));
    }

    /** {@code ip:port}, with brackets around an IPv6 address. */
    private static String socketAddress(InetSocketAddress a) {
        String ip = a.getAddress() != null ? a.getAddress().getHostAddress() : a.getHostString();
        return (ip.indexOf(':') >= 0 ? "[" + ip + "]" : ip) + ":" + a.getPort();
    }

    private Duration offset(long at) {
        return Duration.ofNanos(Math.max(0, at - startNanos));
    }

    private void requireState(State expected, String event) {
        if (state != expected) {
            throw new IllegalStateException("event " + event + " in state " + state + " (expected " + expected + ")");
        }
    }
}
