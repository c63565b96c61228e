package dev.rdpprobe.bench.fleet;

import dev.rdpprobe.core.target.Target;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The fleet of fake hosts ({@link FleetServerMain}) in a JVM of its own, started as a child process and
 * stopped by its PID: asked to quit on its input first, then terminated, then killed.
 */
final class FleetProcess implements AutoCloseable {

    private final Process process;
    private final PrintWriter input;
    private final List<Target> targets;

    private FleetProcess(Process process, PrintWriter input, List<Target> targets) {
        this.process = process;
        this.input = input;
        this.targets = List.copyOf(targets);
    }

    /**
     * Starts {@code hosts} fake hosts on 127.0.0.1 … 127.0.0.{@code hosts} at {@code port} (0: ephemeral)
     * and waits until every one listens.
     *
     * @throws IOException if the fleet could not start (a port taken, say), with its own words
     */
    static FleetProcess start(int hosts, int port) throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        Process p = new ProcessBuilder(java, "-Xms256m", "-Xmx1g", "-Dio.netty.leakDetection.level=disabled",
                "-cp", System.getProperty("java.class.path"), FleetServerMain.class.getName(),
                Integer.toString(hosts), Integer.toString(port))
                .redirectErrorStream(true)
                .start();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        List<Target> targets = new ArrayList<>();
        StringBuilder said = new StringBuilder();
        String line;
        while ((line = out.readLine()) != null && !line.startsWith("READY")) {
            String[] f = line.split(" ");
            if (f[0].equals("HOST") && f.length == 3) {
                targets.add(Target.of(f[1], Integer.parseInt(f[2])));
            } else {
                said.append(line).append('\n');
            }
        }
        if (line == null || targets.size() != hosts) {
            p.destroyForcibly();
            throw new IOException("the fleet of " + hosts + " fake hosts on port " + port + " did not start"
                    + (port == 3389 ? " (is something, such as xrdp, listening on port 3389?)" : "") + ":\n" + said);
        }
        // Keep draining its output so that it can never block on a full pipe.
        Thread drain = new Thread(() -> {
            try {
                while (out.readLine() != null) {
                    // nothing to keep
                }
            } catch (IOException e) {
                // the fleet ended
            }
        }, "fleet-output");
        drain.setDaemon(true);
        drain.start();
        return new FleetProcess(p, new PrintWriter(p.getOutputStream(), true, StandardCharsets.UTF_8), targets);
    }

    /** The hosts, in address order. */
    List<Target> targets() {
        return targets;
    }

    /** The fleet's process id. */
    long pid() {
        return process.pid();
    }

    @Override
    public void close() throws InterruptedException {
        input.println("quit");
        input.close();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            ProcessHandle.of(process.pid()).ifPresent(ProcessHandle::destroy);
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                ProcessHandle.of(process.pid()).ifPresent(ProcessHandle::destroyForcibly);
                process.waitFor();
            }
        }
    }
}
