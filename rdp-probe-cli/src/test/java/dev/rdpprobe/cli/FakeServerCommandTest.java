package dev.rdpprobe.cli;

import dev.rdpprobe.json.JsonCharacterEscapes;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rdpprobe.core.RdpProber;
import dev.rdpprobe.core.outcome.ConnectionOutcome;
import dev.rdpprobe.core.outcome.Phase;
import dev.rdpprobe.core.outcome.Verdict;
import dev.rdpprobe.core.target.Target;
import dev.rdpprobe.testkit.Scenario;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FakeServerCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void servesTheHealthyDemoScenarioAndRecordsWhatTheProbeSent() throws Exception {
        ProbedServer probed = probe("healthy", "alice");
        assertThat(probed.outcome.verdict()).isEqualTo(Verdict.OK);
        assertSameKindOfOutcome(probed.outcome, demoOutcome("healthy"));
        JsonNode c = probed.recorded;
        assertThat(c.get("cookie").asText()).isEqualTo("alice");
        assertThat(names(c.get("requestedProtocols"))).containsExactly("SSL", "HYBRID", "HYBRID_EX");
        assertThat(c.get("requestedProtocolBits").asInt()).isEqualTo(0x0B);
        assertThat(c.get("negotiationFlags").isInt()).isTrue();
        assertThat(c.get("tlsStarted").asBoolean()).isTrue();
        assertThat(c.get("tlsCompleted").asBoolean()).isTrue();
        assertThat(c.get("tlsVersion").asText()).isEqualTo("TLSv1.3");
        assertThat(c.get("tsRequestVersion").isInt()).isTrue();
        assertThat(c.get("ntlmNegotiateFlags").asText()).matches("0x[0-9a-f]{8}");
        assertThat(c.get("ended").asBoolean()).isTrue();
        assertThat(c.get("remote").asText()).startsWith("127.0.0.1:");
        assertThat(c.get("tlsOfferedCipherSuites").get(0).asText()).startsWith("TLS_");
        assertThat(c.get("tlsWithoutConnectionRequest").asBoolean()).isFalse();
        assertThat(c.get("credentialsOffered").asBoolean()).isFalse();
        assertThat(c.get("authInfoReceived").asBoolean()).isFalse();
        assertThat(c.get("connectInitialSeen").asBoolean()).as("the probe stops at CredSSP under NLA").isFalse();
        assertThat(c.get("activationPhase").isNull()).isTrue();
        assertThat(c.get("activated").asBoolean()).isFalse();
        assertThat(c.get("clientInfo").isNull()).isTrue();
        assertThat(c.get("joinedChannels").isArray()).isTrue();
        assertThat(c.get("joinedChannels")).isEmpty();
        assertThat(c.get("activationError").isNull()).isTrue();
        assertThat(probed.udpDatagrams).isNotEmpty();
        JsonNode syn = probed.udpDatagrams.get(0).get("syn");
        assertThat(syn.get("upstreamMtu").asInt()).isBetween(1132, 1232);
        assertThat(probed.udpDatagrams.get(0).get("remote").asText()).startsWith("127.0.0.1:");
    }

    @Test
    void servesNlaRequiredAndRecordsTheProtocolsOfferedWithoutCredSsp() throws Exception {
        ProbedServer probed = probe("nla-required", "bob");
        assertThat(probed.outcome.verdict()).isEqualTo(Verdict.FAILED);
        assertSameKindOfOutcome(probed.outcome, demoOutcome("nla-required"));
        JsonNode c = probed.recorded;
        assertThat(c.get("cookie").asText()).isEqualTo("bob");
        assertThat(names(c.get("requestedProtocols"))).containsExactly("SSL");
        assertThat(c.get("tlsStarted").asBoolean()).isFalse();
        assertThat(c.get("tlsVersion").isNull()).isTrue();
        assertThat(c.get("tsRequestVersion").isNull()).isTrue();
        assertThat(c.get("ntlmNegotiateFlags").isNull()).isTrue();
    }

    @Test
    void theProbesOutcomeOfEveryDemoScenarioServedByFakeServerEqualsTheDemos() throws Exception {
        int served = 0;
        for (DemoScenario d : DemoScenarios.all()) {
            if (d.nothingListens()) {
                continue;
            }
            String name = FakeServerScenarios.nameOf(d.title());
            ProbedServer probed = probe(name, "eve");
            ConnectionOutcome demo = demoOutcome(name);
            assertSameKindOfOutcome(probed.outcome, demo);
            assertThat(probed.outcome.diagnosis().code()).as(name).isEqualTo(demo.diagnosis().code());
            served++;
        }
        assertThat(served).isEqualTo(DemoScenarios.all().size() - 1); // all but "port closed"
    }

    @Test
    void theNlaScenarioRecordsCredentialsOfferedAndNoDelegation() throws Exception {
        try (RunningFakeServer server = RunningFakeServer.start("--scenario", "nla-credentials", "--listen", "127.0.0.1:0")) {
            InetSocketAddress address = listening(server.nextLine());
            char[] password = Scenario.DEMO_PASSWORD.toCharArray();
            try (RdpProber prober = RdpProber.builder().udp(false)
                    .credentials(dev.rdpprobe.core.target.Credentials.parse(Scenario.DEMO_USER, password))
                    .sendCredentialsToUnverifiedServer(true).build()) {
                ConnectionOutcome o = prober.probe(Target.of("127.0.0.1", address.getPort())).join();
                assertThat(o.server().credentialCheck().orElseThrow().verdict()).isEqualTo(dev.rdpprobe.core.outcome.CredentialVerdict.ACCEPTED);
            }
            JsonNode c = JSON.readTree(server.nextLine());
            assertThat(c.get("credentialsOffered").asBoolean()).isTrue();
            assertThat(c.get("authInfoReceived").asBoolean()).as("rdp-probe never delegates").isFalse();
            assertThat(c.toString()).doesNotContain(Scenario.DEMO_PASSWORD);
            assertThat(server.stop()).isZero();
        }
    }

    @Test
    void servesEveryNamedScenarioOfTheTestKit() throws Exception {
        for (String name : Scenario.NAMES) {
            try (RunningFakeServer server = RunningFakeServer.start("--scenario", name, "--listen", "127.0.0.1:0")) {
                JsonNode first = JSON.readTree(server.nextLine());
                assertThat(first.get("scenario").asText()).isEqualTo(name);
                assertThat(first.get("listening").asText()).matches("127\\.0\\.0\\.1:[1-9][0-9]*");
                assertThat(server.stop()).isZero();
            }
        }
    }

    @Test
    void listenOnIpv6LoopbackPrintsTheAddressInBrackets() throws Exception {
        try (RunningFakeServer server = RunningFakeServer.start("--scenario", "tls-only", "--listen", "[::1]:0")) {
            assertThat(JSON.readTree(server.nextLine()).get("listening").asText()).matches("\\[0:0:0:0:0:0:0:1]:[1-9][0-9]*");
            assertThat(server.stop()).isZero();
        }
    }

    @Test
    void stoppingByClosingStdinReturnsAndLeavesNoThreadOfItsOwn() throws Exception {
        RunningFakeServer server = RunningFakeServer.start("--scenario", "tls-only", "--listen", "127.0.0.1:0");
        InetSocketAddress address = listening(server.nextLine());
        try (java.net.Socket open = new java.net.Socket(address.getAddress(), address.getPort())) {
            // A Connection Request asking for TLS; the Connection Confirm shows the server accepted the connection.
            open.getOutputStream().write(new byte[] {3, 0, 0, 19, 14, (byte) 0xE0, 0, 0, 0, 0, 0, 1, 0, 8, 0, 1, 0, 0, 0});
            assertThat(open.getInputStream().read()).as("first byte of the Connection Confirm").isEqualTo(3);
            assertThat(server.stop()).isZero();
        }
        List<String> rest = server.remainingLines();
        assertThat(rest).as("the connection still open at the stop is printed once the server closed it").hasSize(1);
        assertThat(JSON.readTree(rest.get(0)).get("ended").asBoolean()).isTrue();
        assertThat(names(JSON.readTree(rest.get(0)).get("requestedProtocols"))).containsExactly("SSL");
        assertThat(Thread.getAllStackTraces().keySet()).noneMatch(t -> t.isAlive() && t.getName().startsWith("rdp-probe-fake-server"));
    }

    @Test
    void listPrintsEveryNameWithWhatItDoes() {
        CliRun run = CliRun.of("fake-server", "--list");
        assertThat(run.exitCode()).isZero();
        List<String> names = run.out().lines().map(l -> l.split(" ", 2)[0]).toList();
        assertThat(names).containsAll(Scenario.NAMES)
                .contains("healthy", "silent-firewall-or-hung-termservice", "expired-certificate", "tls-1.0-only", "credssp-closed",
                        "clock-skew", "udp-blocked", "not-rdp", "server-denies-the-connection")
                .doesNotContain("port-closed")
                .doesNotHaveDuplicates();
        assertThat(run.out().lines()).allMatch(l -> l.split(" {2,}", 2).length == 2 && !l.split(" {2,}", 2)[1].isBlank());
        assertThat(names).hasSize(DemoScenarios.all().size() - 1 + Scenario.NAMES.size() - 1);
    }

    @Test
    void anUnknownScenarioIsAUsageErrorThatListsTheNames() {
        CliRun run = CliRun.of("fake-server", "--scenario", "no-such", "--listen", "127.0.0.1:0");
        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("no scenario named 'no-such'").contains("nla-healthy").contains("expired-certificate");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void noScenarioIsAUsageError() {
        CliRun run = CliRun.of("fake-server");
        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("--scenario NAME").contains("--list");
    }

    @Test
    void anAddressOtherThanLoopbackIsRefusedWithoutTheFlag() {
        for (String listen : List.of("0.0.0.0:0", "[::]:0")) {
            CliRun run = CliRun.of("fake-server", "--scenario", "healthy", "--listen", listen);
            assertThat(run.exitCode()).as(listen).isEqualTo(ExitCodes.USAGE);
            assertThat(run.err()).as(listen).contains("not a loopback address").contains("--allow-non-loopback");
            assertThat(run.out()).isEmpty();
        }
    }

    @Test
    void aListenValueThatIsNoIpAddressOrPortIsAUsageError() {
        for (String listen : List.of("localhost:0", "127.0.0.1:65536", "127.0.0.1:x", "[::1", "")) {
            CliRun run = CliRun.of("fake-server", "--scenario", "healthy", "--listen", listen);
            assertThat(run.exitCode()).as(listen).isEqualTo(ExitCodes.USAGE);
            assertThat(run.err()).as(listen).contains("--listen");
        }
    }

    @Test
    void listenDefaultsToPort3389AndParsesBracketedIpv6() {
        assertThat(ListenAddress.parse("127.0.0.2").getPort()).isEqualTo(3389);
        assertThat(ListenAddress.parse("127.0.0.2:0").getPort()).isZero();
        assertThat(ListenAddress.parse("[::1]:3390").getAddress().isLoopbackAddress()).isTrue();
        assertThat(ListenAddress.parse("::1").getPort()).isEqualTo(3389);
    }

    @Test
    void jsonLinesEscapeEveryCharacterTheTerminalTextHides() throws Exception {
        String hostile = "a\u001b[2J\u0007\u007f\u0085\u202e\u200b\u2028\u2029\ufeff\ud800\udb40\udc01z\"\\";
        StringWriter out = new StringWriter();
        try (JsonGenerator g = new JsonFactory().createGenerator(out)) {
            g.setCharacterEscapes(new JsonCharacterEscapes());
            g.writeString(hostile);
        }
        String text = out.toString();
        assertThat(text.codePoints()).noneMatch(TerminalText::hidden);
        assertThat(JSON.readTree(text).asText()).isEqualTo(hostile);
    }

    // ---------------------------------------------------------------------------------------------

    private record ProbedServer(ConnectionOutcome outcome, JsonNode recorded, List<JsonNode> udpDatagrams) {
    }

    /** Serves the scenario, probes it as the demo does with a cookie, stops it; answers the outcome and the recorded line. */
    private static ProbedServer probe(String name, String cookie) throws Exception {
        DemoScenario demo = demoEntry(name);
        try (RunningFakeServer server = RunningFakeServer.start("--scenario", name, "--listen", "127.0.0.1:0")) {
            JsonNode first = JSON.readTree(server.nextLine());
            assertThat(first.get("scenario").asText()).isEqualTo(name);
            InetSocketAddress address = listening(first.toString());
            ConnectionOutcome outcome;
            try (RdpProber prober = demo.tweak().apply(DemoScenarios.baseBuilder()).cookie(cookie).build()) {
                outcome = prober.probe(Target.of("127.0.0.1", address.getPort())).join();
            }
            List<JsonNode> udp = new ArrayList<>();
            JsonNode recorded = JSON.readTree(server.nextLine());
            while (recorded.has("udpDatagram")) {
                udp.add(recorded.get("udpDatagram"));
                recorded = JSON.readTree(server.nextLine());
            }
            assertThat(server.stop()).isZero();
            for (String rest : server.remainingLines()) {
                JsonNode line = JSON.readTree(rest);
                if (line.has("remote")) {
                    continue; // a further connection of the same probe (an enumeration connects once per layer or method)
                }
                assertThat(line.has("udpDatagram")).as("a line after the connection's: %s", rest).isTrue();
                udp.add(line.get("udpDatagram"));
            }
            return new ProbedServer(outcome, recorded, udp);
        }
    }

    private static InetSocketAddress listening(String firstLine) throws Exception {
        String text = JSON.readTree(firstLine).get("listening").asText();
        int colon = text.lastIndexOf(':');
        return new InetSocketAddress(text.substring(0, colon), Integer.parseInt(text.substring(colon + 1)));
    }

    private static DemoScenario demoEntry(String name) {
        return DemoScenarios.all().stream().filter(d -> FakeServerScenarios.nameOf(d.title()).equals(name)).findFirst().orElseThrow();
    }

    private static ConnectionOutcome demoOutcome(String name) throws Exception {
        return DemoCommand.run(demoEntry(name));
    }

    private static void assertSameKindOfOutcome(ConnectionOutcome actual, ConnectionOutcome demo) {
        assertThat(actual.verdict()).isEqualTo(demo.verdict());
        assertThat(actual.failedPhase()).isEqualTo(demo.failedPhase());
        for (Phase phase : Phase.values()) {
            assertThat(actual.phase(phase).status()).as(phase.name()).isEqualTo(demo.phase(phase).status());
        }
        assertThat(actual.failure().map(f -> f.getClass())).isEqualTo(demo.failure().map(f -> f.getClass()));
    }

    private static List<String> names(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}
