package dev.rdpprobe.exporter;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's embedding example, compiled and run. */
class EmbeddingTest {

    @Test
    void theReadmeExampleRuns(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("rdp-probe.yml");
        Files.writeString(file, "modules:\n  rdp: {}\n");
        // snippet:embed
        ExporterConfig config = ExporterConfig.load(file);          // ConfigException: file:line: key: what to fix
        try (RdpExporter exporter = RdpExporter.builder(config).configFile(file)
                .listen(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)).start()) {
            InetSocketAddress where = exporter.address();           // scrape http://where/probe?target=…&module=rdp
            exporter.reload();                                      // what POST /-/reload does
        }
        // end:embed
        assertThat(config.moduleNames()).containsExactly("rdp");
    }
}
