package dev.rdpprobe.core;

import dev.rdpprobe.core.ProbeOptions;
import dev.rdpprobe.core.target.Target;
import dev.rdpprobe.core.UdpMode;
import dev.rdpprobe.core.diagnosis.Diagnoser;
import dev.rdpprobe.core.diagnosis.FindingRules;
import dev.rdpprobe.core.outcome.ConnectionOutcome;
import dev.rdpprobe.core.outcome.Failure;
import dev.rdpprobe.core.outcome.LocalFailures;
import dev.rdpprobe.core.outcome.Phase;
import dev.rdpprobe.core.outcome.PhaseResult;
import dev.rdpprobe.core.outcome.PhaseStatus;
import dev.rdpprobe.core.outcome.SecurityProtocol;
import dev.rdpprobe.core.outcome.SecurityProtocolSet;
import dev.rdpprobe.core.outcome.SecurityLayerSupport;
import dev.rdpprobe.core.outcome.ServerFacts;
import dev.rdpprobe.core.outcome.TlsFacts;
import dev.rdpprobe.core.outcome.TlsVersion;
import dev.rdpprobe.core.outcome.TlsVersionSupport;
import dev.rdpprobe.core.internal.sequence.SequencePlan;
import dev.rdpprobe.core.internal.sequence.SequenceResult;
import dev.rdpprobe.core.tls.TlsProvider;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.resolver.AddressResolver;
import io.netty.resolver.ResolvedAddressTypes;
import io.netty.resolver.dns.DnsAddressResolverGroup;
import io.netty.resolver.dns.DnsNameResolverBuilder;
import io.netty.resolver.dns.SequentialDnsServerAddressStreamProvider;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

/**
 * The Netty side of {@link dev.rdpprobe.core.RdpProber}: one event loop group, one DNS resolver group,
 * the TLS provider found on the class path, and the runs in flight. Internal API.
 *
 * <p>Every probe's future completes, whatever is thrown inside the driver: the runs guard themselves
 * ({@link ProbeRun}), the enumeration sub-runs' results and the outcome's assembly are guarded here, and the
 * {@link Watchdog} completes an outcome that is still missing {@link Watchdog#GRACE} after the deadline with an
 * internal error naming the phase the probe was in, then abandons its runs (closing their sockets).
 */
public final class ProbeEngine {

    static final String NO_TLS_PROVIDER =
            "no TLS engine on the class path; add the dependency dev.rdpprobe:rdp-probe-tls";

    /** Protocols tried one by one by the security-layer enumeration. */
    private static final List<SecurityProtocol> LAYERS = List.of(SecurityProtocol.RDP, SecurityProtocol.SSL,
            SecurityProtocol.HYBRID, SecurityProtocol.HYBRID_EX, SecurityProtocol.RDSTLS);

    private final ProbeOptions options;
    private final EventLoopGroup group;
    /** Made on the first target that is a name (reading the system's resolver configuration): IP literals need none. */
    private volatile DnsAddressResolverGroup resolvers;
    private final TlsProvider tls;
    private final String tlsEngineName;
    private final SecureRandom random = new SecureRandom();
    private final OffLoopWork offLoop;
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
    public ProbeEngine(ProbeOptions options, int threads) {
        this(options, threads, ProbeSockets.NIO, Watchdog.GRACE);
    }

    /**
     * An engine whose probes get their channels from {@code sockets}, and whose watchdog rescues an outcome
     * {@code watchdogGrace} after the deadline.
     */
    ProbeEngine(ProbeOptions options, int threads, ProbeSockets sockets, Duration watchdogGrace) {
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
        this.group = new MultiThreadIoEventLoopGroup(threads, new DefaultThreadFactory("rdp-probe", true), NioIoHandler.newFactory());
        this.offLoop = new OffLoopWork(threads);
    }

    /** The DNS resolver group, made on first use; called off the event loops (by {@link #probe}) for every name. */
    private DnsAddressResolverGroup resolvers() {
        DnsAddressResolverGroup r = resolvers;
        if (r == null) {
            synchronized (this) {
                r = resolvers;
                if (r == null) {
                    DnsNameResolverBuilder dns = new DnsNameResolverBuilder()
                            .datagramChannelType(NioDatagramChannel.class)
                            .queryTimeoutMillis(options.resolveTimeout().toMillis() + 250) // our own timer fires first: TIMED_OUT, not a resolver error
                            .resolvedAddressTypes(ResolvedAddressTypes.IPV4_PREFERRED);
                    if (options.dnsServers() != null) {
                        dns.nameServerProvider(new SequentialDnsServerAddressStreamProvider(options.dnsServers()));
                    }
                    r = new DnsAddressResolverGroup(dns);
                    resolvers = r;
                }
            }
        }
        return r;
    }

    private static TlsProvider findTlsProvider() {
        List<TlsProvider> found = new ArrayList<>();
        ServiceLoader.load(TlsProvider.class, ProbeEngine.class.getClassLoader()).forEach(found::add);
        return found.stream().max(Comparator.comparingInt(TlsProvider::priority)).orElse(null);
    }

    TlsProvider tls() {
        return tls;
    }

    String tlsEngineName() {
        return tlsEngineName;
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

    /** The lag monitor of one of this engine's event loops (made on first use; it stops by itself when idle). */
    LoopLagMonitor lagMonitor(EventLoop loop) {
        return lagMonitors.computeIfAbsent(loop, LoopLagMonitor::new);
    }

    /** Whether the DNS resolver group was made (a target that is a name was probed). */
    boolean resolversMade() {
        return resolvers != null;
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

    /** Probes one target, with the enumerations the options ask for. The future completes with an outcome, always. */
    public CompletableFuture<ConnectionOutcome> probe(Target target) {
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
        List<ProbeRun> runs = new ArrayList<>();
        boolean udp = options.udpMode() != UdpMode.OFF;
        try {
            ProbeRun main = new ProbeRun(this, SequencePlan.of(target, options), udp, group.next(), startNanos);
            runs.add(main);
            CompletableFuture<ProbeRun.Result> run = main.start();
            boolean tcp = options.udpMode() != UdpMode.ONLY;
            CompletableFuture<List<SecurityLayerSupport>> layers = tcp && options.enumerateSecurityLayers()
                    ? enumerateSecurityLayers(target, startNanos, runs) : CompletableFuture.completedFuture(null);
            CompletableFuture<List<TlsVersionSupport>> versions = tcp && options.enumerateTlsVersions() && tls != null
                    ? enumerateTlsVersions(target, startNanos, runs) : CompletableFuture.completedFuture(null);
            run.thenCombine(layers, RunWithLayers::new)
                    .thenCombine(versions, (rl, v) -> assemble(target, startedAt, startNanos, rl.run(), rl.layers(), v))
                    .whenComplete((o, e) -> {
                        if (o != null) {
                            outcome.complete(o);
                        } else {
                            completeLost(outcome, target, startedAt, startNanos, main,
                                    LocalFailures.of("combining the probe's results", e), udp);
                        }
                    });
        } catch (Throwable t) {
            completeLost(outcome, target, startedAt, startNanos, runs.isEmpty() ? null : runs.get(0),
                    LocalFailures.of("starting the probe", t), udp);
        }
        if (!outcome.isDone()) {
            List<ProbeRun> started = List.copyOf(runs);
            ScheduledFuture<?> rescue = Watchdog.at(startNanos + options.deadline().toNanos(), watchdogGrace,
                    () -> rescue(outcome, target, startedAt, startNanos, started, udp));
            outcome.whenComplete((o, e) -> rescue.cancel(false));
        }
        return outcome;
    }

    /** The watchdog's rescue of an outcome still missing after the deadline and the grace. Must not throw. */
    private void rescue(CompletableFuture<ConnectionOutcome> outcome, Target target, Instant startedAt, long startNanos,
            List<ProbeRun> runs, boolean udp) {
        try {
            if (outcome.isDone()) {
                return;
            }
            ProbeRun main = runs.isEmpty() ? null : runs.get(0);
            Phase where = main == null ? Phase.RESOLVE : main.phase();
            Failure.Internal failure = new Failure.Internal("waiting in " + where, "no outcome " + watchdogGrace.toMillis()
                    + " ms after the deadline; an event loop is stuck or the probe lost track of itself");
            completeLost(outcome, target, startedAt, startNanos, main, failure, udp);
            runs.forEach(r -> r.abandon(failure));
        } catch (Throwable t) {
            outcome.completeExceptionally(t); // at least the future completes
        }
    }

    /**
     * Completes {@code outcome} for a probe whose results are lost: the main run's TCP path if it finished,
     * else one that fails in the phase the run was in; UDP failed the same way. Should not even that outcome
     * be built, the future completes exceptionally: it completes, whatever happens.
     */
    private void completeLost(CompletableFuture<ConnectionOutcome> outcome, Target target, Instant startedAt, long startNanos,
            ProbeRun main, Failure failure, boolean udp) {
        try {
            SequenceResult tcp = main == null ? null : main.finishedSequence();
            if (tcp == null) {
                Phase where = main == null ? Phase.RESOLVE : main.phase();
                tcp = InternalOutcomes.sequence(target, options.udpMode() != UdpMode.ONLY, where, failure);
            }
            outcome.complete(InternalOutcomes.outcome(target, startedAt, startNanos, tcp, InternalOutcomes.udp(udp, failure)));
        } catch (Throwable t) {
            outcome.completeExceptionally(t);
        }
    }

    /** The main run joined with the security-layer enumeration ({@code null} when not asked for). */
    private record RunWithLayers(ProbeRun.Result run, List<SecurityLayerSupport> layers) {
    }

    private ConnectionOutcome assemble(Target target, Instant startedAt, long startNanos, ProbeRun.Result run,
            List<SecurityLayerSupport> layers, List<TlsVersionSupport> versions) {
        List<PhaseResult> phases = new ArrayList<>(run.sequence().tcpPhases());
        phases.add(run.udp().phase());
        ServerFacts facts = run.sequence().facts();
        if (run.udp().facts() != null) {
            facts = facts.withUdp(run.udp().facts());
        }
        if (layers != null) {
            facts = facts.withSecurityLayers(layers, nlaRequired(layers));
        }
        if (versions != null) {
            TlsFacts t = facts.tls().orElseGet(() -> TlsFacts.failedHandshake(tlsEngineName));
            facts = facts.withTls(t.withVersions(versions));
        }
        ConnectionOutcome bare = new ConnectionOutcome(target, startedAt, Duration.ofNanos(System.nanoTime() - startNanos),
                phases, facts, List.of(), null);
        try {
            ConnectionOutcome outcome = new ConnectionOutcome(target, bare.startedAt(), bare.total(), phases, facts,
                    FindingRules.derive(phases, facts), null);
            return outcome.withDiagnosis(Diagnoser.diagnose(outcome));
        } catch (RuntimeException e) {
            // The phases and facts stand; only their interpretation failed, and the diagnosis says so.
            return bare.withDiagnosis(InternalOutcomes.diagnosis(bare,
                    new Failure.Internal("deriving the findings and the diagnosis", LocalFailures.describe(e))));
        }
    }

    // ------------------------------------------------------------ enumerations

    private CompletableFuture<List<SecurityLayerSupport>> enumerateSecurityLayers(Target target, long startNanos, List<ProbeRun> runs) {
        List<CompletableFuture<SecurityLayerSupport>> each = new ArrayList<>();
        for (SecurityProtocol alone : LAYERS) {
            SequencePlan plan = new SequencePlan(target, options, SecurityProtocolSet.of(alone), options.tlsVersions(),
                    Phase.X224_NEGOTIATION, true);
            ProbeRun run = new ProbeRun(this, plan, false, group.next(), startNanos);
            runs.add(run);
            each.add(interpret(run.start(), r -> layerSupport(alone, r), error -> SecurityLayerSupport.unanswered(alone, error)));
        }
        return allOf(each);
    }

    /**
     * What an enumeration sub-run found, read by {@code read}; a run that failed, or a {@code read} that throws,
     * gives {@code broken}'s entry (an internal error) instead of failing the whole outcome.
     */
    private static <T> CompletableFuture<T> interpret(CompletableFuture<ProbeRun.Result> run, Function<SequenceResult, T> read,
            Function<String, T> broken) {
        return run.handle((r, e) -> {
            try {
                if (e == null) {
                    return read.apply(r.sequence());
                }
                return broken.apply(new Failure.Internal("enumerating", LocalFailures.describe(e)).message());
            } catch (RuntimeException t) {
                return broken.apply(new Failure.Internal("reading an enumeration result", LocalFailures.describe(t)).message());
            }
        });
    }

    private static SecurityLayerSupport layerSupport(SecurityProtocol alone, SequenceResult r) {
        PhaseResult x224 = r.tcpPhases().get(Phase.X224_NEGOTIATION.ordinal());
        var negotiation = r.facts().negotiation();
        Optional<SecurityProtocolSet> selected = negotiation.flatMap(n -> n.selectedValue());
        if (x224.status() == PhaseStatus.OK && selected.isPresent()) {
            boolean accepted = selected.get().single().equals(Optional.of(alone));
            return new SecurityLayerSupport(alone, accepted, selected, Optional.empty(),
                    accepted ? Optional.empty() : Optional.of("the server selected " + selected.get() + " instead"));
        }
        var refusal = negotiation.flatMap(n -> n.failure());
        if (refusal.isPresent()) {
            return new SecurityLayerSupport(alone, false, Optional.empty(), refusal, Optional.empty());
        }
        PhaseResult problem = r.tcpPhases().stream().filter(p -> p.status().isProblem()).findFirst().orElse(x224);
        return SecurityLayerSupport.unanswered(alone, problem.phase() + " " + problem.status()
                + problem.failure().map(f -> ": " + f.message()).orElse(""));
    }

    /** NLA is required when HYBRID is accepted and neither RDP nor SSL is; unknown when HYBRID itself did not answer. */
    private static Boolean nlaRequired(List<SecurityLayerSupport> layers) {
        boolean hybrid = false;
        boolean withoutNla = false;
        boolean refusedClearly = true;
        for (SecurityLayerSupport l : layers) {
            switch (l.protocol()) {
                case HYBRID:
                case HYBRID_EX:
                    hybrid |= l.accepted();
                    break;
                case RDP:
                case SSL:
                    withoutNla |= l.accepted();
                    refusedClearly &= l.accepted() || l.failure().isPresent() || l.selected().isPresent();
                    break;
                default:
                    break;
            }
        }
        if (withoutNla) {
            return false;
        }
        return hybrid && refusedClearly ? Boolean.TRUE : null;
    }

    private CompletableFuture<List<TlsVersionSupport>> enumerateTlsVersions(Target target, long startNanos, List<ProbeRun> runs) {
        List<CompletableFuture<TlsVersionSupport>> each = new ArrayList<>();
        for (TlsVersion version : TlsVersion.all()) {
            SequencePlan plan = new SequencePlan(target, options, options.requestedProtocols(), List.of(version), Phase.TLS_HANDSHAKE, true);
            ProbeRun run = new ProbeRun(this, plan, false, group.next(), startNanos);
            runs.add(run);
            each.add(interpret(run.start(), r -> versionSupport(version, r), error -> TlsVersionSupport.refused(version, error)));
        }
        return allOf(each);
    }

    private static TlsVersionSupport versionSupport(TlsVersion version, SequenceResult r) {
        PhaseResult t = r.tcpPhases().get(Phase.TLS_HANDSHAKE.ordinal());
        Optional<TlsFacts> tls = r.facts().tls();
        if (t.status() == PhaseStatus.OK && tls.isPresent()) {
            Optional<TlsVersion> negotiated = tls.get().protocolVersion();
            boolean same = negotiated.equals(Optional.of(version));
            return new TlsVersionSupport(version, same, tls.get().cipherSuite(),
                    same ? Optional.empty() : Optional.of("negotiated " + negotiated.map(TlsVersion::jdkName).orElse("?") + " instead"));
        }
        PhaseResult problem = r.tcpPhases().stream().filter(p -> p.status() != PhaseStatus.OK && p.status() != PhaseStatus.SKIPPED)
                .findFirst().orElse(t);
        String detail = problem.failure().map(f -> problem.phase() + ": " + f.message())
                .orElseGet(() -> problem.phase() + " " + problem.status() + problem.note().map(n -> " (" + n + ")").orElse(""));
        return TlsVersionSupport.refused(version, detail);
    }

    private static <T> CompletableFuture<List<T>> allOf(List<CompletableFuture<T>> each) {
        return CompletableFuture.allOf(each.toArray(new CompletableFuture<?>[0]))
                .thenApply(v -> each.stream().map(CompletableFuture::join).toList());
    }

    /**
     * Closes the event loop group and the off-loop workers; outcomes still in flight complete exceptionally
     * with a CancellationException.
     */
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        synchronized (this) {
            if (resolvers != null) {
                resolvers.close();
            }
        }
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        offLoop.close();
        for (CompletableFuture<ConnectionOutcome> f : inFlight) {
            f.completeExceptionally(new CancellationException("the RdpProber was closed before the probe finished"));
        }
    }
}
