package dev.rdpprobe.core;

import dev.rdpprobe.core.target.Target;

import dev.rdpprobe.core.ProbeEngine;
import dev.rdpprobe.core.outcome.ConnectionOutcome;
import dev.rdpprobe.core.outcome.SecurityProtocolSet;
import dev.rdpprobe.core.outcome.TlsVersion;
import java.net.InetSocketAddress;
import java.security.KeyStore;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.function.Consumer;

/**
 * Probes RDP servers: walks DNS, TCP, X.224, TLS and the start of CredSSP (and the RDPEUDP probe beside
 * them) and returns a {@link ConnectionOutcome} that names the phase that failed.
 *
 * <p>One prober owns one small Netty event loop group shared by all its probes; create one, probe
 * many targets, close it. Probes never throw for a failure of the target: every failure is an
 * outcome. Exceptions are for the caller's mistakes, with a message that says what to fix.
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

    private RdpProber(ProbeOptions options, int threads) {
        this.options = options;
        this.engine = new ProbeEngine(options, threads);
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
     * (plus scheduling slack), unless this prober is closed first.
     *
     * @throws NullPointerException if target is null
     * @throws IllegalStateException if the prober is closed
     */
    public CompletableFuture<ConnectionOutcome> probe(Target target) {
        Objects.requireNonNull(target, "target must not be null");
        return engine.probe(target);
    }

    /**
     * Probes many targets with at most {@code concurrency} in flight, handing each outcome to
     * {@code sink} as it completes (on a prober thread; keep the sink quick, or hand off). The
     * returned future completes when every outcome has been delivered.
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
        Semaphore slots = new Semaphore(concurrency);
        CompletableFuture<Void> all = new CompletableFuture<>();
        Thread feeder = new Thread(() -> feed(targets, slots, sink, all), "rdp-probe-feeder");
        feeder.setDaemon(true);
        feeder.start();
        return all;
    }

    /** The feeder thread of {@link #probeAll}: starts probes as slots free up, then waits for the last ones. */
    private void feed(Iterable<Target> targets, Semaphore slots, Consumer<ConnectionOutcome> sink, CompletableFuture<Void> all) {
        List<CompletableFuture<?>> inFlight = new ArrayList<>();
        FirstError errors = new FirstError();
        try {
            Iterator<Target> it = targets.iterator();
            while (it.hasNext()) {
                Target t = it.next();
                slots.acquire();
                CompletableFuture<ConnectionOutcome> probe;
                try {
                    probe = probe(t);
                } catch (Throwable e) {
                    slots.release();
                    throw e;
                }
                inFlight.add(probe.handle((o, e) -> {
                    try {
                        if (o != null) {
                            sink.accept(o);
                        } else {
                            errors.add(e);
                        }
                    } catch (Throwable sinkError) {
                        errors.add(sinkError);
                    } finally {
                        slots.release();
                    }
                    return null;
                }));
                inFlight.removeIf(CompletableFuture::isDone);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            errors.add(e);
        } catch (Throwable e) {
            errors.add(e);
        }
        CompletableFuture.allOf(inFlight.toArray(new CompletableFuture<?>[0])).whenComplete((v, e) -> {
            Throwable first = errors.first();
            if (first != null) {
                all.completeExceptionally(first);
            } else {
                all.complete(null);
            }
        });
    }

    /** The first of several errors, the others suppressed in it; thread-safe. */
    private static final class FirstError {
        private Throwable first;

        synchronized void add(Throwable error) {
            if (first == null) {
                first = error;
            } else if (first != error) {
                first.addSuppressed(error);
            }
        }

        synchronized Throwable first() {
            return first;
        }
    }

    /**
     * Stops the event loop group and releases every channel and thread. Futures of probes still in
     * flight complete exceptionally with a {@link java.util.concurrent.CancellationException}; wait for
     * them (or for {@link #probeAll}'s future) before closing to get their outcomes.
     */
    @Override
    public void close() {
        engine.close();
    }

    /** Builds an {@link RdpProber}. Each setter validates its argument and says what to fix. */
    public static final class Builder {
        private Duration resolveTimeout = ProbeOptions.DEFAULTS.resolveTimeout();
        private Duration connectTimeout = ProbeOptions.DEFAULTS.connectTimeout();
        private Duration x224Timeout = ProbeOptions.DEFAULTS.x224Timeout();
        private Duration tlsTimeout = ProbeOptions.DEFAULTS.tlsTimeout();
        private Duration credsspTimeout = ProbeOptions.DEFAULTS.credsspTimeout();
        private Duration deadline = ProbeOptions.DEFAULTS.deadline();
        private SecurityProtocolSet requestedProtocols = ProbeOptions.DEFAULTS.requestedProtocols();
        private String cookie = ProbeOptions.DEFAULTS.cookie();
        private String tlsEngine;
        private List<TlsVersion> tlsVersions = ProbeOptions.DEFAULTS.tlsVersions();
        private boolean credssp = true;
        private boolean enumerateTlsVersions;
        private boolean enumerateSecurityLayers;
        private KeyStore trustStore;
        private UdpMode udpMode = UdpMode.BESIDE;
        private int udpAttempts = ProbeOptions.DEFAULTS.udpAttempts();
        private Duration udpInitialRetransmit = ProbeOptions.DEFAULTS.udpInitialRetransmit();
        private Clock clock = Clock.systemUTC();
        private List<InetSocketAddress> dnsServers;
        private int threads = Math.min(2, Runtime.getRuntime().availableProcessors());

        private Builder() {
        }

        /** Limit for name resolution (default 5 s). */
        public Builder resolveTimeout(Duration value) { this.resolveTimeout = value; return this; }

        /** Limit for the TCP handshake (default 5 s). */
        public Builder connectTimeout(Duration value) { this.connectTimeout = value; return this; }

        /** Limit for each phase after TCP: X.224, TLS and CredSSP (default 5 s each). */
        public Builder phaseTimeout(Duration value) {
            this.x224Timeout = value;
            this.tlsTimeout = value;
            this.credsspTimeout = value;
            return this;
        }

        /** Limit for the Connection Confirm (default 5 s). */
        public Builder x224Timeout(Duration value) { this.x224Timeout = value; return this; }

        /** Limit for the TLS handshake (default 5 s). */
        public Builder tlsTimeout(Duration value) { this.tlsTimeout = value; return this; }

        /** Limit for the server's first TSRequest (default 5 s). */
        public Builder credsspTimeout(Duration value) { this.credsspTimeout = value; return this; }

        /** Limit for the whole probe (default 20 s). */
        public Builder deadline(Duration value) { this.deadline = value; return this; }

        /** What RDP_NEG_REQ asks for (default SSL|HYBRID|HYBRID_EX). */
        public Builder requestedProtocols(SecurityProtocolSet value) { this.requestedProtocols = value; return this; }

        /** The mstshash cookie identifier (default "rdpprobe"); {@code null} sends no cookie. */
        public Builder cookie(String value) { this.cookie = value; return this; }

        /** The TLS engine by name ("bouncycastle", "jdk"); {@code null} for the default. */
        public Builder tlsEngine(String value) { this.tlsEngine = value; return this; }

        /** TLS versions offered (default TLSv1, TLSv1.1, TLSv1.2, TLSv1.3). */
        public Builder tlsVersions(List<TlsVersion> value) { this.tlsVersions = value; return this; }

        /** Whether to run the CREDSSP phase (default true). */
        public Builder credssp(boolean value) { this.credssp = value; return this; }

        /** Test each TLS version on its own connection (default false). */
        public Builder enumerateTlsVersions(boolean value) { this.enumerateTlsVersions = value; return this; }

        /** Test each security protocol on its own connection (default false). */
        public Builder enumerateSecurityLayers(boolean value) { this.enumerateSecurityLayers = value; return this; }

        /** Trust anchors for the certificate trust check (default: the JVM's). */
        public Builder trustStore(KeyStore value) { this.trustStore = value; return this; }

        /** Shorthand for {@link #udpMode}: true = BESIDE, false = OFF. */
        public Builder udp(boolean value) { this.udpMode = value ? UdpMode.BESIDE : UdpMode.OFF; return this; }

        /** UDP beside TCP (default), off, or alone. */
        public Builder udpMode(UdpMode value) { this.udpMode = value; return this; }

        /** SYN datagrams to send before giving up (default 3). */
        public Builder udpAttempts(int value) { this.udpAttempts = value; return this; }

        /** Wait after the first SYN; each later wait doubles (default 500 ms). */
        public Builder udpInitialRetransmit(Duration value) { this.udpInitialRetransmit = value; return this; }

        /** The wall clock for certificate validity and clock skew (default UTC system clock). */
        public Builder clock(Clock value) { this.clock = value; return this; }

        /** DNS servers to ask instead of the system's; {@code null} (the default) uses /etc/resolv.conf. /etc/hosts is honoured either way. */
        public Builder dnsServers(List<InetSocketAddress> value) { this.dnsServers = value; return this; }

        /** Event loop threads (default min(2, cores)). */
        public Builder threads(int value) {
            if (value < 1 || value > 64) {
                throw new IllegalArgumentException("threads " + value + " is out of range; use 1..64");
            }
            this.threads = value;
            return this;
        }

        /** The options as set so far (validated). */
        public ProbeOptions options() {
            return new ProbeOptions(resolveTimeout, connectTimeout, x224Timeout, tlsTimeout, credsspTimeout, deadline,
                    requestedProtocols, cookie, tlsEngine, tlsVersions, credssp, enumerateTlsVersions,
                    enumerateSecurityLayers, trustStore, udpMode, udpAttempts, udpInitialRetransmit, clock, dnsServers);
        }

        /** Validates the options and starts the prober's event loop group. */
        public RdpProber build() {
            return new RdpProber(options(), threads);
        }
    }
}
