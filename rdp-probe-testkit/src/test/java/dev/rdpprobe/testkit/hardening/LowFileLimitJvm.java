package dev.rdpprobe.testkit.hardening;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Runs a main class of the test class path in a child JVM started under a low {@code ulimit -n}, as a deployed
 * application that runs out of file descriptors would: the class path is packed into jars first
 * ({@link ClassPathJars}), stdout and stderr go to files in a scratch directory. The wait for the child only keeps
 * a hung child from hanging the build (it is then killed and reported as not finished); it measures nothing.
 */
final class LowFileLimitJvm {

    /**
     * What the child did.
     *
     * @param finished whether it exited within the wait (else it was killed)
     * @param exitValue its exit status (-1 when it did not finish)
     * @param lines its standard output, line by line
     * @param errors its standard error
     */
    record Result(boolean finished, int exitValue, List<String> lines, String errors) {

        /** The output lines that start with {@code prefix}. */
        List<String> linesStartingWith(String prefix) {
            return lines.stream().filter(l -> l.startsWith(prefix)).toList();
        }
    }

    private LowFileLimitJvm() {
    }

    /** Skips the calling test where the child cannot be made: no bash for {@code ulimit}, no {@code /proc}. */
    static void assumeAvailable() {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/bin/bash")), "needs bash for ulimit");
        Assumptions.assumeTrue(Files.isDirectory(Path.of("/proc/self/fd")), "a Linux-like system");
    }

    /**
     * Runs {@code main} with {@code args} in a JVM ({@code -Xmx256m}) whose open-file limit is {@code openFileLimit},
     * and waits for it at most {@code wait}.
     *
     * @param dir a scratch directory (jars of the class path, the child's output)
     */
    static Result run(Path dir, int openFileLimit, Duration wait, Class<?> main, List<String> args)
            throws IOException, InterruptedException {
        String classPath = ClassPathJars.of(dir);
        Path out = dir.resolve("child.out");
        Path err = dir.resolve("child.err");
        List<String> command = new ArrayList<>(List.of("/bin/bash", "-c", "ulimit -n " + openFileLimit + " && exec \"$0\" \"$@\"",
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m", "-cp", classPath, main.getName()));
        command.addAll(args);
        Process child = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        boolean finished = child.waitFor(wait.toMillis(), TimeUnit.MILLISECONDS);
        if (!finished) {
            child.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        return new Result(finished, finished ? child.exitValue() : -1, Files.readAllLines(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }
}
