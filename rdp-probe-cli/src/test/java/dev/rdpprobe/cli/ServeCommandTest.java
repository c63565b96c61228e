package dev.rdpprobe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rdpprobe.testkit.FakeRdpServer;
import dev.rdpprobe.testkit.Scenario;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code rdp-probe serve}: the exporter from the command line; a bad configuration is a usage error naming file:line. */
class ServeCommandTest {

    private static String get(String url) throws Exception {
        HttpURLConnection c = (HttpURLConnection) URI.create(url).toURL().openConnection();
        c.setConnectTimeout(5000);
        c.setReadTimeout(30000);
        try (InputStream in = c.getResponseCode() < 400 ? c.getInputStream() : c.getErrorStream()) {
            return c.getResponseCode() + " " + new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void servesTheExampleConfigurationOnAnEphemeralLoopbackPort() throws Exception {
        try (FakeRdpServer server = FakeRdpServer.start(Scenario.healthy());
             RunningFakeServer serve = RunningFakeServer.command("serve", "--until-stdin-closes", "--config",
                     Path.of("..", "examples", "rdp-probe.yml").toString(), "--listen", "127.0.0.1:0")) {
            String first = serve.nextLine();
            Matcher m = Pattern.compile("\\{\"listening\":\"(127\\.0\\.0\\.1:\\d+)\",\"modules\":\\[\"rdp\",.*\\],\"sighup\":(true|false)\\}").matcher(first);
            assertThat(m.matches()).as(first).isTrue();
            String base = "http://" + m.group(1);
            assertThat(get(base + "/-/healthy")).isEqualTo("200 Healthy\n");
            assertThat(get(base + "/probe?module=rdp&target=" + server.target())).startsWith("200 ").contains("\nprobe_success 1");
            assertThat(serve.stop()).isEqualTo(ExitCodes.OK);
        }
    }

    @Test
    void aBadConfigurationIsAUsageErrorNamingItsLine(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("bad.yml");
        Files.writeString(file, "modules:\n  rdp:\n    udp: maybe\n");
        CliRun run = CliRun.of("serve", "--config", file.toString(), "--listen", "127.0.0.1:0");
        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("--config " + file + ":3: modules.rdp.udp: 'maybe' is not true or false");
    }

    @Test
    void theListenAddressMustBeAnIpAddress() {
        CliRun run = CliRun.of("serve", "--config", Path.of("..", "examples", "rdp-probe.yml").toString(), "--listen", "localhost:1");
        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("is not an IP address");
    }
}
