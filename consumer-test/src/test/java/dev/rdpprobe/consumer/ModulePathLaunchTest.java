package dev.rdpprobe.consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rdpprobe.testkit.FakeRdpServer;
import dev.rdpprobe.testkit.Scenario;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The application runs on the module path with nothing but {@code java -p … -m}: no --add-modules, no
 * --add-opens (before module-info files, this failed with NoClassDefFoundError for bcpkix, then Netty).
 */
class ModulePathLaunchTest {

    @Test
    void theModularApplicationProbesAFakeServer() throws Exception {
        try (FakeRdpServer server = FakeRdpServer.start(Scenario.healthy())) {
            Process app = launch(server.address().getAddress().getHostAddress() + ":" + server.address().getPort());
            assertTrue(app.waitFor(60, TimeUnit.SECONDS), "the application finishes");
            String out = new String(app.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            String err = new String(app.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            assertEquals(0, app.exitValue(), () -> "exit status; stdout: " + out + "\nstderr: " + err);
            assertTrue(out.contains(" OK"), () -> "stdout: " + out + "\nstderr: " + err);
            assertTrue(!err.contains("Exception"), () -> "stderr: " + err);
        }
    }

    @Test
    void aTargetItCannotParseIsTheCallersMistake() throws Exception {
        Process app = launch("host:70000");
        assertTrue(app.waitFor(60, TimeUnit.SECONDS));
        String err = new String(app.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(2, app.exitValue(), err);
        assertTrue(err.contains("1..65535"), err);
    }

    @Test
    void aTestModuleThatRequiresTheTestkitRunsOnTheModulePath() throws Exception {
        Path sources = Path.of(System.getProperty("consumer.work"), "modular-test-sources");
        Path classes = Path.of(System.getProperty("consumer.work"), "modular-test-classes");
        String modulePath = System.getProperty("consumer.classes") + File.pathSeparator
                + Files.readString(Path.of(System.getProperty("consumer.testModulePath"))).trim();
        List<String> javac = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "javac").toString(), "-d", classes.toString(), "--module-path", modulePath, "-Xlint:all", "-Werror"));
        try (var files = Files.walk(sources)) {
            files.filter(f -> f.toString().endsWith(".java")).forEach(f -> javac.add(f.toString()));
        }
        Process compile = new ProcessBuilder(javac).redirectErrorStream(true).start();
        String compilerOutput = new String(compile.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(compile.waitFor(120, TimeUnit.SECONDS));
        assertEquals(0, compile.exitValue(), () -> "the test module compiles against the testkit's module:\n" + compilerOutput);

        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process run = new ProcessBuilder(java.toString(), "-p", classes + File.pathSeparator + modulePath,
                "-m", "dev.rdpprobe.consumer.it/dev.rdpprobe.consumer.it.ProbeTheFake").start();
        assertTrue(run.waitFor(60, TimeUnit.SECONDS));
        String out = new String(run.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(run.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, run.exitValue(), () -> "stdout: " + out + "\nstderr: " + err);
        assertTrue(out.contains("verdict OK phases"), () -> "stdout: " + out + "\nstderr: " + err);
        assertTrue(out.contains("connections 1"), out);
    }

    private static Process launch(String... targets) throws IOException {
        String modulePath = System.getProperty("consumer.classes") + File.pathSeparator
                + Files.readString(Path.of(System.getProperty("consumer.runtimeModulePath"))).trim();
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> command = new ArrayList<>(List.of(java.toString(), "-p", modulePath,
                "-m", "dev.rdpprobe.consumer/dev.rdpprobe.consumer.CheckRdp"));
        command.addAll(List.of(targets));
        return new ProcessBuilder(command).start();
    }
}
