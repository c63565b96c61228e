package dev.rdpprobe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@code rdp-probe fake-server} in a child JVM, stopped as a script or a container runtime stops it:
 * by SIGTERM. Its shutdown hook lets it print the connection still open at the stop before the JVM
 * ends.
 */
class FakeServerSignalTest {

    /** A Connection Request asking for TLS. */
    private static final byte[] CONNECTION_REQUEST = {3, 0, 0, 19, 14, (byte) 0xE0, 0, 0, 0, 0, 0, 1, 0, 8, 0, 1, 0, 0, 0};

    @Test
    void sigtermStopsItAfterPrintingTheConnectionsStillOpen() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), RdpProbeCommand.class.getName(),
                "fake-server", "--scenario", "tls-only", "--listen", "127.0.0.1:0")
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            ObjectMapper json = new ObjectMapper();
            String listening = json.readTree(out.readLine()).get("listening").asText();
            int port = Integer.parseInt(listening.substring(listening.lastIndexOf(':') + 1));
            try (Socket open = new Socket("127.0.0.1", port)) {
                open.getOutputStream().write(CONNECTION_REQUEST);
                assertThat(open.getInputStream().read()).as("first byte of the Connection Confirm").isEqualTo(3);
                child.toHandle().destroy(); // SIGTERM, leaving its stdout open to read (Process.destroy closes it)
                assertThat(child.waitFor(60, TimeUnit.SECONDS)).as("the child ended after SIGTERM").isTrue();
            }
            List<String> rest = out.lines().toList();
            assertThat(rest).hasSize(1);
            JsonNode connection = json.readTree(rest.get(0));
            assertThat(connection.get("ended").asBoolean()).isTrue();
            assertThat(connection.get("requestedProtocols").get(0).asText()).isEqualTo("SSL");
        } finally {
            child.destroyForcibly();
        }
    }
}
