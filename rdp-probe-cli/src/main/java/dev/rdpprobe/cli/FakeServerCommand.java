package dev.rdpprobe.cli;

import dev.rdpprobe.testkit.FakeRdpServer;
import dev.rdpprobe.testkit.RecordedConnection;
import dev.rdpprobe.testkit.udp.FakeUdpResponder;
import dev.rdpprobe.testkit.udp.ReceivedDatagram;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code rdp-probe fake-server}: serves one scenario of {@link FakeServerScenarios} until stopped (a
 * signal, or the end of stdin with {@code --until-stdin-closes}), printing where it listens as the
 * first JSON line and then one JSON line for each client connection once it ended.
 */
@Command(name = "fake-server", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class, sortOptions = false,
        header = "Serve one scenario of the built-in fake RDP server, for tests in any language.",
        description = "Serves one scenario (every scenario of rdp-probe demo that has a server, and the test kit's named scenarios; "
                + "--list shows them) on loopback until stopped by SIGINT or SIGTERM, or by the end of stdin with --until-stdin-closes. "
                + "The first stdout line is JSON naming the address it listens on (port 0: any free port); then, after each "
                + "connection ends, one JSON line says what the client sent. The server misbehaves on purpose: it binds another "
                + "address than loopback only with --allow-non-loopback. --config FILE serves a scenario written in YAML or JSON "
                + "(per phase what the server does); --admin ADDRESS:PORT adds an HTTP admin interface on loopback that lists "
                + "the recorded connections, switches the scenario and resets.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:stopped, or the list was printed",
            "2:usage error: unknown scenario, a config file that is refused (file:line: what is wrong), bad --listen or --admin, "
                    + "a non-loopback address without --allow-non-loopback (--admin: any), or an address that cannot be bound"
        })
final class FakeServerCommand implements Callable<Integer> {

    /** How often the loop that prints the recorded connections looks whether it was stopped. */
    private static final Duration POLL = Duration.ofMillis(100);

    @Spec
    CommandSpec spec;

    @Option(names = "--scenario", paramLabel = "NAME", description = "The scenario to serve (see --list).")
    String scenario;

    @Option(names = "--config", paramLabel = "FILE",
            description = "Serve the scenario written in this YAML or JSON file (.json: JSON) instead of a named one; see examples/.")
    Path config;

    @Option(names = "--admin", paramLabel = "ADDRESS:PORT",
            description = "Also serve the HTTP admin interface here (loopback only; port 0: any free port, printed on the first line): "
                    + "GET /__admin/connections, POST /__admin/scenario, POST /__admin/reset.")
    String admin;

    @Option(names = "--listen", paramLabel = "ADDRESS[:PORT]", defaultValue = "127.0.0.1:3389",
            description = "Where to listen (default ${DEFAULT-VALUE}; [::1]:PORT for IPv6; port 0: any free port, printed on the first line).")
    String listen;

    @Option(names = "--allow-non-loopback",
            description = "Allow --listen to name an address other than loopback (the server is deliberately broken; a warning is printed).")
    boolean allowNonLoopback;

    @Option(names = "--until-stdin-closes", description = "Also stop when stdin ends (for tests and scripts that hold a pipe to it).")
    boolean untilStdinCloses;

    @Option(names = "--list", description = "Print the scenario names, each with one line of what the server does, and exit.")
    boolean list;

    private final CliContext context;

    FakeServerCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        // every scenario (each with its certificates) only when the command chooses among them or lists them
        List<FakeServerScenario> all = list || (scenario != null && config == null) ? FakeServerScenarios.all() : List.of();
        if (list) {
            int width = all.stream().mapToInt(s -> s.name().length()).max().orElse(0);
            for (FakeServerScenario s : all) {
                out.println(s.name() + " ".repeat(width - s.name().length() + 2) + s.description());
            }
            out.flush();
            return ExitCodes.OK;
        }
        if ((scenario == null) == (config == null)) {
            throw usage(scenario == null ? "give --scenario NAME (one of " + String.join(", ", FakeServerScenarios.names())
                    + "), --config FILE, or --list" : "give --scenario or --config, not both");
        }
        FakeServerScenario chosen;
        if (config != null) {
            try {
                chosen = ScenarioConfig.read(config);
            } catch (ScenarioConfigException e) {
                throw usage("--config " + e.getMessage());
            }
        } else {
            chosen = all.stream().filter(s -> s.name().equals(scenario)).findFirst()
                    .orElseThrow(() -> usage("no scenario named '" + scenario + "'; use one of "
                            + String.join(", ", all.stream().map(FakeServerScenario::name).toList())));
        }
        InetSocketAddress address;
        InetSocketAddress adminAddress = null;
        try {
            address = ListenAddress.parse(listen);
            if (admin != null) {
                adminAddress = ListenAddress.parse("--admin", admin);
            }
        } catch (IllegalArgumentException e) {
            throw usage(e.getMessage());
        }
        if (adminAddress != null && !adminAddress.getAddress().isLoopbackAddress()) {
            throw usage("--admin " + admin + " is not a loopback address; the admin interface switches the server's behaviour "
                    + "and binds loopback only (--allow-non-loopback does not apply to it)");
        }
        boolean loopback = address.getAddress().isLoopbackAddress();
        if (!loopback && !allowNonLoopback) {
            throw usage("--listen " + listen + " is not a loopback address; the fake server is deliberately broken, "
                    + "so binding another address needs --allow-non-loopback");
        }
        FakeRdpServer server;
        try {
            server = loopback ? FakeRdpServer.start(address, chosen.scenario()) : FakeRdpServer.startOnAnyAddress(address, chosen.scenario());
            if (chosen.udp() != null) {
                server.withUdp(chosen.udp());
            }
        } catch (RuntimeException e) {
            throw usage("cannot listen on " + listen + ": " + e.getMessage());
        }
        FakeServerAdmin adminInterface = null;
        if (adminAddress != null) {
            try {
                adminInterface = FakeServerAdmin.start(adminAddress, server, chosen,
                        config != null ? config.toAbsolutePath().getParent() : Path.of("").toAbsolutePath());
            } catch (IOException | RuntimeException e) {
                server.close();
                throw usage("cannot serve --admin on " + admin + ": " + e.getMessage());
            }
        }
        if (!loopback) {
            PrintWriter err = spec.commandLine().getErr();
            err.println("rdp-probe: warning: fake-server listens on " + FakeServerJsonLines.address(server.address())
                    + ", which is not loopback: other hosts can reach a deliberately broken RDP server; stop it when done");
            err.flush();
        }
        try (FakeServerAdmin closing = adminInterface) {
            return serve(server, chosen, adminInterface, out);
        }
    }

    /** Prints the listening line, then each ended connection, until stopped; closes the server. */
    private int serve(FakeRdpServer server, FakeServerScenario chosen, FakeServerAdmin adminInterface, PrintWriter out)
            throws InterruptedException {
        try (StopSignal stop = StopSignal.install("rdp-probe-fake-server", untilStdinCloses ? context.stdin() : null)) {
            try (server) {
                out.println(ConsoleText.jsonForStdout(FakeServerJsonLines.listening(server.address(), chosen.name(),
                        adminInterface == null ? null : adminInterface.address())));
                out.flush();
                UdpLines udpLines = new UdpLines();
                while (!stop.stopped()) {
                    print(server.takeConnection(POLL), out);
                    udpLines.print(server.udp(), out);
                }
                udpLines.print(server.udp(), out);
            }
            // The server is closed, so every connection has ended: print those not printed yet.
            Optional<RecordedConnection> last;
            while ((last = server.takeConnection(Duration.ZERO)).isPresent()) {
                print(last, out);
            }
        }
        return ExitCodes.OK;
    }

    /** Prints each datagram of the current UDP responder once (a responder the admin interface replaced starts anew). */
    private static final class UdpLines {
        private FakeUdpResponder responder;
        private int printed;

        void print(FakeUdpResponder now, PrintWriter out) {
            if (now != responder) {
                responder = now;
                printed = 0;
            }
            if (now == null) {
                return;
            }
            List<ReceivedDatagram> received = now.received();
            for (; printed < received.size(); printed++) {
                out.println(ConsoleText.jsonForStdout(FakeServerJsonLines.udpDatagram(received.get(printed))));
            }
            out.flush();
        }
    }

    private static void print(Optional<RecordedConnection> connection, PrintWriter out) {
        if (connection.isPresent()) {
            out.println(ConsoleText.jsonForStdout(FakeServerJsonLines.connection(connection.get())));
            out.flush();
        }
    }

    private CommandLine.ParameterException usage(String message) {
        return new CommandLine.ParameterException(spec.commandLine(), message);
    }
}
