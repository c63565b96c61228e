package dev.rdpprobe.cli;

import dev.rdpprobe.json.OutcomeJson;
import dev.rdpprobe.core.RdpProber;
import dev.rdpprobe.core.target.Target;
import dev.rdpprobe.core.outcome.ConnectionOutcome;
import dev.rdpprobe.testkit.FakeRdpServer;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code rdp-probe demo}: starts the built-in fake RDP server in each scenario of
 * {@link DemoScenarios}, probes it over loopback, and prints each report under a one-line title.
 */
@Command(name = "demo", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class, sortOptions = false,
        header = "Show every kind of outcome against a built-in fake RDP server.",
        description = "Shows every kind of outcome with no RDP host at hand: starts a fake RDP server on loopback "
                + "in each instructive scenario (healthy, port closed, silent firewall, NLA required, expired certificate, "
                + "TLS 1.0 only, CredSSP closed, clock skew, UDP blocked, not RDP, server denies) "
                + "and probes it. Exit code 0 when every scenario was shown.")
final class DemoCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    OutputOptions output;

    private final CliContext context;

    DemoCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        boolean colour = output.colour(context);
        HumanReport report = new HumanReport(context.unicode());
        List<DemoScenario> scenarios = DemoScenarios.all();
        int n = 0;
        for (DemoScenario s : scenarios) {
            n++;
            ConnectionOutcome outcome = run(s);
            if (output.json) {
                out.println(ConsoleText.jsonForStdout(OutcomeJson.toJson(outcome)));
            } else {
                if (n > 1) {
                    out.println();
                }
                String rule = context.unicode() ? "━━" : "==";
                out.println(Ansi.BOLD.apply(rule + " " + n + "/" + scenarios.size() + "  " + s.title(), colour));
                out.print(report.render(outcome, colour));
            }
            out.flush();
        }
        return ExitCodes.OK;
    }

    /** Probes one scenario: a fresh fake server (or a closed port) and a fresh prober. */
    static ConnectionOutcome run(DemoScenario s) throws IOException {
        try (RdpProber prober = s.tweak().apply(DemoScenarios.baseBuilder()).build()) {
            if (s.nothingListens()) {
                return prober.probe(Target.of("127.0.0.1", closedLoopbackPort())).join();
            }
            try (FakeRdpServer server = FakeRdpServer.start(s.scenario())) {
                if (s.udp() != null) {
                    server.withUdp(s.udp());
                }
                return prober.probe(server.target()).join();
            }
        }
    }

    /** A loopback port that nothing listens on: bound, then released. */
    private static int closedLoopbackPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
