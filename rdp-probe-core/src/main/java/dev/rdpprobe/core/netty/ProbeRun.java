package dev.rdpprobe.core.netty;

import dev.rdpprobe.core.outcome.Failure;
import dev.rdpprobe.core.outcome.Phase;
import dev.rdpprobe.core.outcome.PhaseResult;
import dev.rdpprobe.core.outcome.TlsFacts;
import dev.rdpprobe.core.pdu.MalformedPduException;
import dev.rdpprobe.core.sequence.Action;
import dev.rdpprobe.core.sequence.ConnectionSequence;
import dev.rdpprobe.core.sequence.Framing;
import dev.rdpprobe.core.sequence.SequencePlan;
import dev.rdpprobe.core.sequence.SequenceResult;
import dev.rdpprobe.core.tls.TlsHandshakeSucceeded;
import dev.rdpprobe.core.tls.TlsInspection;
import dev.rdpprobe.core.udp.UdpProbeConfig;
import dev.rdpprobe.core.udp.UdpProbeDriver;
import dev.rdpprobe.core.udp.UdpProbeResult;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.socket.nio.NioSocketChannel;
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

/**
 * Drives one {@link ConnectionSequence} over Netty on one event loop: performs its actions, arms its
 * deadline, turns channel events into sequence events, and (when asked) runs the UDP probe beside it.
 * Every method runs on {@link #loop}.
 */
final class ProbeRun {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ProbeRun.class);

    /** What one run produced. */
    record Result(SequenceResult sequence, UdpProbeResult udp) {
    }

    private final ProbeEngine engine;
    private final SequencePlan plan;
    private final boolean withUdp;
    private final EventLoop loop;
    private final long startNanos;
    private final ConnectionSequence sequence;
    private final CompletableFuture<Result> result = new CompletableFuture<>();

    private Channel channel;
    private ScheduledFuture<?> timer;
    private long armedFor = Long.MAX_VALUE;
    private boolean tlsPending;
    private boolean inspecting;
    private Runnable afterInspection;
    private SequenceResult finished;
    private CompletableFuture<UdpProbeResult> udp;

    ProbeRun(ProbeEngine engine, SequencePlan plan, boolean withUdp, EventLoop loop, long startNanos) {
        this.engine = engine;
        this.plan = plan;
        this.withUdp = withUdp;
        this.loop = loop;
        this.startNanos = startNanos;
        this.sequence = new ConnectionSequence(plan, startNanos);
    }

    CompletableFuture<Result> start() {
        loop.execute(() -> {
            if (plan.options().credssp()) {
                byte[] nonce = new byte[32];
                engine.random().nextBytes(nonce);
                sequence.clientNonce(nonce);
            }
            drive(sequence.start(System.nanoTime()));
        });
        return result;
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

    // ------------------------------------------------------------ events from the channel

    void onRawBytes(int count) {
        sequence.bytesReceived(count, System.nanoTime());
    }

    void onFramedBytes(int count) {
        sequence.framedBytesReceived(count, System.nanoTime());
    }

    void onTlsRecordInProgress(int bytes) {
        sequence.tlsRecordInProgress(bytes, System.nanoTime());
    }

    void onPdu(ByteBuf pdu) {
        drive(sequence.received(pdu, System.nanoTime()));
    }

    void onUnframeable(byte[] firstBytes, MalformedPduException error) {
        drive(sequence.unframeable(firstBytes, error, System.nanoTime()));
    }

    /**
     * The server completed the handshake: inspect its chain off the event loop (the TLS phase's limit still
     * runs, and its expiry now blames the probe's own work), then go on here. Plaintext that arrives meanwhile
     * waits in the framer; a close, reset or channel error waits until the inspection is done, so that it is
     * reported in the phase it belongs to, as if the inspection had been instant.
     */
    void onTlsEstablished(TlsHandshakeSucceeded ok) {
        if (isFinished() || inspecting) {
            return;
        }
        inspecting = true;
        drive(sequence.tlsHandshakeCompleted(System.nanoTime()));
        Instant probeTime = plan.options().clock().instant();
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
    }

    /** Runs off the event loop; never throws. */
    private TlsInspection inspect(TlsHandshakeSucceeded ok, Instant probeTime) {
        try {
            return engine.tls().inspect(ok.peerChainDer(), plan.target().host(), probeTime, plan.options().trustStore());
        } catch (RuntimeException e) {
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
        tlsPending = false;
        TlsFacts facts = new TlsFacts(ok.protocolVersion(), ok.cipherSuite(), ok.engine(), inspection.chain(),
                inspection.trusted(), inspection.trustDetail(), null);
        drive(sequence.tlsEstablished(facts, System.nanoTime()));
        PduFramingHandler framer = framer();
        if (framer != null) {
            framer.resume();
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
        if (!isFinished()) {
            sequence.tlsLocalWork(pending);
        }
    }

    void onTlsFailed(Failure failure) {
        if (!isFinished()) {
            tlsPending = false;
            drive(sequence.tlsFailed(failure, System.nanoTime()));
        }
    }

    void onClosed() {
        if (!deferWhileInspecting(this::onClosed)) {
            drive(sequence.closed(System.nanoTime()));
        }
    }

    void onReset() {
        if (!deferWhileInspecting(this::onReset)) {
            drive(sequence.reset(System.nanoTime()));
        }
    }

    void onLocalError(String detail) {
        if (!deferWhileInspecting(() -> onLocalError(detail))) {
            drive(sequence.localError(detail, System.nanoTime()));
        }
    }

    // ------------------------------------------------------------ actions

    private void drive(Action action) {
        if (LOG.isDebugEnabled() && !(action instanceof Action.Wait)) {
            LOG.debug("{} {}: {}", plan.target(), sequence.currentPhase() == null ? "done" : sequence.currentPhase(), describe(action));
        }
        if (action instanceof Action.Wait) {
            rearm();
        } else if (action instanceof Action.Resolve r) {
            resolve(r.host());
            rearm();
        } else if (action instanceof Action.Connect c) {
            startUdp(c.address().getAddress());
            connect(c.address());
            rearm();
        } else if (action instanceof Action.Send s) {
            if (channel != null && channel.isActive()) {
                channel.writeAndFlush(Unpooled.wrappedBuffer(s.bytes()));
            }
            rearm();
        } else if (action instanceof Action.StartTls t) {
            startTls(t);
            rearm();
        } else if (action instanceof Action.Finish f) {
            finish(f.result());
        }
    }

    /** A log line for an action: its kind and sizes, never payload bytes. */
    private static String describe(Action action) {
        if (action instanceof Action.Send s) {
            return "send " + s.bytes().length + " bytes, then frame by " + s.framing();
        }
        if (action instanceof Action.StartTls t) {
            return "start TLS offering " + t.request().protocols();
        }
        if (action instanceof Action.Finish f) {
            return "finish " + f.result().tcpPhases().stream().map(p -> p.phase() + "=" + p.status()).toList();
        }
        return action.toString();
    }

    private void resolve(String host) {
        Future<List<InetSocketAddress>> f = engine.resolver(loop).resolveAll(InetSocketAddress.createUnresolved(host, plan.target().port()));
        f.addListener(done -> onLoop(() -> {
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
                drive(sequence.resolveFailed(describeDnsFailure(f.cause()), System.nanoTime()));
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
                .channel(NioSocketChannel.class)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(Integer.MAX_VALUE,
                        plan.options().connectTimeout().toMillis() + 1000))
                .option(ChannelOption.TCP_NODELAY, true)
                .handler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        ch.pipeline().addLast("counter", new InboundByteCounter(ProbeRun.this));
                        ch.pipeline().addLast("framer", new PduFramingHandler(ProbeRun.this));
                    }
                });
        ChannelFuture f = b.connect(address);
        channel = f.channel();
        f.addListener(done -> {
            if (isFinished()) {
                f.channel().close();
                return;
            }
            if (f.isSuccess()) {
                drive(sequence.connected(System.nanoTime()));
            } else {
                drive(sequence.connectFailed(classifyConnectFailure(f.cause(), plan), System.nanoTime()));
            }
        });
    }

    static Failure classifyConnectFailure(Throwable cause, SequencePlan plan) {
        String m = String.valueOf(cause.getMessage()).toLowerCase(Locale.ROOT);
        if (cause instanceof io.netty.channel.ConnectTimeoutException) {
            return new Failure.TimedOut(plan.options().connectTimeout(), 0, "TCP handshake (SYN-ACK)");
        }
        if (cause instanceof NoRouteToHostException || m.contains("no route") || m.contains("unreachable") || m.contains("host is down")) {
            return new Failure.Unreachable(String.valueOf(cause.getMessage()));
        }
        if (cause instanceof ConnectException && m.contains("refused")) {
            return new Failure.Refused();
        }
        return new Failure.LocalError("connect failed: " + cause);
    }

    private void startTls(Action.StartTls t) {
        if (engine.tls() == null) {
            drive(sequence.tlsFailed(new Failure.LocalError(ProbeEngine.NO_TLS_PROVIDER), System.nanoTime()));
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
            drive(sequence.tlsFailed(new Failure.LocalError("TLS engine refused the request: " + e.getMessage()), System.nanoTime()));
            return;
        }
        tlsPending = true;
        PduFramingHandler framer = framer();
        ByteBuf leftover = framer == null ? null : framer.takeLeftover();
        channel.pipeline().addAfter("counter", "tls", handler);
        ((InboundByteCounter) channel.pipeline().get("counter")).followTlsRecords();
        if (leftover != null) {
            // Bytes that came in the same segment as the Connection Confirm are the server's first TLS
            // bytes: they enter at the head, so the counter counts them for the TLS phase (which began
            // with the confirm) and follows their records, as if they had arrived now.
            channel.pipeline().fireChannelRead(leftover);
        }
    }

    private PduFramingHandler framer() {
        return channel == null ? null : (PduFramingHandler) channel.pipeline().get("framer");
    }

    private void startUdp(InetAddress address) {
        if (!withUdp || udp != null) {
            return;
        }
        UdpProbeConfig config = UdpProbeConfig.of(plan.options());
        udp = UdpProbeDriver.run(engine.group(), new InetSocketAddress(address, plan.target().port()), config,
                startNanos, startNanos + plan.options().deadline().toNanos());
    }

    private void finish(SequenceResult done) {
        if (finished != null) {
            return;
        }
        finished = done;
        tlsPending = false;
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
        if (channel != null) {
            channel.close();
        }
        if (withUdp && udp == null && !done.facts().addresses().isEmpty()) {
            startUdp(done.facts().addresses().get(0));
        }
        if (udp == null) {
            String why = !withUdp ? "UDP probe switched off" : null;
            UdpProbeResult none = new UdpProbeResult(why != null ? PhaseResult.skipped(Phase.UDP_TRANSPORT, why)
                    : PhaseResult.notReached(Phase.UDP_TRANSPORT), null);
            result.complete(new Result(done, none));
        } else {
            udp.whenComplete((u, e) -> result.complete(new Result(done, u != null ? u
                    : new UdpProbeResult(PhaseResult.failed(Phase.UDP_TRANSPORT, java.time.Duration.ZERO, java.time.Duration.ZERO,
                            new Failure.LocalError("UDP probe failed: " + e)), null))));
        }
    }

    /**
     * Arms the timer for the sequence's deadline (if it changed). {@link #timer} holds whichever step
     * is pending, the deadline itself or the read-first pass after it, so progress that moves the
     * deadline cancels either.
     */
    private void rearm() {
        long deadline = sequence.deadlineNanos();
        if (deadline == armedFor) {
            return;
        }
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
        armedFor = deadline;
        if (deadline == Long.MAX_VALUE) {
            return;
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
     * moved the deadline and cancelled it through {@link #rearm}.
     */
    private void onDeadline(long due) {
        long firedAt = System.nanoTime();
        lagMonitor().record(firedAt, firedAt - due);
        timer = loop.schedule(() -> afterOneIoPass(firedAt), 0, TimeUnit.NANOSECONDS);
    }

    private void afterOneIoPass(long scheduledAt) {
        timer = null;
        armedFor = Long.MAX_VALUE;
        long now = System.nanoTime();
        LoopLagMonitor lag = lagMonitor();
        lag.record(now, now - scheduledAt);
        Duration localLag = Duration.ofNanos(lag.maxLag(sequence.phaseStartNanos(), now));
        drive(sequence.timeout(now, localLag));
    }

    private LoopLagMonitor lagMonitor() {
        return engine.lagMonitor(loop);
    }

    private void onLoop(Runnable task) {
        if (loop.inEventLoop()) {
            task.run();
        } else {
            loop.execute(task);
        }
    }
}
