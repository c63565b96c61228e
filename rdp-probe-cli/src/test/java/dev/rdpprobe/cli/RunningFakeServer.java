package dev.rdpprobe.cli;

import java.io.IOException;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine;

/**
 * {@code rdp-probe fake-server --until-stdin-closes} running in-process on its own thread: each stdout
 * line can be taken as it is printed, and closing the pipe to its stdin stops it.
 */
final class RunningFakeServer implements AutoCloseable {

    /** A bound on every wait, so that a broken command fails the test instead of hanging it. */
    private static final long WAIT_SECONDS = 20;

    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final StringWriter err = new StringWriter();
    private final PipedOutputStream stdin = new PipedOutputStream();
    private final Thread thread;
    private volatile Integer exitCode;

    private RunningFakeServer(String... args) throws IOException {
        CommandLine cmd = RdpProbeCommand.commandLine(CliContext.plain(new PipedInputStream(stdin)));
        cmd.setOut(new PrintWriter(new LineWriter(lines), true));
        cmd.setErr(new PrintWriter(err, true));
        thread = new Thread(() -> exitCode = cmd.execute(args), "fake-server-under-test");
        thread.start();
    }

    static RunningFakeServer start(String... args) throws IOException {
        String[] all = new String[args.length + 2];
        all[0] = "fake-server";
        all[1] = "--until-stdin-closes";
        System.arraycopy(args, 0, all, 2, args.length);
        return new RunningFakeServer(all);
    }

    /** Any subcommand that runs until its stdin closes (its arguments include {@code --until-stdin-closes}). */
    static RunningFakeServer command(String... args) throws IOException {
        return new RunningFakeServer(args);
    }

    /** The next stdout line. */
    String nextLine() throws InterruptedException {
        String line = lines.poll(WAIT_SECONDS, TimeUnit.SECONDS);
        if (line == null) {
            throw new AssertionError("no stdout line from fake-server; stderr: " + err);
        }
        return line;
    }

    /** Closes stdin and waits for the command to return; answers its exit code. */
    int stop() throws IOException, InterruptedException {
        stdin.close();
        thread.join(TimeUnit.SECONDS.toMillis(WAIT_SECONDS));
        if (thread.isAlive()) {
            throw new AssertionError("fake-server did not return after stdin closed");
        }
        return exitCode;
    }

    /** The lines printed and not taken yet. */
    java.util.List<String> remainingLines() {
        java.util.List<String> rest = new java.util.ArrayList<>();
        lines.drainTo(rest);
        return rest;
    }

    String err() {
        return err.toString();
    }

    @Override
    public void close() throws IOException, InterruptedException {
        if (thread.isAlive()) {
            stop();
        }
    }

    /** Hands each complete line to a queue. */
    private static final class LineWriter extends Writer {
        private final BlockingQueue<String> lines;
        private final StringBuilder line = new StringBuilder();

        LineWriter(BlockingQueue<String> lines) {
            this.lines = lines;
        }

        @Override
        public synchronized void write(char[] cbuf, int off, int len) {
            for (int i = off; i < off + len; i++) {
                char c = cbuf[i];
                if (c == '\n') {
                    lines.add(line.toString());
                    line.setLength(0);
                } else if (c != '\r') {
                    line.append(c);
                }
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }
}
