package dev.rdpprobe.bench.fleet;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One whole command, started afresh for every run and timed from outside: wall-clock seconds from
 * {@link ProcessBuilder#start()} to the reaped exit, its start-up and set-up included. Its standard
 * output goes to a file (read for the facts it printed), its standard input is empty.
 *
 * @param label what the table calls it
 * @param command the program and its arguments
 * @param environment variables set on top of this JVM's environment
 */
record ColdCommand(String label, List<String> command, Map<String, String> environment) {

    /** What one run gave. */
    record Run(double seconds, int exitCode, String stdout, String stderr) {
    }

    /**
     * Runs the command once.
     *
     * @param scratch a directory for the output files
     * @param limitSeconds the run is killed (and reported as exit -1) after this long
     */
    Run run(Path scratch, long limitSeconds) throws IOException, InterruptedException {
        Path out = Files.createTempFile(scratch, "out", ".txt");
        Path err = Files.createTempFile(scratch, "err", ".txt");
        try {
            ProcessBuilder pb = new ProcessBuilder(command)
                    .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                    .redirectOutput(out.toFile())
                    .redirectError(err.toFile());
            pb.environment().putAll(environment);
            long start = System.nanoTime();
            Process p = pb.start();
            boolean ended = p.waitFor(limitSeconds, TimeUnit.SECONDS);
            long end = System.nanoTime();
            if (!ended) {
                p.destroyForcibly().waitFor();
            }
            return new Run((end - start) / 1e9, ended ? p.exitValue() : -1,
                    Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }
}
