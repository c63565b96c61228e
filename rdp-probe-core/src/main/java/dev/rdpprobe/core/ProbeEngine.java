package dev.rdpprobe.core;

import dev.rdpprobe.core.internal.sequence.Enumerations;
import dev.rdpprobe.core.internal.sequence.LostResults;
import dev.rdpprobe.core.internal.sequence.OutcomeAssembly;
import dev.rdpprobe.core.internal.sequence.ProbeEvent;
import dev.rdpprobe.core.internal.sequence.SequencePlan;
import dev.rdpprobe.core.internal.sequence.SequenceResult;
import dev.rdpprobe.core.internal.udp.UdpProbeConfig;
import dev.rdpprobe.core.outcome.ConnectionOutcome;
import dev.rdpprobe.core.outcome.Failure;
import dev.rdpprobe.core.outcome.LocalFailures;
import dev.rdpprobe.core.outcome.Phase;
import dev.rdpprobe.core.outcome.SecurityLayerSupport;
import dev.rdpprobe.core.outcome.EncryptionMethod;
import dev.rdpprobe.core.outcome.EncryptionMethodSupport;
import dev.rdpprobe.core.outcome.SecurityProtocol;
import dev.rdpprobe.core.outcome.TlsVersion;
import dev.rdpprobe.core.outcome.TlsVersionSupport;
import dev.rdpprobe.core.target.Target;
import dev.rdpprobe.core.tls.TlsProvider;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.resolver.AddressResolver;
import io.netty.resolver.AddressResolverGroup;
import io.netty.resolver.ResolvedAddressTypes;
import io.netty.resolver.dns.DnsAddressResolverGroup;
import io.netty.resolver.dns.DnsNameResolverBuilder;
import io.netty.resolver.dns.SequentialDnsServerAddressStreamProvider;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The Netty side of {@link dev.rdpprobe.core.RdpProber}, and a pump: it owns the event loops (its own, or the
 * caller's), the resolver, the TLS provider found on the class path and the runs in flight, starts the runs the
 * plans ask for ({@link ProbePlans}, {@link Enumerations}) and hands their results to {@link OutcomeAssembly}.
 * It decides nothing about what a result means.
 *
 * <p>Every probe's future completes, whatever is thrown inside the driver: the runs guard themselves
 * ({@link ProbeRun}), the enumeration sub-runs' results and the outcome's assembly are guarded here, and the
 * prober's {@link Watchdog} completes an outcome that is still missing {@link Watchdog#GRACE} after the deadline
 * with an internal error naming the phase the probe was in, then abandons its runs (closing their sockets). A
 * future the caller cancels abandons its runs at once (closing their sockets) and its listener hears of it.
 */
final class ProbeEngine {

    static final String NO_TLS_PROVIDER =
            "no TLS engine on the class path; add the dependency dev.rdpprobe:rdp-probe-tls";

    private final ProbeOptions options;
    private final EventLoopGroup group;
    private final boolean ownGroup;
    /** The caller's resolver, or {@code null}: then {@link #ownResolvers} is made on the first name. */
    private final AddressResolverGroup<InetSocketAddress> callerResolvers;
    /** Made on the first target that is a name (reading the system's resolver configuration): IP literals need none. */
    private volatile DnsAddressResolverGroup ownResolvers;
    private final InetAddress localAddress;
    private final ProbeListener.Factory listeners;
    private final AtomicLong listenerFailures = new AtomicLong();
    private final TlsProvider tls;
    private final String tlsEngineName;
    private final UdpProbeConfig udpConfig;
    private final SecureRandom random = new SecureRandom();
    private final OffLoopWork offLoop;
    private final Watchdog watchdog = new Watchdog();
    private final Set<CompletableFuture<ConnectionOutcome>> inFlight = ConcurrentHashMap.newKeySet();
    private final Map<EventLoop, LoopLagMonitor> lagMonitors = new ConcurrentHashMap<>();
    private final ProbeSockets sockets;
    private final Duration watchdogGrace;
    private final AtomicBoolean outOfFileDescriptorsSeen = new AtomicBoolean();
    private volatile boolean closed;

    /**
     * @param options the probe options
     * @param threads event loop threads
     * @throws IllegalArgumentException if the options name a TLS engine that is not available
     */
    ProbeEngine(ProbeOptions options, int threads) {
        this(options, ProbeResources.own(threads), ProbeSockets.NIO, Watchdog.GRACE);
    }

    /**
     * An engine whose probes get their channels from {@code sockets}, and whose watchdog rescues an outcome
     * {@code watchdogGrace} after the deadline.
     */
    ProbeEngine(ProbeOptions options, int threads, ProbeSockets sockets, Duration watchdogGrace) {
        this(options, ProbeResources.own(threads), sockets, watchdogGrace);
    }

    /**
     * @throws IllegalArgumentException if the options name a TLS engine that is not available
     */
    ProbeEngine(ProbeOptions options, ProbeResources resources, ProbeSockets sockets, Duration watchdogGrace) {
        this.options = options;
        this.sockets = sockets;
        this.watchdogGrace = watchdogGrace;
        this.tls = findTlsProvider();
        if (options.tlsEngine() != null) {
            if (tls == null) {
                throw new IllegalArgumentException("TLS engine '" + options.tlsEngine() + "' requested, but " + NO_TLS_PROVIDER);
            }
            if (!tls.engineNames().contains(options.tlsEngine())) {
                throw new IllegalArgumentException("unknown TLS engine '" + options.tlsEngine() + "'; available: " + tls.engineNames());
            }
        }
        this.tlsEngineName = options.tlsEngine() != null ? options.tlsEngine() : tls == null ? null : tls.engineNames().get(0);
        this.udpConfig = ProbePlans.udp(options);
        this.callerResolvers = resources.resolver();
        this.localAddress = resources.localAddress();
        this.listeners = resources.listeners();
        this.ownGroup = resources.group() == null;
        this.group = ownGroup
                ? new MultiThreadIoEventLoopGroup(resources.threads(), new DefaultThreadFactory("rdp-probe", true), NioIoHandler.newFactory())
                : resources.group();
        this.offLoop = new OffLoopWork(resources.threads());
    }

    /** The DNS resolver group, made on first use; called off the event loops (by {@link #probe}) for every name. */
    private AddressResolverGroup<InetSocketAddress> resolvers() {
        if (callerResolvers != null) {
            return callerResolvers;
        }
        DnsAddressResolverGroup r = ownResolvers;
        if (r == null) {
            synchronized (this) {
                r = ownResolvers;
                if (r == null) {
                    DnsNameResolverBuilder dns = new DnsNameResolverBuilder()
                            .datagramChannelType(NioDatagramChannel.class)
                            .queryTimeoutMillis(options.resolveTimeout().toMillis() + 250) // our own timer fires first: TIMED_OUT, not a resolver error
                            .resolvedAddressTypes(ResolvedAddressTypes.IPV4_PREFERRED);
                    if (options.dnsServers() != null) {
                        dns.nameServerProvider(new SequentialDnsServerAddressStreamProvider(options.dnsServers()));
                    }
                    if (localAddress != null) {
                        dns.localAddress(new InetSocketAddress(localAddress, 0));
                    }
                    r = new DnsAddressResolverGroup(dns);
                    ownResolvers = r;
                }
            }
        }
        return r;
    }

    private static TlsProvider findTlsProvider() {
        return TlsProvider.installed().orElse(null);
    }

    TlsProvider tls() {
        return tls;
    }

    String tlsEngineName() {
        return tlsEngineName;
    }

    KeyStore trustStore() {
        return options.trustStore();
    }

    UdpProbeConfig udpConfig() {
        return udpConfig;
    }

    /** The local address every socket binds, or {@code null} for the system's choice. */
    InetAddress localAddress() {
        return localAddress;
    }

    SecureRandom random() {
        return random;
    }

    /** Runs CPU work (TLS handshake computation, certificate inspection) off the event loops. */
    Executor offLoop() {
        return offLoop;
    }

    EventLoopGroup group() {
        return group;
    }

    /** How many times a listener (or a listener factory) of this engine's probes threw. */
    long listenerFailures() {
        return listenerFailures.get();
    }

    /** The lag monitor of one of this engine's event loops (made on first use; it stops by itself when idle). */
    LoopLagMonitor lagMonitor(EventLoop loop) {
        return lagMonitors.computeIfAbsent(loop, LoopLagMonitor::new);
    }

    /** Whether the DNS resolver group was made (a target that is a name was probed). */
    boolean resolversMade() {
        return ownResolvers != null;
    }

    AddressResolver<InetSocketAddress> resolver(EventLoop loop) {
        return resolvers().getResolver(loop);
    }

    ProbeSockets sockets() {
        return sockets;
    }

    /** True the first time a probe of this engine runs out of file descriptors (so that it is logged once). */
    boolean firstOutOfFileDescriptors() {
        return outOfFileDescriptorsSeen.compareAndSet(false, true);
    }

    /**
     * Probes one target, with the enumerations the options ask for. The future completes with an outcome, always,
     * unless the caller cancels it (then the probe's sockets close at once) or the engine is closed.
     */
    CompletableFuture<ConnectionOutcome> probe(Target target) {
        return probe(target, options.deadline());
    }

    /**
     * Probes one target as {@link #probe(Target)} does, under {@code deadline} when it is earlier than the options'
     * own (each phase limit is cut to it too).
     */
    CompletableFuture<ConnectionOutcome> probe(Target target, Duration deadline) {
        if (closed) {
            throw new IllegalStateException("this RdpProber is closed; build a new one");
        }
        if (!target.isIpLiteral()) {
            resolvers();
        }
        Instant startedAt = options.clock().instant();
        long startNanos = System.nanoTime();
        CompletableFuture<ConnectionOutcome> outcome = new CompletableFuture<>();
        inFlight.add(outcome);
        outcome.whenComplete((o, e) -> inFlight.remove(outcome));
        ProbeEvents events = ProbeEvents.of(listeners, target, listenerFailures);
        events.probeStarted();
        Probe probe = new Probe(target, startedAt, startNanos, outcome, events);
        List<ProbeRun> runs = new ArrayList<>();
        try {
            SequencePlan plan = ProbePlans.sequence(target, options, deadline);
            probe.deadline = plan.limits().deadline();
            ProbeRun main = new ProbeRun(this, plan, group.next(), startNanos, events);
            runs.add(main);
            probe.main = main;
            CompletableFuture<ProbeRun.Result> run = main.start();
            boolean layersAsked = plan.tcp() && options.enumerateSecurityLayers();
            boolean versionsAsked = plan.tcp() && options.enumerateTlsVersions() && tls != null;
            CompletableFuture<ConnectionOutcome> assembled;
            if (!layersAsked && !versionsAsked) {
                // no enumeration: the main run alone, without the joins of empty enumerations
                assembled = run.thenApply(r -> assemble(probe, r, null, null, null));
            } else {
                CompletableFuture<List<SecurityLayerSupport>> layers = layersAsked
                        ? enumerateSecurityLayers(plan, startNanos, runs) : CompletableFuture.completedFuture(null);
                CompletableFuture<List<EncryptionMethodSupport>> methods = layersAsked
                        ? enumerateEncryptionMethods(plan, startNanos, runs) : CompletableFuture.completedFuture(null);
                CompletableFuture<List<TlsVersionSupport>> versions = versionsAsked
                        ? enumerateTlsVersions(plan, startNanos, runs) : CompletableFuture.completedFuture(null);
                assembled = run.thenCombine(layers, RunWithLayers::new)
                        .thenCombine(methods, RunWithLayers::withMethods)
                        .thenCombine(versions, (rl, v) -> assemble(probe, rl.run(), rl.layers(), rl.methods(), v));
            }
            assembled.whenComplete((o, e) -> {
                if (o != null) {
                    probe.complete(o);
                } else {
                    completeLost(probe, LocalFailures.of("combining the probe's results", e));
                }
            });
        } catch (Throwable t) {
            completeLost(probe, LocalFailures.of("starting the probe", t));
        }
        if (!outcome.isDone()) {
            List<ProbeRun> started = List.copyOf(runs);
            ScheduledFuture<?> rescue = scheduleRescue(startNanos, probe.deadline, () -> rescue(probe, started));
            outcome.whenComplete((o, e) -> {
                if (rescue != null) {
                    rescue.cancel(false);
                }
                if (outcome.isCancelled()) {
                    events.probeCancelled();
                    Failure cancelled = new Failure.LocalError("the probe was cancelled");
                    started.forEach(r -> r.abandon(cancelled));
                }
            });
        }
        return outcome;
    }

    /** The watchdog's rescue of a probe, or {@code null} if the watchdog is closed (the engine is closing). */
    private ScheduledFuture<?> scheduleRescue(long startNanos, Duration deadline, Runnable rescue) {
        try {
            return watchdog.at(startNanos + deadline.toNanos(), watchdogGrace, rescue);
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** One probe's fixed parts, for completing it from any path. */
    private final class Probe {
        final Target target;
        final Instant startedAt;
        final long startNanos;
        final CompletableFuture<ConnectionOutcome> outcome;
        final ProbeEvents events;
        /** The main run, once made; volatile for the watchdog. */
        volatile ProbeRun main;
        /** The deadline this probe runs under: the options' own, or the caller's earlier one. */
        Duration deadline = options.deadline();

        Probe(Target target, Instant startedAt, long startNanos, CompletableFuture<ConnectionOutcome> outcome,
                ProbeEvents events) {
            this.target = target;
            this.startedAt = startedAt;
            this.startNanos = startNanos;
            this.outcome = outcome;
            this.events = events;
        }

        /**
         * Tells the listener, then completes the future, unless it was cancelled or completed already: so whatever
         * depends on the future finds every event delivered. The listener hears the outcome or the cancellation,
         * never both.
         */
        void complete(ConnectionOutcome o) {
            if (outcome.isDone()) {
                return;
            }
            events.probeEnded(o);
            outcome.complete(o);
        }

        boolean udp() {
            return options.udpMode() != UdpMode.OFF;
        }
    }

    /** The watchdog's rescue of an outcome still missing after the deadline and the grace. Must not throw. */
    private void rescue(Probe probe, List<ProbeRun> runs) {
        try {
            if (probe.outcome.isDone()) {
                return;
            }
            ProbeRun main = probe.main;
            Phase where = main == null ? Phase.RESOLVE : main.phase();
            Failure.Internal failure = new Failure.Internal("waiting in " + where, "no outcome " + watchdogGrace.toMillis()
                    + " ms after the deadline; an event loop is stuck or the probe lost track of itself");
            completeLost(probe, failure);
            runs.forEach(r -> r.abandon(failure));
        } catch (Throwable t) {
            probe.outcome.completeExceptionally(t); // at least the future completes
        }
    }

    /**
     * Completes a probe whose results are lost: the main run's TCP path if it finished, else one that fails in
     * the phase the run was in; UDP failed the same way. Should not even that outcome be built, the future
     * completes exceptionally: it completes, whatever happens.
     */
    private void completeLost(Probe probe, Failure failure) {
        try {
            ProbeRun main = probe.main;
            SequenceResult tcp = main == null ? null : main.finishedSequence();
            if (tcp == null) {
                Phase where = main == null ? Phase.RESOLVE : main.phase();
                tcp = LostResults.sequence(probe.target, options.udpMode() != UdpMode.ONLY, where, failure);
            }
            probe.complete(LostResults.outcome(probe.target, probe.startedAt,
                    Duration.ofNanos(Math.max(0, System.nanoTime() - probe.startNanos)), tcp,
                    LostResults.udp(probe.udp(), failure)));
        } catch (Throwable t) {
            probe.outcome.completeExceptionally(t);
        }
    }

    /** The main run joined with the security-layer enumeration ({@code null} when not asked for). */
    private record RunWithLayers(ProbeRun.Result run, List<SecurityLayerSupport> layers, List<EncryptionMethodSupport> methods) {
        RunWithLayers(ProbeRun.Result run, List<SecurityLayerSupport> layers) {
            this(run, layers, null);
        }

        RunWithLayers withMethods(List<EncryptionMethodSupport> value) {
            return new RunWithLayers(run, layers, value);
        }
    }

    private ConnectionOutcome assemble(Probe probe, ProbeRun.Result run, List<SecurityLayerSupport> layers,
            List<EncryptionMethodSupport> methods, List<TlsVersionSupport> versions) {
        return OutcomeAssembly.assemble(probe.target, probe.startedAt, Duration.ofNanos(System.nanoTime() - probe.startNanos),
                run.sequence(), new OutcomeAssembly.Udp(run.udp().phase(), run.udp().facts()), layers, methods, versions,
                tlsEngineName);
    }

    // ------------------------------------------------------------ enumerations: the plans' runs, their results read by Enumerations

    /** Sub-runs report nothing to the probe's listener. */
    private static final Consumer<ProbeEvent> UNHEARD = event -> { };

    private CompletableFuture<List<SecurityLayerSupport>> enumerateSecurityLayers(SequencePlan probe, long startNanos,
            List<ProbeRun> runs) {
        List<Enumerations.LayerRun> plans = Enumerations.securityLayerRuns(probe);
        List<CompletableFuture<SecurityLayerSupport>> each = new ArrayList<>();
        for (Enumerations.LayerRun planned : plans) {
            SecurityProtocol alone = planned.protocol();
            ProbeRun run = new ProbeRun(this, planned.plan(), group.next(), startNanos, UNHEARD);
            runs.add(run);
            each.add(interpret(run.start(), r -> Enumerations.layerSupport(alone, r), f -> Enumerations.layerLost(alone, f)));
        }
        return allOf(each);
    }

    private CompletableFuture<List<EncryptionMethodSupport>> enumerateEncryptionMethods(SequencePlan probe, long startNanos,
            List<ProbeRun> runs) {
        List<CompletableFuture<EncryptionMethodSupport>> each = new ArrayList<>();
        for (Enumerations.MethodRun planned : Enumerations.encryptionMethodRuns(probe)) {
            EncryptionMethod method = planned.method();
            ProbeRun run = new ProbeRun(this, planned.plan(), group.next(), startNanos, UNHEARD);
            runs.add(run);
            each.add(interpret(run.start(), r -> Enumerations.methodSupport(method, r), f -> Enumerations.methodLost(method, f)));
        }
        return allOf(each);
    }

    private CompletableFuture<List<TlsVersionSupport>> enumerateTlsVersions(SequencePlan probe, long startNanos,
            List<ProbeRun> runs) {
        List<CompletableFuture<TlsVersionSupport>> each = new ArrayList<>();
        for (Enumerations.VersionRun planned : Enumerations.tlsVersionRuns(probe)) {
            TlsVersion version = planned.version();
            ProbeRun run = new ProbeRun(this, planned.plan(), group.next(), startNanos, UNHEARD);
            runs.add(run);
            each.add(interpret(run.start(), r -> Enumerations.versionSupport(version, r), f -> Enumerations.versionLost(version, f)));
        }
        return allOf(each);
    }

    /**
     * What an enumeration sub-run found, read by {@code read}; a run that failed, or a {@code read} that throws,
     * gives {@code lost}'s entry (an internal error) instead of failing the whole outcome.
     */
    private static <T> CompletableFuture<T> interpret(CompletableFuture<ProbeRun.Result> run, Function<SequenceResult, T> read,
            Function<Failure.Internal, T> lost) {
        return run.handle((r, e) -> {
            try {
                if (e == null) {
                    return read.apply(r.sequence());
                }
                return lost.apply(new Failure.Internal("enumerating", LocalFailures.describe(e)));
            } catch (RuntimeException t) {
                return lost.apply(new Failure.Internal("reading an enumeration result", LocalFailures.describe(t)));
            }
        });
    }

    private static <T> CompletableFuture<List<T>> allOf(List<CompletableFuture<T>> each) {
        return CompletableFuture.allOf(each.toArray(new CompletableFuture<?>[0]))
                .thenApply(v -> each.stream().map(CompletableFuture::join).toList());
    }

    /**
     * Closes the event loop group (unless it is the caller's), the prober's own resolver, the off-loop workers and
     * the watchdog; outcomes still in flight complete exceptionally with a CancellationException.
     */
    void close() {
        if (closed) {
            return;
        }
        closed = true;
        synchronized (this) {
            if (ownResolvers != null) {
                ownResolvers.close();
            }
        }
        if (ownGroup) {
            group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        }
        offLoop.close();
        for (CompletableFuture<ConnectionOutcome> f : inFlight) {
            f.completeExceptionally(new CancellationException("the RdpProber was closed before the probe finished"));
        }
        watchdog.close();
    }
}
