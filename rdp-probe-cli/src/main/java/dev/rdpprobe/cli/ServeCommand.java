package dev.rdpprobe.cli;

import dev.rdpprobe.exporter.ConfigException;
import dev.rdpprobe.exporter.ExporterConfig;
import dev.rdpprobe.exporter.RdpExporter;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code rdp-probe serve}: the Prometheus exporter ({@link RdpExporter}) until stopped by SIGINT or SIGTERM (or the end
 * of stdin with {@code --until-stdin-closes}); SIGHUP reloads the configuration, as {@code POST /-/reload} does.
 * SIGHUP is caught with {@code sun.misc.Signal} (module jdk.unsupported, present in every JDK): the JDK has no
 * supported API for it, and where it is missing only the HTTP reload remains.
 */
@Command(name = "serve", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class, sortOptions = false,
        header = "Run the Prometheus exporter: GET /probe?target=HOST[:PORT]&module=NAME answers one probe's metrics.",
        description = "Serves the blackbox_exporter interface: /probe?target=…&module=… (&debug=true for the probe's report), /metrics "
                + "(the exporter's own), /-/healthy, POST /-/reload. The modules come from --config (YAML); SIGHUP or POST /-/reload "
                + "reads it again, and a configuration with a mistake leaves the old one in use. Stops on SIGINT or SIGTERM.",
        footerHeading = "%nExamples:%n",
        footer = {
            "  rdp-probe serve --config examples/rdp-probe.yml",
            "  rdp-probe serve --config /etc/rdp-probe/rdp-probe.yml --listen 0.0.0.0:13389"
        })
final class ServeCommand implements java.util.concurrent.Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--config", paramLabel = "FILE", required = true, description = "The configuration (YAML): modules, concurrency, allow list.")
    Path config;

    @Option(names = "--listen", paramLabel = "ADDRESS:PORT", defaultValue = "127.0.0.1:13389",
            description = "Where to listen (default ${DEFAULT-VALUE}; port 0 picks a free one). Another address than loopback lets "
                    + "other hosts scrape it: give the configuration an allow list then.")
    String listen;

    @Option(names = "--until-stdin-closes", description = "Also stop when stdin ends (for scripts and tests that hold a pipe to it).")
    boolean untilStdinCloses;

    private final CliContext context;

    ServeCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        InetSocketAddress address;
        ExporterConfig loaded;
        try {
            address = ListenAddress.parse(listen, RdpExporter.DEFAULT_PORT);
            loaded = ExporterConfig.load(config);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        } catch (ConfigException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--config " + e.getMessage());
        }
        RdpExporter exporter;
        try {
            exporter = RdpExporter.builder(loaded).configFile(config).listen(address).start();
        } catch (IOException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        } catch (ConfigException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--config " + e.getMessage());
        }
        if (!address.getAddress().isLoopbackAddress() && !loaded.restrictsTargets()) {
            err.println("rdp-probe serve: warning: listening on " + text(exporter.address()) + " with no allow list in " + config
                    + ": whoever reaches it can make it probe any host; add allow: to the configuration");
            err.flush();
        }
        boolean hup = ReloadSignal.install(() -> reload(exporter, err));
        try (StopSignal stop = StopSignal.install("rdp-probe-serve", untilStdinCloses ? context.stdin() : null); exporter) {
            out.println("{\"listening\":\"" + text(exporter.address()) + "\",\"modules\":[\""
                    + String.join("\",\"", loaded.moduleNames()) + "\"],\"sighup\":" + hup + "}");
            out.flush();
            stop.await();
        }
        return ExitCodes.OK;
    }

    private void reload(RdpExporter exporter, PrintWriter err) {
        try {
            ExporterConfig c = exporter.reload();
            err.println("rdp-probe serve: reloaded " + c.source() + " (modules " + String.join(", ", c.moduleNames()) + ")");
        } catch (ConfigException e) {
            err.println("rdp-probe serve: the configuration was not reloaded, the old one stays in use: " + e.getMessage());
        }
        err.flush();
    }

    private static String text(InetSocketAddress a) {
        String host = a.getAddress().getHostAddress();
        return (a.getAddress() instanceof Inet6Address ? "[" + host + "]" : host) + ":" + a.getPort();
    }
}
