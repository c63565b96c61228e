package dev.rdpprobe.core.netty;

import io.netty.channel.EventLoop;
import java.util.Arrays;
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
 * Samples are kept as the largest lag per {@link #BUCKET_NANOS} bucket, {@link #BUCKETS} buckets back
 * (about 100 s), enough for any phase window; a longer window is answered from what is kept.
 *
 * <p>Confined to its event loop: every method must be called on it.
 */
final class LoopLagMonitor {

    /** How often the sampler asks to run. */
    static final long PERIOD_NANOS = TimeUnit.MILLISECONDS.toNanos(10);
    private static final long BUCKET_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    private static final int BUCKETS = 1024;

    private final EventLoop loop;
    private final long[] bucketOf = new long[BUCKETS];
    private final long[] maxLag = new long[BUCKETS];
    private long watchUntil = Long.MIN_VALUE;
    private boolean ticking;
    private long expectedAt;

    LoopLagMonitor(EventLoop loop) {
        this.loop = loop;
        Arrays.fill(bucketOf, Long.MIN_VALUE);
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

    /** Records that work due at {@code observedAt - lateNanos} ran at {@code observedAt}. */
    void record(long observedAt, long lateNanos) {
        if (lateNanos <= 0) {
            return;
        }
        long bucket = Math.floorDiv(observedAt, BUCKET_NANOS);
        int slot = (int) Math.floorMod(bucket, (long) BUCKETS);
        if (bucketOf[slot] != bucket) {
            bucketOf[slot] = bucket;
            maxLag[slot] = 0;
        }
        maxLag[slot] = Math.max(maxLag[slot], lateNanos);
    }

    /** The largest lag observed between {@code fromNanos} and {@code toNanos} (0 if none). */
    long maxLag(long fromNanos, long toNanos) {
        long first = Math.floorDiv(fromNanos, BUCKET_NANOS);
        long last = Math.floorDiv(toNanos, BUCKET_NANOS);
        first = Math.max(first, last - BUCKETS + 1);
        long max = 0;
        for (long bucket = first; bucket <= last; bucket++) {
            int slot = (int) Math.floorMod(bucket, (long) BUCKETS);
            if (bucketOf[slot] == bucket) {
                max = Math.max(max, maxLag[slot]);
            }
        }
        return max;
    }
}
