package dev.rdpprobe.core;

import dev.rdpprobe.core.target.Target;

import dev.rdpprobe.core.outcome.ConnectionOutcome;
import dev.rdpprobe.core.outcome.SecurityProtocolSet;
import dev.rdpprobe.core.outcome.TlsVersion;
import io.netty.channel.EventLoopGroup;
import io.netty.resolver.AddressResolverGroup;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.KeyStore;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * Probes RDP servers: walks DNS, TCP, X.224, TLS and the start of CredSSP (and the RDPEUDP probe beside
 * them) and returns a {@link ConnectionOutcome} that names the phase that failed.
 *
 * <p>One prober owns one small Netty event loop group shared by all its probes (or runs on the caller's,
 * {@link Builder#eventLoopGroup}); create one, probe many targets, close it. Probes never throw for a failure of
 * the target: every failure is an outcome. Exceptions are for the caller's mistakes, with a message that says what
 * to fix. A {@link ProbeListener} hears each probe as it goes; cancelling a probe's future closes its sockets.
 *
 * <pre>{@code
 * try (RdpProber prober = RdpProber.builder().connectTimeout(Duration.ofSeconds(3)).build()) {
 *     ConnectionOutcome outcome = prober.probe(Target.parse("rds01.example.com:3389")).join();
 *     System.out.println(outcome.verdict() + " " + outcome.diagnosis().summary());
 * }
 * }</pre>
 *
 * <p>Never sends credentials: CredSSP stops after the server's CHALLENGE.
 */
public final class RdpProber implements AutoCloseable {

    private final ProbeOptions options;
    private final ProbeEngine engine;

    private RdpProber(ProbeOptions options, ProbeResources resources) {
        this.options = options;
        this.engine = new ProbeEngine(options, resources, ProbeSockets.NIO, Watchdog.GRACE);
    }

    /** A builder with the defaults of {@link ProbeOptions#DEFAULTS}. */
    public static Builder builder() {
        return new Builder();
    }

    /** A prober with every default. */
    public static RdpProber create() {
        return builder().build();
    }

    /** The options this prober uses. */
    public ProbeOptions options() {
        return options;
    }

    /**
     * Probes one target. The future always completes normally with an outcome, within the deadline
     * (plus scheduling slack), unless this prober is closed first or the caller cancels it.
     *
     * <p>{@code cancel(…)} on the future (either argument) ends the probe at once: its connection and UDP socket
     * close, its listener hears {@link ProbeListener#probeCancelled}, and nothing completes later.
     *
     * @throws NullPointerException if target is null
     * @throws IllegalStateException if the prober is closed
     */
    public CompletableFuture<ConnectionOutcome> probe(Target target) {
        Objects.requireNonNull(target, "target must not be null");
        return engine.probe(target);
    }

    /**
     * Probes one target as {@link #probe(Target)} does, but ends it by {@code deadline} when that is earlier than
     * the prober's own {@link ProbeOptions#deadline()}: each phase limit longer than {@code deadline} is cut to it,
     * and a probe that runs out of it times out in the phase it was in. A caller with its own time budget (a
     * monitoring system's scrape limit, a request's remaining time) gets an outcome within that budget.
     *
     * @param target what to probe
     * @param deadline the longest this probe may take; the prober's deadline applies when it is shorter
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if {@code deadline} is not positive
     * @throws IllegalStateException if the prober is closed
     */
    public CompletableFuture<ConnectionOutcome> probe(Target target, Duration deadline) {
        Objects.requireNonNull(target, "target must not be null");
        Objects.requireNonNull(deadline, "deadline must not be null");
        if (deadline.isNegative() || deadline.isZero()) {
            throw new IllegalArgumentException("deadline must be positive, was " + deadline);
        }
        return engine.probe(target, deadline);
    }

    /**
     * Probes many targets with at most {@code concurrency} in flight, handing each outcome to
     * {@code sink} as it completes (on a prober thread; keep the sink quick, or hand off). The
     * returned future completes when every outcome has been delivered. No thread is started for the
     * batch: the first probes start on the caller's thread, each later one when an earlier one completes,
     * on the prober's worker threads; {@code targets} is iterated there, one call at a time (keep it cheap:
     * a list, not a blocking queue).
     *
     * <p>An exception thrown by {@code sink} costs neither the other outcomes nor the probe's slot: every
     * other outcome is still delivered, and the returned future then completes exceptionally with the first
     * such exception (later ones suppressed in it). So does it when the targets cannot be iterated (the
     * probes already started are waited for), or when the prober is closed under the batch.
     */
    public CompletableFuture<Void> probeAll(Iterable<Target> targets, int concurrency, Consumer<ConnectionOutcome> sink) {
        Objects.requireNonNull(targets, "targets must not be null");
        Objects.requireNonNull(sink, "sink must not be null");
        if (concurrency < 1) {
            throw new IllegalArgumentException("concurrency must be at least 1, was " + concurrency);
        }
        return new ProbeFeed(targets, concurrency, this::probe, sink, engine.offLoop()).start();
    }

    /**
     * How many times a listener of this prober's probes (or the factory making them) threw. Such an exception
     * is swallowed, so that it costs the probe nothing; this count is where it shows.
     */
    public long listenerFailures() {
        return engine.listenerFailures();
    }

    /**
     * Stops the event loop group (unless it is the caller's, {@link Builder#eventLoopGroup}) and releases every
     * channel and thread of the prober. Futures of probes still in flight complete exceptionally with a
     * {@link java.util.concurrent.CancellationException} (their listeners hear {@link ProbeListener#probeCancelled});
     * wait for them (or for {@link #probeAll}'s future) before closing to get their outcomes.
     */
    @Override
    public void close() {
        engine.close();
    }

    /**
     * Builds an {@link RdpProber}. The option setters delegate to a {@link ProbeOptions.Builder} (same names,
     * same defaults); {@link #build()} validates them all and names the call that set an offending value.
     */
    public static final class Builder {
        private ProbeOptions.Builder options = ProbeOptions.builder();
        private int threads = Math.min(2, Runtime.getRuntime().availableProcessors());
        private EventLoopGroup eventLoopGroup;
        private AddressResolverGroup<InetSocketAddress> resolver;
        private InetAddress localAddress;
        private ProbeListener.Factory listenerFactory = target -> ProbeListener.NONE;

        private Builder() {
        }

        /** Starts from these options instead of the defaults (replaces every option set so far). */
        public Builder options(ProbeOptions value) {
            this.options = Objects.requireNonNull(value, "options(null): give the options, or leave them at their defaults").toBuilder();
            return this;
        }

        /** See {@link ProbeOptions.Builder#resolveTimeout}. */
        public Builder resolveTimeout(Duration value) { options.resolveTimeout(value); return this; }

        /** See {@link ProbeOptions.Builder#connectTimeout}. */
        public Builder connectTimeout(Duration value) { options.connectTimeout(value); return this; }

        /** See {@link ProbeOptions.Builder#phaseTimeout}. */
        public Builder phaseTimeout(Duration value) { options.phaseTimeout(value); return this; }

        /** See {@link ProbeOptions.Builder#x224Timeout}. */
        public Builder x224Timeout(Duration value) { options.x224Timeout(value); return this; }

        /** See {@link ProbeOptions.Builder#tlsTimeout}. */
        public Builder tlsTimeout(Duration value) { options.tlsTimeout(value); return this; }

        /** See {@link ProbeOptions.Builder#mcsTimeout}. */
        public Builder mcsTimeout(Duration value) { options.mcsTimeout(value); return this; }

        /** See {@link ProbeOptions.Builder#mcsConnect}. */
        public Builder mcsConnect(boolean value) { options.mcsConnect(value); return this; }

        /** See {@link ProbeOptions.Builder#credsspTimeout}. */
        public Builder credsspTimeout(Duration value) { options.credsspTimeout(value); return this; }

        /** See {@link ProbeOptions.Builder#deadline}. */
        public Builder deadline(Duration value) { options.deadline(value); return this; }

        /** See {@link ProbeOptions.Builder#requestedProtocols}. */
        public Builder requestedProtocols(SecurityProtocolSet value) { options.requestedProtocols(value); return this; }

        /** See {@link ProbeOptions.Builder#cookie}. */
        public Builder cookie(String value) { options.cookie(value); return this; }

        /** See {@link ProbeOptions.Builder#tlsEngine}. */
        public Builder tlsEngine(String value) { options.tlsEngine(value); return this; }

        /** See {@link ProbeOptions.Builder#tlsVersions}. */
        public Builder tlsVersions(List<TlsVersion> value) { options.tlsVersions(value); return this; }

        /** See {@link ProbeOptions.Builder#credssp}. */
        public Builder credssp(boolean value) { options.credssp(value); return this; }

        /** See {@link ProbeOptions.Builder#enumerateTlsVersions}. */
        public Builder enumerateTlsVersions(boolean value) { options.enumerateTlsVersions(value); return this; }

        /** See {@link ProbeOptions.Builder#enumerateSecurityLayers}. */
        public Builder enumerateSecurityLayers(boolean value) { options.enumerateSecurityLayers(value); return this; }

        /** See {@link ProbeOptions.Builder#trustStore}. */
        public Builder trustStore(KeyStore value) { options.trustStore(value); return this; }

        /** See {@link ProbeOptions.Builder#udp}. */
        public Builder udp(boolean value) { options.udp(value); return this; }

        /** See {@link ProbeOptions.Builder#udpMode}. */
        public Builder udpMode(UdpMode value) { options.udpMode(value); return this; }

        /** See {@link ProbeOptions.Builder#udpAttempts}. */
        public Builder udpAttempts(int value) { options.udpAttempts(value); return this; }

        /** See {@link ProbeOptions.Builder#udpInitialRetransmit}. */
        public Builder udpInitialRetransmit(Duration value) { options.udpInitialRetransmit(value); return this; }

        /** See {@link ProbeOptions.Builder#clock}. */
        public Builder clock(Clock value) { options.clock(value); return this; }

        /** See {@link ProbeOptions.Builder#dnsServers}. */
        public Builder dnsServers(List<InetSocketAddress> value) { options.dnsServers(value); return this; }

        /** See {@link ProbeOptions.Builder#credentials}. */
        public Builder credentials(dev.rdpprobe.core.target.Credentials value) { options.credentials(value); return this; }

        /** See {@link ProbeOptions.Builder#trustThumbprint}. */
        public Builder trustThumbprint(String hex) { options.trustThumbprint(hex); return this; }

        /** See {@link ProbeOptions.Builder#sendCredentialsToUnverifiedServer}. */
        public Builder sendCredentialsToUnverifiedServer(boolean value) { options.sendCredentialsToUnverifiedServer(value); return this; }

        /** Event loop threads (default min(2, cores)). */
        public Builder threads(int value) {
            if (value < 1 || value > 64) {
                throw new IllegalArgumentException("threads " + value + " is out of range; use 1..64");
            }
            this.threads = value;
            return this;
        }

        /**
         * Runs the prober on the caller's event loop group instead of its own: a gateway that has one shares it.
         * It must take NIO channels (a {@code MultiThreadIoEventLoopGroup} with {@code NioIoHandler}, or a
         * {@code NioEventLoopGroup}); {@link RdpProber#close()} leaves it running. {@code null} (the default): the
         * prober's own group of {@link #threads} threads. Nothing expensive runs on it: CPU work goes to the
         * prober's own workers.
         */
        public Builder eventLoopGroup(EventLoopGroup value) {
            this.eventLoopGroup = value;
            return this;
        }

        /**
         * Resolves names with the caller's resolver instead of the prober's own DNS resolver ({@link #dnsServers}
         * is then not used); {@link RdpProber#close()} leaves it open. The prober's resolve timeout still applies.
         * {@code null} (the default): the prober's own.
         */
        public Builder resolver(AddressResolverGroup<InetSocketAddress> value) {
            this.resolver = value;
            return this;
        }

        /**
         * The local address every socket of the prober binds (TCP, UDP, and the own resolver's queries), with a
         * port the system picks: a multi-homed host chooses its source address. A target of the other address
         * family then fails to connect (a local error in TCP_CONNECT). {@code null} (the default): the system's
         * choice.
         */
        public Builder localAddress(InetAddress value) {
            this.localAddress = value;
            return this;
        }

        /**
         * One listener for every probe (shared by probes in flight at once, so it must be thread-safe); {@code null}
         * for none. Replaces a {@link #listenerFactory}.
         */
        public Builder listener(ProbeListener value) {
            ProbeListener listener = value == null ? ProbeListener.NONE : value;
            this.listenerFactory = target -> listener;
            return this;
        }

        /**
         * Makes each probe's listener, when the probe starts (on the caller's thread); {@code null} for none.
         * Replaces a {@link #listener}. A factory that throws or returns {@code null} leaves that probe unheard.
         */
        public Builder listenerFactory(ProbeListener.Factory value) {
            this.listenerFactory = value == null ? target -> ProbeListener.NONE : value;
            return this;
        }

        /**
         * The options as set so far, validated.
         *
         * @throws IllegalArgumentException as {@link ProbeOptions.Builder#build()} does
         */
        public ProbeOptions options() {
            return options.build();
        }

        /** Validates the options and starts the prober's event loop group. */
        public RdpProber build() {
            return new RdpProber(options(), new ProbeResources(threads, eventLoopGroup, resolver, localAddress, listenerFactory));
        }
    }
}
