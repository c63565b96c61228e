package dev.rdpprobe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The README's Python test of {@code rdp-probe fake-server} ({@code src/test/python/test_fake_server.py},
 * standard library only) runs in every build, against this build's classes (its {@code RDP_PROBE}
 * names the command), and the README shows that very file.
 */
class PythonFakeServerTest {

    private static final Path TEST = Path.of("src", "test", "python", "test_fake_server.py");

    @Test
    void thePythonTestPasses() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String command = quote(java) + " -XX:TieredStopAtLevel=1 -cp " + quote(System.getProperty("java.class.path"))
                + " " + RdpProbeCommand.class.getName();
        Path log = Files.createTempFile("python-fake-server-test", ".log");
        ProcessBuilder pb = new ProcessBuilder("python3", TEST.toString()).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("RDP_PROBE", command);
        Process p;
        try {
            p = pb.start();
        } catch (java.io.IOException e) {
            throw new AssertionError("python3 is needed for this test (apt-get install python3): " + e.getMessage(), e);
        }
        try {
            p.getOutputStream().close();
            boolean ended = p.waitFor(90, TimeUnit.SECONDS);
            String output = Files.readString(log, StandardCharsets.UTF_8);
            assertThat(ended).as("the Python test ends; so far: %s", output).isTrue();
            assertThat(p.exitValue()).as(output).isZero();
            assertThat(output).contains("Ran 1 test").contains("OK");
        } finally {
            p.destroyForcibly();
            Files.deleteIfExists(log);
        }
    }

    @Test
    void theReadmeShowsThePythonTestAsItIs() throws Exception {
        String readme = Files.readString(Path.of("..", "README.md"), StandardCharsets.UTF_8);
        String test = Files.readString(TEST, StandardCharsets.UTF_8);
        assertThat(readme).contains("```python\n" + test + "```\n");
    }

    private static String quote(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }
}
