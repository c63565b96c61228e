package dev.rdpprobe.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * How a long-running command ({@code serve}, {@code fake-server}) learns that it must stop: SIGINT or SIGTERM (a
 * shutdown hook, which then waits up to {@value #SHUTDOWN_WAIT_SECONDS} s for the command to finish its own closing),
 * or, when asked, the end of stdin (for scripts and tests that hold a pipe to it). Closing it says the command has
 * finished and removes the hook.
 */
final class StopSignal implements AutoCloseable {

    /** The most the shutdown hook waits for the command to close what it runs. */
    static final long SHUTDOWN_WAIT_SECONDS = 5;

    private final CountDownLatch stop = new CountDownLatch(1);
    private final CountDownLatch finished = new CountDownLatch(1);
    private final Thread hook;

    private StopSignal(String name) {
        hook = new Thread(() -> {
            stop.countDown();
            try {
                finished.await(SHUTDOWN_WAIT_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, name + "-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /**
     * Installs the hook and, with {@code stdin}, a daemon thread that reads it to its end (or a read error).
     *
     * @param name the command's thread-name prefix ({@code rdp-probe-serve})
     * @param stdin the stream whose end also stops the command, or {@code null}
     */
    static StopSignal install(String name, InputStream stdin) {
        StopSignal signal = new StopSignal(name);
        if (stdin != null) {
            Thread t = new Thread(() -> {
                byte[] buffer = new byte[4096];
                try {
                    while (stdin.read(buffer) >= 0) {
                        // what is written to stdin means nothing; only its end does
                    }
                } catch (IOException e) {
                    // a broken stdin ends it as well
                } finally {
                    signal.stop.countDown();
                }
            }, name + "-stdin");
            t.setDaemon(true);
            t.start();
        }
        return signal;
    }

    /** Waits until the command must stop. */
    void await() throws InterruptedException {
        stop.await();
    }

    /** Whether the command must stop. */
    boolean stopped() {
        return stop.getCount() == 0;
    }

    /** The command has finished: a running hook may let the JVM end; otherwise the hook is removed. */
    @Override
    public void close() {
        finished.countDown();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running: it is what stopped the command
        }
    }
}
