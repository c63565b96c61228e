package dev.rdpprobe.core;

import dev.rdpprobe.core.target.Target;

import dev.rdpprobe.core.ProbeEngine;
import dev.rdpprobe.core.outcome.ConnectionOutcome;
import dev.rdpprobe.core.internal.pdu.x224.SecurityProtocols;
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

    /**
     * Builds an {@link RdpProber}. The option setters delegate to a {@link ProbeOptions.Builder} (same names,
     * same defaults); {@link #build()} validates them all and names the call that set an offending value.
     */
    public static final class Builder {
        private ProbeOptions.Builder options = ProbeOptions.builder();
        private int threads = Math.min(2, Runtime.getRuntime().availableProcessors());

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

        /** See {@link ProbeOptions.Builder#credsspTimeout}. */
        public Builder credsspTimeout(Duration value) { options.credsspTimeout(value); return this; }

        /** See {@link ProbeOptions.Builder#deadline}. */
        public Builder deadline(Duration value) { options.deadline(value); return this; }

        /** See {@link ProbeOptions.Builder#requestedProtocols}. */
        public Builder requestedProtocols(SecurityProtocols value) { options.requestedProtocols(value); return this; }

        /** See {@link ProbeOptions.Builder#cookie}. */
        public Builder cookie(String value) { options.cookie(value); return this; }

        /** See {@link ProbeOptions.Builder#tlsEngine}. */
        public Builder tlsEngine(String value) { options.tlsEngine(value); return this; }

        /** See {@link ProbeOptions.Builder#tlsVersions}. */
        public Builder tlsVersions(List<String> value) { options.tlsVersions(value); return this; }

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

        /** Event loop threads (default min(2, cores)). */
        public Builder threads(int value) {
            if (value < 1 || value > 64) {
                throw new IllegalArgumentException("threads " + value + " is out of range; use 1..64");
            }
            this.threads = value;
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
            return new RdpProber(options(), threads);
        }
    }
}
