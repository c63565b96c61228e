package dev.rdpprobe.core;

import dev.rdpprobe.core.outcome.Failure;
import dev.rdpprobe.core.outcome.LocalFailures;
import dev.rdpprobe.core.outcome.Phase;
import dev.rdpprobe.core.outcome.PhaseResult;
import dev.rdpprobe.core.outcome.TlsFacts;
import dev.rdpprobe.core.internal.pdu.MalformedPduException;
import dev.rdpprobe.core.internal.pdu.PduFrameDecoder;
import dev.rdpprobe.core.internal.sequence.Action;
import dev.rdpprobe.core.internal.sequence.ConnectionSequence;
import dev.rdpprobe.core.internal.sequence.Framing;
import dev.rdpprobe.core.internal.sequence.LostResults;
import dev.rdpprobe.core.internal.sequence.OutcomeAssembly;
import dev.rdpprobe.core.internal.sequence.ProbeEvent;
import dev.rdpprobe.core.internal.sequence.SequencePlan;
import dev.rdpprobe.core.internal.sequence.SequenceResult;
import dev.rdpprobe.core.tls.TlsHandshakeSucceeded;
import dev.rdpprobe.core.tls.TlsInspection;
import dev.rdpprobe.core.internal.udp.UdpProbeDriver;
import dev.rdpprobe.core.internal.udp.UdpProbeResult;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.ScheduledFuture;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Drives one {@link ConnectionSequence} over Netty on one event loop: performs its actions (arming its one timer,
 * starting the UDP probe beside it where it says, passing its reports to the probe's listener), and turns channel
 * events into sequence events.
 * Every method runs on {@link #loop}, except {@link #abandon} and the getters marked volatile.
 *
 * <p>The run's future always completes. Every entry point (the start task, channel callbacks, listeners,
 * timers) guards itself: whatever it throws ends the run in the phase it was in, with
 * {@link Failure.OutOfFileDescriptors} when no socket could be had, else {@link Failure.Internal}. A backstop
 * on the run's loop, {@link #BACKSTOP_GRACE} after the deadline (so after the sequence's own timer), ends a
 * run that lost track of itself, naming the phase; the channel is closed whether or not it was ever registered.
 */
final class ProbeRun {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ProbeRun.class);

    /** How long after the probe's deadline a run that has not finished is ended as lost. */
    static final Duration BACKSTOP_GRACE = UdpProbeDriver.BACKSTOP_GRACE;

    /** Random bytes of the credential check: the NTLM client challenge (8) and the exported session key (16). */
    private static final int CREDENTIAL_RANDOM = 24;

    /** What one run produced. */
    record Result(SequenceResult sequence, UdpProbeResult udp) {
    }

    private final ProbeEngine engine;
    private final SequencePlan plan;
    private final boolean withUdp;
    private final Consumer<ProbeEvent> events;
    /** Whether anyone listens to {@link #events} (a probe without a listener gets no end-of-phase events made for it). */
    private final boolean heard;
    private final EventLoop loop;
    private final long startNanos;
    private final ConnectionSequence sequence;
    private final CompletableFuture<Result> result = new CompletableFuture<>();

    private Channel channel;
    private ScheduledFuture<?> timer;
    private ScheduledFuture<?> backstop;
    private boolean tlsPending;
    private boolean inspecting;
    private Runnable afterInspection;
    /** The TCP path's result once the sequence finished; volatile for the watchdog. */
    private volatile SequenceResult finished;
    /** The phase in progress (the last one, once finished); volatile for the watchdog. */
    private volatile Phase phase = Phase.RESOLVE;
    private CompletableFuture<UdpProbeResult> udp;

    /**
     * @param events told of the run's progress (phases, facts; the UDP phase's end); must not throw
     */
    ProbeRun(ProbeEngine engine, SequencePlan plan, EventLoop loop, long startNanos, Consumer<ProbeEvent> events) {
        this.engine = engine;
        this.plan = plan;
        this.withUdp = plan.udp();
        this.events = events;
        this.heard = !(events instanceof ProbeEvents e && e.unheard());
        this.loop = loop;
        this.startNanos = startNanos;
        this.sequence = new ConnectionSequence(plan, startNanos);
        if (!heard) {
            sequence.withoutReports();
        }
    }

    CompletableFuture<Result> start() {
        try {
            loop.execute(this::begin);
        } catch (RuntimeException e) { // the loop refuses work: the prober is closing
            Failure failure = LocalFailures.of("starting the probe", e);
            result.complete(new Result(LostResults.sequence(plan.target(), plan.tcp(), Phase.RESOLVE, failure),
                    udpResult(failure)));
        }
        return result;
    }

    private void begin() {
        try {
            long deadline = startNanos + plan.limits().deadline().toNanos();
            backstop = loop.schedule(this::onBackstop, Math.max(0, deadline + BACKSTOP_GRACE.toNanos() - System.nanoTime()),
                    TimeUnit.NANOSECONDS);
            if (plan.lastPhase() == Phase.CREDSSP) {
                byte[] nonce = new byte[32];
                engine.random().nextBytes(nonce);
                sequence.clientNonce(nonce);
            }
            if (plan.credentials() != null) {
                byte[] random = new byte[CREDENTIAL_RANDOM];
                engine.random().nextBytes(random);
                sequence.credentialRandom(random);
                java.util.Arrays.fill(random, (byte) 0);
            }
            drive(sequence.start(System.nanoTime()));
        } catch (Throwable t) {
            failInternally("starting the probe", t);
        }
    }

    boolean isFinished() {
        return finished != null;
    }

    boolean isTlsPending() {
        return tlsPending;
    }

    Framing framing() {
        return sequence.framing();
    }

    int maxPduLength() {
        return sequence.maxPduLength();
    }

    /** The phase in progress, or the last TCP-path phase once the sequence finished. Any thread. */
    Phase phase() {
        return phase;
    }

    /** The TCP path's result once the sequence finished, else {@code null}. Any thread. */
    SequenceResult finishedSequence() {
        return finished;
    }

    /**
     * Ends the run, from any thread, because the probe was rescued or cancelled without it: on its loop, if the
     * loop still runs tasks, it fails with {@code failure} and closes its UDP socket and its channel.
     */
    void abandon(Failure failure) {
        try {
            loop.execute(() -> {
                try {
                    if (udp != null && !udp.isDone()) {
                        udp.complete(udpResult(failure)); // closes the UDP socket
                    }
                    if (!isFinished()) {
                        failWith(failure); // closes the connection
                    }
                } catch (Throwable t) {
                    failInternally("abandoning the probe", t);
                }
            });
        } catch (RuntimeException e) {
            // the loop is gone, and its channels with it
        }
    }

    // ------------------------------------------------------------ events from the channel

    void onRawBytes(int count) {
        try {
            sequence.bytesReceived(count, System.nanoTime());
        } catch (Throwable t) {
            failInternally("counting the server's bytes", t);
        }
    }

    void onFramedBytes(int count) {
        try {
            sequence.framedBytesReceived(count, System.nanoTime());
        } catch (Throwable t) {
            failInternally("counting the decrypted bytes", t);
        }
    }

    void onTlsRecordInProgress(int bytes) {
        try {
            sequence.tlsRecordInProgress(bytes, System.nanoTime());
        } catch (Throwable t) {
            failInternally("following the TLS records", t);
        }
    }

    void onPdu(ByteBuf pdu) {
        try {
            drive(sequence.received(pdu, System.nanoTime()));
        } catch (Throwable t) {
            failInternally("reading a PDU from the server", t);
        }
    }

    void onUnframeable(byte[] firstBytes, MalformedPduException error) {
        try {
            drive(sequence.unframeable(firstBytes, error, System.nanoTime()));
        } catch (Throwable t) {
            failInternally("reading bytes that do not frame as a PDU", t);
        }
    }

    /**
     * The server completed the handshake: inspect its chain off the event loop (the TLS phase's limit still
     * runs, and its expiry now blames the probe's own work), then go on here. Plaintext that arrives meanwhile
     * waits in the framer; a close, reset or channel error waits until the inspection is done, so that it is
     * reported in the phase it belongs to, as if the inspection had been instant.
     */
    void onTlsEstablished(TlsHandshakeSucceeded ok) {
        try {
            if (isFinished() || inspecting) {
                return;
            }
            inspecting = true;
            drive(sequence.tlsHandshakeCompleted(System.nanoTime()));
            Instant probeTime = plan.clock().instant();
            try {
                engine.offLoop().execute(() -> {
                    TlsInspection inspection = inspect(ok, probeTime);
                    try {
                        loop.execute(() -> onInspected(ok, inspection));
                    } catch (RejectedExecutionException e) {
                        // the prober is closing: close() completes the outcome
                    }
                });
            } catch (RejectedExecutionException e) {
                inspecting = false;
                drive(sequence.tlsFailed(new Failure.LocalError("the certificate chain could not be inspected: the prober's "
                        + "certificate workers are saturated or closed"), System.nanoTime()));
            }
        } catch (Throwable t) {
            failInternally("handing the TLS chain to inspection", t);
        }
    }

    /** Runs off the event loop; never throws. */
    private TlsInspection inspect(TlsHandshakeSucceeded ok, Instant probeTime) {
        try {
            return engine.tls().inspect(ok.peerChainDer(), plan.target().host(), probeTime, engine.trustStore());
        } catch (Throwable e) { // an Error too: the hop back to the loop must happen
            return new TlsInspection(List.of(), null, "the certificate inspection failed: " + e);
        }
    }

    private void onInspected(TlsHandshakeSucceeded ok, TlsInspection inspection) {
        inspecting = false;
        Runnable deferred = afterInspection;
        afterInspection = null;
        if (isFinished()) {
            return;
        }
        try {
            tlsPending = false;
            TlsFacts facts = TlsFacts.handshake(ok.protocolVersion(), ok.cipherSuite(), ok.engine(), inspection.chain(),
                    inspection.trusted(), inspection.trustDetail());
            if (plan.credentials() != null && !ok.peerChainDer().isEmpty()) {
                sequence.serverCertificate(ok.peerChainDer().get(0));
            }
            drive(sequence.tlsEstablished(facts, System.nanoTime()));
            PduFrameDecoder frames = frames(CREDSSP_FRAMES);
            if (frames != null) {
                frames.resume();
            }
        } catch (Throwable t) {
            failInternally("inspecting the completed TLS handshake", t);
        }
        if (deferred != null) {
            deferred.run();
        }
    }

    /** While the chain is inspected, keeps the first channel event for afterwards; true if it was kept. */
    private boolean deferWhileInspecting(Runnable event) {
        if (!inspecting || isFinished()) {
            return false;
        }
        if (afterInspection == null) {
            afterInspection = event;
        }
        return true;
    }

    /** The TLS handler's handshake computation went off the loop ({@code true}) or came back. */
    void onTlsLocalWork(boolean pending) {
        try {
            if (!isFinished()) {
                sequence.tlsLocalWork(pending);
            }
        } catch (Throwable t) {
            failInternally("following the TLS engine's own work", t);
        }
    }

    void onTlsFailed(Failure failure) {
        try {
            if (!isFinished()) {
                tlsPending = false;
                drive(sequence.tlsFailed(failure, System.nanoTime()));
            }
        } catch (Throwable t) {
            failInternally("handling the failed TLS handshake", t);
        }
    }

    void onClosed() {
        try {
            if (!deferWhileInspecting(this::onClosed)) {
                drive(sequence.closed(System.nanoTime()));
            }
        } catch (Throwable t) {
            failInternally("handling the close of the connection", t);
        }
    }

    void onReset() {
        try {
            if (!deferWhileInspecting(this::onReset)) {
                drive(sequence.reset(System.nanoTime()));
            }
        } catch (Throwable t) {
            failInternally("handling the reset of the connection", t);
        }
    }

    void onLocalError(String detail) {
        try {
            if (!deferWhileInspecting(() -> onLocalError(detail))) {
                drive(sequence.localError(detail, System.nanoTime()));
            }
        } catch (Throwable t) {
            failInternally("handling a channel error", t);
        }
    }

    /** A handler of the run's pipeline threw: {@code error} ends the run in the phase it was in. */
    void onInternalError(String during, Throwable error) {
        failInternally(during, error);
    }

    // ------------------------------------------------------------ actions

    /** Performs the sequence's actions in order; after a finish, the rest are ignored. */
    private void drive(List<Action<SequenceResult>> actions) {
        for (Action<SequenceResult> action : actions) {
            if (isFinished()) {
                return;
            }
            perform(action);
        }
    }

    private void perform(Action<SequenceResult> action) {
        if (action instanceof Action.Finish<SequenceResult> f) {
            finish(f.result());
            debug(action);
            return;
        }
        Phase now = sequence.currentPhase();
        if (now != null) {
            phase = now;
        }
        debug(action);
        if (action instanceof Action.Report<SequenceResult> r) {
            events.accept(r.event());
        } else if (action instanceof Action.ArmTimer<SequenceResult> t) {
            arm(t.atNanos());
        } else if (action instanceof Action.Resolve<SequenceResult> r) {
            resolve(r.host());
        } else if (action instanceof Action.StartUdp<SequenceResult> u) {
            startUdp(u.address());
        } else if (action instanceof Action.Connect<SequenceResult> c) {
            connect(c.address());
        } else if (action instanceof Action.Send<SequenceResult> send) {
            if (channel != null && channel.isActive()) {
                channel.writeAndFlush(Unpooled.wrappedBuffer(send.bytes()));
            }
        } else if (action instanceof Action.StartTls<SequenceResult> t) {
            startTls(t);
        } else {
            throw new IllegalStateException("the TCP driver cannot perform " + action);
        }
    }

    private void debug(Action<SequenceResult> action) {
        if (LOG.isDebugEnabled() && !(action instanceof Action.Report) && !(action instanceof Action.ArmTimer)) {
            LOG.debug("{} {}: {}", plan.target(), sequence.currentPhase() == null ? "done" : sequence.currentPhase(), describe(action));
        }
    }

    /** A log line for an action: its kind and sizes, never payload bytes. */
    private static String describe(Action<SequenceResult> action) {
        if (action instanceof Action.Send<SequenceResult> s) {
            return "send " + s.bytes().length + " bytes, then frame by " + s.framing();
        }
        if (action instanceof Action.StartTls<SequenceResult> t) {
            return "start TLS offering " + t.request().protocols();
        }
        if (action instanceof Action.Finish<SequenceResult> f) {
            return "finish " + f.result().tcpPhases().stream().map(p -> p.phase() + "=" + p.status()).toList();
        }
        return action.toString();
    }

    private void resolve(String host) {
        Future<List<InetSocketAddress>> f;
        try {
            f = engine.resolver(loop).resolveAll(InetSocketAddress.createUnresolved(host, plan.target().port()));
        } catch (Throwable t) { // the resolver could not be made (its UDP socket, for one)
            failInternally("starting name resolution", t);
            return;
        }
        f.addListener(done -> onLoop("handling the DNS answer", () -> {
            if (isFinished()) {
                return;
            }
            if (f.isSuccess()) {
                List<InetAddress> addresses = new ArrayList<>();
                for (InetSocketAddress a : f.getNow()) {
                    if (!addresses.contains(a.getAddress())) {
                        addresses.add(a.getAddress());
                    }
                }
                drive(sequence.resolved(addresses, System.nanoTime()));
            } else {
                Failure noFds = LocalFailures.outOfFileDescriptors(f.cause());
                if (noFds != null) {
                    noteLocalFailure(noFds, f.cause());
                    drive(sequence.failLocally(noFds, System.nanoTime()));
                } else {
                    drive(sequence.resolveFailed(describeDnsFailure(f.cause()), System.nanoTime()));
                }
            }
        }));
    }

    private static String describeDnsFailure(Throwable cause) {
        Throwable root = cause;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String m = cause instanceof UnknownHostException ? cause.getMessage() : String.valueOf(root.getMessage());
        if (m == null) {
            return cause.getClass().getSimpleName();
        }
        if (m.contains("NXDOMAIN")) {
            return "no such name (NXDOMAIN)";
        }
        if (m.contains("SERVFAIL")) {
            return "the DNS server failed (SERVFAIL)";
        }
        return m;
    }

    private void connect(InetSocketAddress address) {
        Bootstrap b = new Bootstrap()
                .group(loop)
                .channelFactory(engine.sockets()::newTcpChannel)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(Integer.MAX_VALUE,
                        plan.limits().connect().toMillis() + 1000))
                .option(ChannelOption.TCP_NODELAY, true)
                .handler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        ch.pipeline().addLast("counter", new InboundByteCounter(ProbeRun.this));
                        ch.pipeline().addLast(X224_FRAMES, PduFramingHandler.newFrameDecoder(ProbeRun.this));
                        ch.pipeline().addLast("framer", new PduFramingHandler(ProbeRun.this));
                    }
                });
        InetAddress local = engine.localAddress();
        ChannelFuture f = local == null ? b.connect(address) : b.connect(address, new InetSocketAddress(local, 0));
        channel = f.channel();
        // A channel that could not be made or registered (no file descriptor) is a never-registered stand-in
        // whose future completes on Netty's global executor: the listener hops back to the loop.
        f.addListener(done -> onLoop("handling the TCP connect", () -> {
            Channel ch = f.channel();
            if (isFinished()) {
                closeQuietly(ch);
                return;
            }
            if (f.isSuccess()) {
                drive(sequence.connected(inet(ch.localAddress()), inet(ch.remoteAddress()), System.nanoTime()));
            } else {
                Failure failure = classifyConnectFailure(f.cause(), plan);
                noteLocalFailure(failure, f.cause());
                drive(sequence.connectFailed(failure, System.nanoTime()));
            }
        }));
    }

    private static InetSocketAddress inet(java.net.SocketAddress a) {
        return a instanceof InetSocketAddress i ? i : null;
    }

    static Failure classifyConnectFailure(Throwable cause, SequencePlan plan) {
        Failure noFds = LocalFailures.outOfFileDescriptors(cause);
        if (noFds != null) {
            return noFds;
        }
        String m = String.valueOf(cause.getMessage()).toLowerCase(Locale.ROOT);
        if (cause instanceof io.netty.channel.ConnectTimeoutException) {
            return new Failure.TimedOut(plan.limits().connect(), 0, "TCP handshake (SYN-ACK)");
        }
        if (cause instanceof NoRouteToHostException || m.contains("no route") || m.contains("unreachable") || m.contains("host is down")) {
            return new Failure.Unreachable(String.valueOf(cause.getMessage()));
        }
        if (cause instanceof ConnectException && m.contains("refused")) {
            return new Failure.Refused();
        }
        return new Failure.LocalError("connect failed: " + cause);
    }

    private void startTls(Action.StartTls<SequenceResult> t) {
        if (engine.tls() == null) {
            drive(sequence.tlsFailed(new Failure.TlsEngineUnavailable(ProbeEngine.NO_TLS_PROVIDER), System.nanoTime()));
            return;
        }
        if (channel == null || !channel.isActive()) {
            onClosed();
            return;
        }
        ChannelHandler handler;
        try {
            handler = engine.tls().newClientHandler(engine.tlsEngineName(), t.request(), engine.offLoop());
        } catch (RuntimeException e) {
            drive(sequence.tlsFailed(new Failure.TlsEngineUnavailable("TLS engine refused the request: " + e.getMessage()),
                    System.nanoTime()));
            return;
        }
        tlsPending = true;
        PduFrameDecoder x224Frames = frames(X224_FRAMES);
        channel.pipeline().addBefore("framer", "tls", handler);
        channel.pipeline().addBefore("framer", CREDSSP_FRAMES, PduFramingHandler.newFrameDecoder(this));
        // Bytes that came in the same segment as the Connection Confirm are the server's first TLS bytes:
        // the counter counts them for the TLS phase (which began with the confirm) and follows their
        // records, as if they had arrived now; then the X.224 framer leaves, handing them to TLS.
        ((InboundByteCounter) channel.pipeline().get("counter")).followTlsRecords(
                x224Frames == null ? Unpooled.EMPTY_BUFFER : x224Frames.held());
        if (x224Frames != null) {
            x224Frames.finish();
        }
    }

    /** The frame decoder before TLS (the X.224 phase), and the one after it (CredSSP). */
    private static final String X224_FRAMES = "x224-frames";
    private static final String CREDSSP_FRAMES = "credssp-frames";

    private PduFrameDecoder frames(String name) {
        return channel == null ? null : (PduFrameDecoder) channel.pipeline().get(name);
    }

    private void startUdp(InetSocketAddress remote) {
        if (!withUdp || udp != null) {
            return;
        }
        InetAddress local = engine.localAddress();
        udp = UdpProbeDriver.run(engine.group(), remote, local == null ? null : new InetSocketAddress(local, 0),
                engine.udpConfig(), startNanos, startNanos + plan.limits().deadline().toNanos(), engine.sockets()::newUdpChannel,
                events);
        udp.whenComplete((u, e) -> {
            if (u != null) {
                events.accept(new ProbeEvent.PhaseEnded(u.phase()));
            }
        });
    }

    /**
     * Ends the run with the failure {@code error} stands for, in the phase it was in: through the sequence
     * if it still can, else with a result built without it.
     */
    private void failInternally(String during, Throwable error) {
        Failure failure = LocalFailures.of(during, error);
        noteLocalFailure(failure, error);
        failWith(failure);
    }

    private void failWith(Failure failure) {
        if (isFinished()) {
            return;
        }
        SequenceResult done = null;
        try {
            for (Action<SequenceResult> action : sequence.failLocally(failure, System.nanoTime())) {
                if (action instanceof Action.Finish<SequenceResult> f) {
                    done = f.result();
                }
            }
        } catch (Throwable again) {
            // the sequence itself is broken: below, a result without it
        }
        finish(done != null ? done : LostResults.sequence(plan.target(), plan.tcp(), phase, failure));
    }

    /** Logs a local failure at DEBUG: an internal error each time with its stack, running out of descriptors once per prober. */
    private void noteLocalFailure(Failure failure, Throwable error) {
        if (!LOG.isDebugEnabled()) {
            return;
        }
        if (failure instanceof Failure.Internal) {
            LOG.debug("{}: {}", plan.target(), failure.message(), error);
        } else if (failure instanceof Failure.OutOfFileDescriptors && engine.firstOutOfFileDescriptors()) {
            LOG.debug("{}: {} (reported once per prober; later probes that hit it say so in their outcome)",
                    plan.target(), failure.message(), error);
        }
    }

    private void finish(SequenceResult done) {
        if (finished != null) {
            return;
        }
        finished = done;
        tlsPending = false;
        try {
            cancel(timer);
            timer = null;
            cancel(backstop);
            backstop = null;
        } catch (Throwable ignored) {
            // a timer left behind finds the run finished
        }
        closeQuietly(channel);
        if (heard) {
            done.tcpPhases().forEach(p -> events.accept(new ProbeEvent.PhaseEnded(p))); // those the sequence could not report
        }
        CompletableFuture<UdpProbeResult> pending = udp;
        if (pending == null) {
            OutcomeAssembly.Udp none = OutcomeAssembly.Udp.notStarted(withUdp);
            result.complete(new Result(done, new UdpProbeResult(none.phase(), none.facts())));
        } else {
            pending.whenComplete((u, e) -> result.complete(new Result(done, u != null ? u
                    : udpResult(LocalFailures.of("probing UDP", e)))));
        }
    }

    private UdpProbeResult udpResult(Failure failure) {
        return withUdp ? new UdpProbeResult(LostResults.udp(true, failure), null)
                : new UdpProbeResult(PhaseResult.skipped(Phase.UDP_TRANSPORT, OutcomeAssembly.UDP_OFF), null);
    }

    /** The backstop, {@link #BACKSTOP_GRACE} after the deadline: a run still going has lost track of itself. */
    private void onBackstop() {
        backstop = null;
        try {
            if (result.isDone()) {
                return;
            }
            String lost = "no outcome " + BACKSTOP_GRACE.toMillis() + " ms after the deadline; the probe lost track of itself";
            if (!isFinished()) {
                failWith(new Failure.Internal("waiting in " + phase, lost));
            } else if (udp != null) {
                udp.complete(udpResult(new Failure.Internal("probing UDP", lost)));
            }
        } catch (Throwable t) {
            result.complete(new Result(LostResults.sequence(plan.target(), plan.tcp(), phase,
                    LocalFailures.of("ending a lost probe", t)), udpResult(LocalFailures.of("ending a lost probe", t))));
        }
    }

    /**
     * Arms the sequence's one timer for {@code deadline}, replacing the one armed before. {@link #timer} holds
     * whichever step is pending, the deadline itself or the read-first pass after it, so a new timer cancels either.
     */
    private void arm(long deadline) {
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
        lagMonitor().watchUntil(deadline);
        long delay = Math.max(0, deadline - System.nanoTime());
        timer = loop.schedule(() -> onDeadline(deadline), delay, TimeUnit.NANOSECONDS);
    }

    /**
     * The deadline has come, but a reply may already sit in the socket buffer: a loop that was busy
     * (other probes' I/O, a blocked task) runs due timers in the same task batch in which it notices
     * them, before it has polled the selector again. So the time-out is declared one loop iteration
     * later: a task scheduled from a task cannot run in the batch that is running (Netty's
     * {@code runAllTasks} moves due scheduled tasks into the task queue once, at the batch's start, and
     * the queue is unbounded), and every iteration of {@code SingleThreadIoEventLoop.run()} first runs
     * {@code NioIoHandler.run}: a select (selectNow, since a task is due) and the processing of every
     * selected key, that is the read of whatever this channel (or the connect, or the DNS answer) has
     * waiting. Only then does {@link #afterOneIoPass} run; anything that made progress meanwhile has
     * moved the deadline and cancelled it through {@link #arm}.
     */
    private void onDeadline(long due) {
        try {
            long firedAt = System.nanoTime();
            lagMonitor().record(firedAt, firedAt - due);
            timer = loop.schedule(() -> afterOneIoPass(firedAt), 0, TimeUnit.NANOSECONDS);
        } catch (Throwable t) {
            failInternally("timing out " + phase, t);
        }
    }

    private void afterOneIoPass(long scheduledAt) {
        try {
            timer = null;
            long now = System.nanoTime();
            LoopLagMonitor lag = lagMonitor();
            lag.record(now, now - scheduledAt);
            Duration localLag = Duration.ofNanos(lag.maxLag(sequence.phaseStartNanos(), now));
            drive(sequence.onTimer(now, localLag));
        } catch (Throwable t) {
            failInternally("timing out " + phase, t);
        }
    }

    private LoopLagMonitor lagMonitor() {
        return engine.lagMonitor(loop);
    }

    /** Runs {@code task} on the loop, guarded: whatever it throws ends the run. */
    private void onLoop(String during, Runnable task) {
        Runnable guarded = () -> {
            try {
                task.run();
            } catch (Throwable t) {
                failInternally(during, t);
            }
        };
        if (loop.inEventLoop()) {
            guarded.run();
            return;
        }
        try {
            loop.execute(guarded);
        } catch (RuntimeException e) {
            // the loop is shutting down: the prober is closing, and completes the outcomes itself
        }
    }

    private static void cancel(ScheduledFuture<?> f) {
        if (f != null) {
            f.cancel(false);
        }
    }

    /**
     * Closes a channel whether or not it was ever registered: {@code close()} on a channel that never reached
     * an event loop (no socket could be had for it) throws instead of closing.
     */
    static void closeQuietly(Channel ch) {
        if (ch == null) {
            return;
        }
        try {
            if (ch.isRegistered()) {
                ch.close();
            } else if (ch.isOpen()) {
                ch.unsafe().closeForcibly();
            }
        } catch (RuntimeException e) {
            // nothing more can be released
        }
    }
}
