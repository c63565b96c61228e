package dev.rdpprobe.core;

import io.netty.channel.EventLoop;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * Measures how late one event loop runs its work: a light task that reschedules itself every
 * {@link #PERIOD_NANOS} and records how much later than asked it ran. A loop blocked by a long task,
 * or saturated with I/O (many TLS handshakes at once), runs it late by about the time it could not
 * serve anything else, which is also how late it noticed replies and fired phase timers. The
 * {@link ProbeRun}s on the loop add their own timers' lateness with {@link #record}.
 *
 * <p>It runs only while a probe on the loop has a deadline pending ({@link #watchUntil}) and then stops
 * by itself, so an idle prober does not wake up; closing the prober's event loop group drops it too.
 * Each lag of at least {@link #MIN_SAMPLE_NANOS} is kept as a stall (when it ended, how long it was),
 * the last {@link #SAMPLES} of them; a window query counts only the part of each stall inside the
 * window, so work done just before a phase began is not charged to it.
 *
 * <p>Confined to its event loop: every method must be called on it.
 */
final class LoopLagMonitor {

    /** How often the sampler asks to run. */
    static final long PERIOD_NANOS = TimeUnit.MILLISECONDS.toNanos(10);
    /** Lateness below this is scheduling jitter, not kept. */
    static final long MIN_SAMPLE_NANOS = TimeUnit.MILLISECONDS.toNanos(1);
    static final int SAMPLES = 2048;

    private final EventLoop loop;
    private final long[] stallEnd = new long[SAMPLES];
    private final long[] stallLength = new long[SAMPLES];
    private int next;
    private long watchUntil = Long.MIN_VALUE;
    private boolean ticking;
    private long expectedAt;

    LoopLagMonitor(EventLoop loop) {
        this.loop = loop;
    }

    /** Keeps sampling at least until {@code deadlineNanos} (System.nanoTime clock). */
    void watchUntil(long deadlineNanos) {
        watchUntil = Math.max(watchUntil, deadlineNanos);
        if (!ticking) {
            ticking = true;
            scheduleTick(System.nanoTime());
        }
    }

    private void scheduleTick(long now) {
        expectedAt = now + PERIOD_NANOS;
        try {
            loop.schedule(this::tick, PERIOD_NANOS, TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException shuttingDown) {
            ticking = false;
        }
    }

    private void tick() {
        long now = System.nanoTime();
        record(now, now - expectedAt);
        if (now - watchUntil < 0) {
            scheduleTick(now);
        } else {
            ticking = false;
        }
    }

    /** Records that work due at {@code observedAt - lateNanos} ran only at {@code observedAt}: the loop stalled in between. */
    void record(long observedAt, long lateNanos) {
        if (lateNanos < MIN_SAMPLE_NANOS) {
            return;
        }
        stallEnd[next] = observedAt;
        stallLength[next] = lateNanos;
        next = (next + 1) % SAMPLES;
    }

    /**
     * The longest stall of the loop between {@code fromNanos} and {@code toNanos}, counting only the
     * part of each stall inside the window (0 if none).
     */
    long maxLag(long fromNanos, long toNanos) {
        long max = 0;
        for (int i = 0; i < SAMPLES; i++) {
            long length = stallLength[i];
            long end = stallEnd[i];
            if (length == 0 || end - fromNanos <= 0 || end - toNanos > 0) {
                continue;
            }
            max = Math.max(max, Math.min(length, end - fromNanos));
        }
        return max;
    }
}
