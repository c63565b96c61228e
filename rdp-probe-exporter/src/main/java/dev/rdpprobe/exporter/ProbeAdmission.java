package dev.rdpprobe.exporter;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The bound on probes at once: at most {@code limit} run; a request beyond it waits, first come first served, until
 * a slot frees or its wait ends, and then is refused (503). At most {@link #waitingLimit()} wait at once — beyond that
 * a request is refused at once — so that nothing piles up, whatever the scrapers do. Nothing blocks: a slot is a
 * future.
 */
final class ProbeAdmission {

    /** Why a request got no slot. */
    static final class Refused extends Exception {
        private static final long serialVersionUID = 1L;

        Refused(String message) {
            super(message, null, false, false);
        }
    }

    /** A slot: {@link #release()} it once the probe is done (again is harmless). */
    final class Slot {
        private boolean released;

        /** Frees the slot for the next waiting request. */
        void release() {
            synchronized (ProbeAdmission.this) {
                if (released) {
                    return;
                }
                released = true;
            }
            handOn();
        }
    }

    private final int limit;
    private final ScheduledExecutorService timer;
    private final ArrayDeque<CompletableFuture<Slot>> waiting = new ArrayDeque<>();
    private int running;

    /**
     * @param limit the most probes at once
     * @param timer where the ends of waits are scheduled
     */
    ProbeAdmission(int limit, ScheduledExecutorService timer) {
        this.limit = limit;
        this.timer = timer;
    }

    /** The most requests that wait at once: four times the limit. */
    int waitingLimit() {
        return limit * 4;
    }

    /** How many probes run now. */
    synchronized int running() {
        return running;
    }

    /**
     * A slot, now or once one frees within {@code wait}; else the future fails with {@link Refused}.
     */
    CompletableFuture<Slot> acquire(Duration wait) {
        CompletableFuture<Slot> slot = new CompletableFuture<>();
        synchronized (this) {
            if (running < limit) {
                running++;
                slot.complete(new Slot());
                return slot;
            }
            if (waiting.size() >= waitingLimit() || wait.isZero() || wait.isNegative()) {
                slot.completeExceptionally(new Refused(running + " probes are running, the configured concurrency, and "
                        + waiting.size() + " requests wait already; try later or raise concurrency"));
                return slot;
            }
            waiting.add(slot);
        }
        ScheduledFuture<?> end = timer.schedule(() -> {
            boolean removed;
            synchronized (this) {
                removed = waiting.remove(slot);
            }
            if (removed) {
                slot.completeExceptionally(new Refused("no probe slot freed within " + ConfigDurations.text(wait) + " ("
                        + limit + " probes running, the configured concurrency); try later or raise concurrency or max_wait"));
            }
        }, wait.toNanos(), TimeUnit.NANOSECONDS);
        slot.whenComplete((s, e) -> end.cancel(false));
        return slot;
    }

    /** A slot was released: it goes to the first request still waiting, or is freed. */
    private void handOn() {
        while (true) {
            CompletableFuture<Slot> next;
            synchronized (this) {
                next = waiting.poll();
                if (next == null) {
                    running--;
                    return;
                }
            }
            if (next.complete(new Slot())) {
                return;
            }
            // that request gave up meanwhile (its connection closed): hand the slot on to the next
        }
    }
}
