package dev.rdpprobe.exporter;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * A blackbox-style Prometheus exporter of RDP probes: an HTTP server that answers
 * {@code GET /probe?target=HOST[:PORT]&module=NAME} with the metrics of one probe, {@code /metrics} with its own,
 * {@code /-/healthy}, and reloads its configuration on {@code POST /-/reload} (README, "Prometheus exporter").
 * {@code rdp-probe serve} is this class with a command line; embed it the same way:
 *
 * <pre>{@code
 * ExporterConfig config = ExporterConfig.load(Path.of("rdp-probe.yml"));
 * try (RdpExporter exporter = RdpExporter.builder(config).configFile(Path.of("rdp-probe.yml"))
 *         .listen(new InetSocketAddress("127.0.0.1", RdpExporter.DEFAULT_PORT)).start()) {
 *     // scrape http://127.0.0.1:13389/probe?target=rds01.example.com&module=rdp
 * }
 * }</pre>
 *
 * <p>Threads: one HTTP event loop, two probe event loops shared by every module's prober, one watchdog per module's
 * prober, and two worker threads that write metrics and reload; nothing per request. A request never blocks a
 * thread while it waits for a probe slot or for its probe.
 */
public final class RdpExporter implements AutoCloseable {

    /**
     * The default port: 13389, outside the 9100–9999 range of the Prometheus wiki's exporter port allocations (which
     * is full, so any free-looking port there belongs to some exporter), free in IANA's and Debian's
     * {@code /etc/services}, and easy to tell as RDP's 3389.
     */
    public static final int DEFAULT_PORT = 13389;

    /** How long an idle HTTP connection stays open (Prometheus keeps one per target between scrapes). */
    static final int IDLE_SECONDS = 300;

    private final ExporterMetrics metrics = new ExporterMetrics();
    private final EventLoopGroup probeGroup;
    private final EventLoopGroup httpGroup;
    private final ThreadPoolExecutor worker;
    private final Path configFile;
    private final Channel server;
    private final Object reloadLock = new Object();
    private volatile ProberGeneration generation;

    private RdpExporter(Builder b) throws IOException, ConfigException {
        this.configFile = b.configFile;
        this.probeGroup = new MultiThreadIoEventLoopGroup(b.probeThreads, new DefaultThreadFactory("rdp-exporter-probe", true),
                NioIoHandler.newFactory());
        this.httpGroup = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("rdp-exporter-http", true), NioIoHandler.newFactory());
        this.worker = new ThreadPoolExecutor(2, 2, 0, TimeUnit.SECONDS, new ArrayBlockingQueue<>(1024),
                new DefaultThreadFactory("rdp-exporter-work", true));
        Channel bound = null;
        try {
            this.generation = ProberGeneration.start(b.config, probeGroup, httpGroup);
            ExporterHttpHandler handler = new ExporterHttpHandler(this);
            bound = new ServerBootstrap().group(httpGroup).channel(NioServerSocketChannel.class)
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel ch) {
                            ch.pipeline().addLast(new IdleStateHandler(0, 0, IDLE_SECONDS),
                                    new HttpServerCodec(4096, 8192, 8192), new HttpObjectAggregator(16 * 1024), handler);
                        }
                    })
                    .bind(b.listen).syncUninterruptibly().channel();
        } catch (RuntimeException | ConfigException e) {
            shutDown();
            if (e instanceof ConfigException) {
                throw (ConfigException) e;
            }
            throw new IOException("cannot listen on " + b.listen + ": " + e.getMessage(), e);
        }
        this.server = bound;
    }

    /** A builder of an exporter of this configuration. */
    public static Builder builder(ExporterConfig config) {
        return new Builder(config);
    }

    /** The address the exporter listens on (with the port chosen when 0 was asked for). */
    public InetSocketAddress address() {
        return (InetSocketAddress) server.localAddress();
    }

    /** The configuration in use. */
    public ExporterConfig config() {
        return generation.config();
    }

    /**
     * Reads the configuration file again and uses it from the next request on; probes in flight finish with the old
     * one. A configuration that cannot be used leaves the old one in use.
     *
     * @return the new configuration
     * @throws ConfigException naming the file, line and key of the mistake (the old configuration stays)
     * @throws IllegalStateException when the exporter was given no file to read
     */
    public ExporterConfig reload() throws ConfigException {
        if (configFile == null) {
            throw new IllegalStateException("this exporter was given its configuration in code, with no file to reload");
        }
        synchronized (reloadLock) {
            try {
                return reload(ExporterConfig.load(configFile));
            } catch (ConfigException e) {
                metrics.reloaded(false);
                throw e;
            }
        }
    }

    /**
     * Uses a new configuration from the next request on; probes in flight finish with the old one.
     *
     * @return {@code config}
     * @throws ConfigException when a module cannot make a prober (the old configuration stays)
     */
    public ExporterConfig reload(ExporterConfig config) throws ConfigException {
        Objects.requireNonNull(config, "config");
        synchronized (reloadLock) {
            ProberGeneration next;
            try {
                next = ProberGeneration.start(config, probeGroup, httpGroup);
            } catch (ConfigException e) {
                metrics.reloaded(false);
                throw e;
            }
            ProberGeneration old = generation;
            generation = next;
            old.retire();
            metrics.reloaded(true);
            return config;
        }
    }

    /**
     * Stops listening, cancels the probes in flight and stops every thread of the exporter. The credentials its
     * configuration read from {@code credentials_file}s are destroyed (wiped) once the last probe has ended, as those
     * of a configuration replaced by {@link #reload()} are.
     */
    @Override
    public void close() {
        server.close().syncUninterruptibly();
        generation.retire();
        shutDown();
    }

    private void shutDown() {
        ProberGeneration g = generation;
        if (g != null) {
            g.retire();
        }
        worker.shutdownNow();
        httpGroup.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        probeGroup.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    /** The current generation, with a use taken (give it back with {@link ProberGeneration#release()}). */
    ProberGeneration useGeneration() {
        while (true) {
            ProberGeneration g = generation;
            if (g.use()) {
                return g;
            }
        }
    }

    ExporterMetrics metrics() {
        return metrics;
    }

    ExecutorService worker() {
        return worker;
    }

    /** Builds and starts an {@link RdpExporter}. */
    public static final class Builder {
        private final ExporterConfig config;
        private Path configFile;
        private InetSocketAddress listen = new InetSocketAddress(InetAddress.getLoopbackAddress(), DEFAULT_PORT);
        private int probeThreads = 2;

        private Builder(ExporterConfig config) {
            this.config = Objects.requireNonNull(config, "config");
        }

        /** The file {@link RdpExporter#reload()} reads again (the one {@code config} came from). */
        public Builder configFile(Path value) {
            this.configFile = Objects.requireNonNull(value, "configFile");
            return this;
        }

        /** Where to listen; loopback port {@link #DEFAULT_PORT} by default. Port 0 picks a free port. */
        public Builder listen(InetSocketAddress value) {
            this.listen = Objects.requireNonNull(value, "listen");
            return this;
        }

        /** The probe event loop threads shared by every module (2 by default). */
        public Builder probeThreads(int value) {
            if (value < 1 || value > 64) {
                throw new IllegalArgumentException("probeThreads must be 1..64, was " + value);
            }
            this.probeThreads = value;
            return this;
        }

        /**
         * Starts the exporter.
         *
         * @throws IOException when it cannot listen on the address
         * @throws ConfigException when a module of the configuration cannot make a prober
         */
        public RdpExporter start() throws IOException, ConfigException {
            return new RdpExporter(this);
        }
    }
}
