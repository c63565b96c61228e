package dev.rdpprobe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code rdp-probe serve} in a child JVM, reloaded as an administrator reloads a daemon: by SIGHUP. A configuration
 * with a mistake is refused (the old one stays, stderr says why); a good one is taken; SIGTERM stops it.
 */
class ServeSignalTest {

    @Test
    void sighupReloadsTheConfigurationAndRefusesABadOne(@TempDir Path dir) throws Exception {
        Path config = dir.resolve("rdp-probe.yml");
        Files.writeString(config, "modules:\n  rdp: {}\n");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), RdpProbeCommand.class.getName(),
                "serve", "--config", config.toString(), "--listen", "127.0.0.1:0").start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
             BufferedReader err = new BufferedReader(new InputStreamReader(child.getErrorStream(), StandardCharsets.UTF_8))) {
            String listening = out.readLine();
            assertThat(listening).contains("\"modules\":[\"rdp\"]", "\"sighup\":true");
            Files.writeString(config, "modules:\n  rdp:\n    timeout: later\n");
            signal("HUP", child.pid());
            assertThat(err.readLine()).isEqualTo("rdp-probe serve: the configuration was not reloaded, the old one stays in use: "
                    + config + ":3: modules.rdp.timeout: 'later' is not a duration; write e.g. 10s, 500ms or 1m");
            Files.writeString(config, "modules:\n  rdp: {}\n  audit:\n    enumerate_security: true\n");
            signal("HUP", child.pid());
            assertThat(err.readLine()).isEqualTo("rdp-probe serve: reloaded " + config + " (modules rdp, audit)");
            child.toHandle().destroy(); // SIGTERM
            assertThat(child.waitFor(60, TimeUnit.SECONDS)).as("the child ended after SIGTERM").isTrue();
        } finally {
            child.destroyForcibly();
        }
    }

    private static void signal(String name, long pid) throws Exception {
        Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(pid)).inheritIO().start();
        assertThat(kill.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(kill.exitValue()).isZero();
    }
}
