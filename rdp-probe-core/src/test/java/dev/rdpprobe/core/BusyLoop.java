package dev.rdpprobe.core;

/**
 * The deliberate overload of the tests that prove the prober copes with a loop that is not its own to
 * schedule: work that occupies the calling thread (an event loop, in those tests) for a given time,
 * as a CPU-bound task of another probe would. It is the load under test, not a wait for an event.
 */
public final class BusyLoop {

    private BusyLoop() {
    }

    /** Keeps the calling thread busy for {@code millis} milliseconds. */
    public static void occupy(long millis) {
        long end = System.nanoTime() + millis * 1_000_000L;
        while (System.nanoTime() < end) {
            Thread.onSpinWait();
        }
    }
}
