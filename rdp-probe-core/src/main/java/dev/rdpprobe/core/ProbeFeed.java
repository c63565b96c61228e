package dev.rdpprobe.core;

import dev.rdpprobe.core.outcome.ConnectionOutcome;
import dev.rdpprobe.core.target.Target;
import java.util.Iterator;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * One {@link RdpProber#probeAll} batch, driven by completions instead of a thread of its own: the first probes
 * start on the caller's thread, and each completion frees a slot and starts the next probe on the prober's
 * off-loop workers (never on an event loop, since starting a probe may read the resolver configuration), or on
 * the completing thread if they refuse work. One pump at a time walks the targets: a completion that arrives while
 * it runs makes it go round once more.
 */
final class ProbeFeed {

    private final Iterator<Target> targets;
    private final Function<Target, CompletableFuture<ConnectionOutcome>> probe;
    private final Consumer<ConnectionOutcome> sink;
    private final Executor continuation;
    private final CompletableFuture<Void> all = new CompletableFuture<>();
    private final FirstError errors = new FirstError();

    private int free;
    private int inFlight;
    private boolean exhausted;
    private boolean pumping;
    private boolean again;
    private boolean completed;

    /**
     * @param targets iterated on the caller's thread and on the prober's workers, one call at a time
     * @param concurrency probes in flight at most
     */
    ProbeFeed(Iterable<Target> targets, int concurrency, Function<Target, CompletableFuture<ConnectionOutcome>> probe,
            Consumer<ConnectionOutcome> sink, Executor continuation) {
        Iterator<Target> it;
        try {
            it = targets.iterator();
        } catch (Throwable e) {
            errors.add(e);
            it = null;
        }
        this.targets = it;
        this.exhausted = it == null;
        this.free = concurrency;
        this.probe = probe;
        this.sink = sink;
        this.continuation = continuation;
    }

    /** Starts the batch on the caller's thread; the future completes once every outcome is delivered. */
    CompletableFuture<Void> start() {
        pump();
        return all;
    }

    private void pump() {
        synchronized (this) {
            if (pumping) {
                again = true;
                return;
            }
            pumping = true;
        }
        while (true) {
            synchronized (this) {
                if (exhausted || free == 0) {
                    if (again) {
                        again = false;
                        continue;
                    }
                    pumping = false;
                    break;
                }
                free--;
            }
            CompletableFuture<ConnectionOutcome> started = null;
            try {
                if (targets.hasNext()) {
                    started = probe.apply(targets.next()); // a null target throws, and ends the batch
                }
            } catch (Throwable e) {
                errors.add(e);
            }
            synchronized (this) {
                if (started == null) {
                    exhausted = true; // the end of the targets, or a failure that stops the batch
                    free++;
                    continue;
                }
                inFlight++;
            }
            started.whenComplete(this::delivered);
        }
        completeIfDone();
    }

    private void delivered(ConnectionOutcome outcome, Throwable error) {
        try {
            if (outcome != null) {
                sink.accept(outcome);
            } else {
                errors.add(error);
            }
        } catch (Throwable sinkError) {
            errors.add(sinkError);
        }
        synchronized (this) {
            inFlight--;
            free++;
        }
        try {
            continuation.execute(this::pump);
        } catch (RejectedExecutionException e) {
            pump();
        }
    }

    private void completeIfDone() {
        synchronized (this) {
            if (completed || !exhausted || inFlight > 0) {
                return;
            }
            completed = true;
        }
        Throwable first = errors.first();
        if (first != null) {
            all.completeExceptionally(first);
        } else {
            all.complete(null);
        }
    }

    /** The first of several errors, the others suppressed in it; thread-safe. */
    private static final class FirstError {
        private Throwable first;

        synchronized void add(Throwable error) {
            if (first == null) {
                first = error;
            } else if (first != error) {
                first.addSuppressed(error);
            }
        }

        synchronized Throwable first() {
            return first;
        }
    }
}
