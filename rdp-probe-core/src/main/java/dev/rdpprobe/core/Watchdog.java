package dev.rdpprobe.core;

import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The last line of the guarantee that every probe's future completes: one daemon thread per prober (started with
 * its first probe, stopped by {@link #close()}), apart from every event loop, that runs a probe's rescue
 * {@link #GRACE} after its deadline unless the probe completed first (then the task is cancelled and dropped). It
 * catches what the runs' own guards and backstops cannot: an event loop that is stuck, or a future that a bug
 * never completes.
 */
final class Watchdog implements AutoCloseable {

    /**
     * How long after a probe's deadline its outcome is rescued. Longer than the runs' own backstops
     * ({@link ProbeRun#BACKSTOP_GRACE}), which end a lost run on its event loop with the phase it was in.
     */
    static final Duration GRACE = Duration.ofSeconds(1);

    private final ScheduledThreadPoolExecutor timer;

    Watchdog() {
        timer = new ScheduledThreadPoolExecutor(1, task -> {
            // not named "rdp-probe-…" like the event loops: it waits by design, where they must never block
            Thread t = new Thread(task, "rdpprobe-watchdog");
            t.setDaemon(true);
            return t;
        });
        timer.setRemoveOnCancelPolicy(true);
    }

    /**
     * Runs {@code rescue} at {@code deadlineNanos} (on the {@link System#nanoTime()} scale) plus {@code grace}
     * ({@link #GRACE} but in tests). The rescue must be quick and must not throw; cancel the returned future
     * when the probe completes.
     *
     * @throws java.util.concurrent.RejectedExecutionException once closed
     */
    ScheduledFuture<?> at(long deadlineNanos, Duration grace, Runnable rescue) {
        long delay = Math.max(0, deadlineNanos + grace.toNanos() - System.nanoTime());
        return timer.schedule(rescue, delay, TimeUnit.NANOSECONDS);
    }

    /** Drops every pending rescue and ends the thread. */
    @Override
    public void close() {
        timer.shutdownNow();
    }
}
