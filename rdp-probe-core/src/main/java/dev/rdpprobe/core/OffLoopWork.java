package dev.rdpprobe.core;

import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The prober's executor for CPU work that must not run on an event loop: TLS handshake computation (key
 * checks, signatures, key exchange) and the inspection of certificate chains. A few daemon threads
 * ({@value #MAX_THREADS} at most) and a bounded queue; a task it cannot take is rejected with a
 * {@link RejectedExecutionException}, which the caller reports as a local error. Threads start on demand,
 * end after {@value #IDLE_SECONDS} s without work, and all end on {@link #close()}.
 *
 * <p>The threads are named {@code rdp-certificate-work-N}, deliberately not {@code rdp-probe-*} like the
 * event loops: an idle worker waits for its queue, which is normal here and never normal on an event loop.
 */
final class OffLoopWork implements Executor {

    /** Threads at most, whatever the event-loop count. */
    static final int MAX_THREADS = 4;

    /** Queued tasks at most; one TLS connection has at most one task queued at a time. */
    static final int QUEUE_CAPACITY = 65_536;

    static final long IDLE_SECONDS = 30;

    private final ThreadPoolExecutor pool;

    /** @param threads worker threads wanted; clamped to 1..{@value #MAX_THREADS} */
    OffLoopWork(int threads) {
        int n = Math.max(1, Math.min(MAX_THREADS, threads));
        this.pool = new ThreadPoolExecutor(n, n, IDLE_SECONDS, TimeUnit.SECONDS, new LinkedBlockingQueue<>(QUEUE_CAPACITY),
                daemonThreads(), new ThreadPoolExecutor.AbortPolicy());
        pool.allowCoreThreadTimeOut(true);
    }

    private static ThreadFactory daemonThreads() {
        AtomicInteger count = new AtomicInteger();
        return task -> {
            Thread t = new Thread(task, "rdp-certificate-work-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    /** @throws RejectedExecutionException when the queue is full or the executor is closed */
    @Override
    public void execute(Runnable task) {
        pool.execute(task);
    }

    /**
     * Stops taking tasks, drops the queued ones and waits (boundedly: the tasks are CPU work of bounded
     * size, which an interrupt cannot cut short) for the running ones to end.
     */
    void close() {
        pool.shutdownNow();
        try {
            pool.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
