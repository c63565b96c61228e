package dev.rdpprobe.bench.loopback;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Keeps exactly {@code inFlight} operations of a {@link Workload} outstanding: each completion starts the
 * next one (on the client's thread that completed it, so issuing is part of the client's cost, for the
 * probe and the baseline alike). One run = ramp-up, then one measurement window, then a drain until
 * nothing is in flight, so consecutive runs of different workloads do not overlap. Operations completed
 * in the window count whole, wherever they started.
 */
final class ClosedLoop {

    private static final long CAP_NANOS = 60_000_000_000L;

    private ClosedLoop() {
    }

    /**
     * @param workload what to run
     * @param inFlight operations kept outstanding
     * @param rampMillis time before the window opens (chains start, connections churn)
     * @param windowMillis the measurement window (at least)
     * @param fullTurnover whether the ramp-up and the window each last until {@code inFlight} operations have
     *     completed (at most a minute each), so that the window sees the steady state
     * @return the window's measurement
     */
    static Measurement run(Workload workload, int inFlight, long rampMillis, long windowMillis, boolean fullTurnover)
            throws InterruptedException {
        AtomicLong completed = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        AtomicReference<String> negotiated = new AtomicReference<>();
        AtomicReference<Throwable> firstFailure = new AtomicReference<>();
        CountDownLatch drained = new CountDownLatch(inFlight);
        Chain chain = new Chain(workload, completed, failed, negotiated, firstFailure, drained);
        for (int i = 0; i < inFlight; i++) {
            chain.next();
        }
        long rampStart = System.nanoTime();
        Thread.sleep(rampMillis);
        // steady state needs every initial operation turned over at least once (TLS at 512 in flight takes seconds)
        while (fullTurnover && completed.get() + failed.get() < inFlight && System.nanoTime() - rampStart < CAP_NANOS) {
            Thread.sleep(20);
        }
        long ops0 = completed.get();
        long fail0 = failed.get();
        ThreadUsage u0 = ThreadUsage.of(workload.clientThreadPrefixes());
        long t0 = System.nanoTime();
        Thread.sleep(windowMillis);
        // and the window at least one turnover long, so that it is not one burst of completions
        while (fullTurnover && completed.get() + failed.get() - ops0 - fail0 < inFlight && System.nanoTime() - t0 < CAP_NANOS) {
            Thread.sleep(20);
        }
        long ops1 = completed.get();
        long fail1 = failed.get();
        ThreadUsage u1 = ThreadUsage.of(workload.clientThreadPrefixes());
        long t1 = System.nanoTime();
        chain.stop = true;
        if (!drained.await(120, TimeUnit.SECONDS)) {
            throw new IllegalStateException(workload.name() + ": operations still in flight 120 s after the window closed");
        }
        ThreadUsage used = u1.minus(u0);
        String what = negotiated.get();
        Throwable failure = firstFailure.get();
        if (fail1 - fail0 > 0 && failure != null) {
            what = "FAILED: " + failure.getMessage();
        }
        return new Measurement(ops1 - ops0, fail1 - fail0, (t1 - t0) / 1e9, used.cpuNanos(), used.allocatedBytes(), what);
    }

    /** Starts operations until told to stop, then counts itself out. */
    private static final class Chain {
        final Workload workload;
        final AtomicLong completed;
        final AtomicLong failed;
        final AtomicReference<String> negotiated;
        final AtomicReference<Throwable> firstFailure;
        final CountDownLatch drained;
        volatile boolean stop;

        Chain(Workload workload, AtomicLong completed, AtomicLong failed, AtomicReference<String> negotiated,
                AtomicReference<Throwable> firstFailure, CountDownLatch drained) {
            this.workload = workload;
            this.completed = completed;
            this.failed = failed;
            this.negotiated = negotiated;
            this.firstFailure = firstFailure;
            this.drained = drained;
        }

        void next() {
            CompletableFuture<String> op;
            try {
                op = workload.start();
            } catch (RuntimeException e) {
                failed.incrementAndGet();
                firstFailure.compareAndSet(null, e);
                drained.countDown();
                return;
            }
            op.whenComplete((what, error) -> {
                if (error == null) {
                    completed.incrementAndGet();
                    negotiated.lazySet(what);
                } else {
                    failed.incrementAndGet();
                    firstFailure.compareAndSet(null, error);
                }
                if (stop) {
                    drained.countDown();
                } else {
                    next();
                }
            });
        }
    }
}
