package dev.rdpprobe.cli;

import dev.rdpprobe.json.OutcomeJson;
import dev.rdpprobe.core.RdpProber;
import dev.rdpprobe.core.target.Target;
import dev.rdpprobe.core.outcome.ConnectionOutcome;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import java.util.function.Consumer;

/**
 * Probes a list of targets with bounded concurrency and prints each outcome as it finishes (a JSON
 * line or a report), a progress bar on stderr when it is a terminal, and a summary by diagnosis code
 * when there is more than one target. Output is written on the calling thread, never on the
 * prober's event loop.
 *
 * <p>One target's internal error is that target's result, never the batch's end: an outcome that
 * cannot be printed (a bug in a writer) is printed as an internal-error line or block, a probe that
 * ends without an outcome (a bug in the prober) too, every other target is still printed, and the
 * exit code is then {@link ExitCodes#INTERNAL}.
 */
final class BatchRunner {

    private final PrintWriter out;
    private final PrintWriter err;
    private final boolean json;
    private final boolean colour;
    private final boolean progress;
    private final boolean unicode;
    private final HumanReport report;
    private BiFunction<ConnectionOutcome, Boolean, String> appendix;

    BatchRunner(PrintWriter out, PrintWriter err, boolean json, boolean colour, boolean progress, boolean unicode) {
        this.out = out;
        this.err = err;
        this.json = json;
        this.colour = colour;
        this.progress = progress;
        this.unicode = unicode;
        this.report = new HumanReport(unicode);
    }

    /**
     * Adds a section after each outcome's report (with {@code --json}, on stderr, so that stdout stays
     * the JSON contract): {@code --rdp-file}'s reading of the outcome.
     *
     * @param section the section of an outcome, given whether to colour it
     * @return this runner
     */
    BatchRunner appendix(BiFunction<ConnectionOutcome, Boolean, String> section) {
        this.appendix = section;
        return this;
    }

    /** What produces the outcomes: {@link RdpProber#probeAll}, or a stand-in in tests. */
    @FunctionalInterface
    interface Prober {
        /** Starts probing; {@code sink} gets each outcome, the future completes when every probe has ended. */
        CompletableFuture<Void> probeAll(List<Target> targets, int concurrency, Consumer<ConnectionOutcome> sink);
    }

    /**
     * Runs every probe and prints as they finish.
     *
     * @return the exit code: the worst of the targets' ({@link ExitCodes#INTERNAL} if rdp-probe failed on any)
     */
    int run(RdpProber prober, List<Target> targets, int concurrency) throws InterruptedException {
        return run((Prober) prober::probeAll, targets, concurrency);
    }

    /** {@link #run(RdpProber, List, int)} with any source of outcomes. */
    int run(Prober prober, List<Target> targets, int concurrency) throws InterruptedException {
        loadOutputBeforeProbing();
        long start = System.nanoTime();
        BlockingQueue<ConnectionOutcome> finished = new LinkedBlockingQueue<>();
        Map<Target, Integer> pending = new HashMap<>();
        targets.forEach(t -> pending.merge(t, 1, Integer::sum));
        CompletableFuture<Void> all = prober.probeAll(targets, concurrency, finished::add);
        BatchSummary summary = new BatchSummary();
        ProgressBar bar = new ProgressBar(err, targets.size(), progress && targets.size() > 1, unicode);
        bar.update(0, 0);
        int received = 0;
        while (received < targets.size()) {
            ConnectionOutcome o = finished.poll(100, TimeUnit.MILLISECONDS);
            if (o == null) {
                if (all.isDone() && finished.isEmpty()) {
                    break;
                }
                continue;
            }
            received++;
            pending.computeIfPresent(o.target(), (t, n) -> n == 1 ? null : n - 1);
            bar.clear();
            summary.add(o, !print(o, received == 1));
            bar.update(received, summary.problems());
        }
        bar.clear();
        if (received < targets.size()) {
            Throwable why = lostCause(all, targets.size() - received, targets.size());
            for (Map.Entry<Target, Integer> lost : pending.entrySet()) {
                for (int i = 0; i < lost.getValue(); i++) {
                    received++;
                    printInternalError(lost.getKey(), null, why, received == 1);
                    summary.addLost();
                }
            }
        }
        if (targets.size() > 1) {
            String text = summary.render(Duration.ofNanos(System.nanoTime() - start));
            PrintWriter to = json ? err : out;
            if (!json) {
                to.println();
            }
            to.print(text);
            to.flush();
        }
        return summary.exitCode();
    }

    /** Why probes ended without an outcome: the batch's own failure if it has one. */
    private static Throwable lostCause(CompletableFuture<Void> all, int lost, int total) {
        try {
            all.join();
        } catch (CompletionException e) {
            return e.getCause() != null ? e.getCause() : e;
        } catch (RuntimeException e) {
            return e;
        }
        return new IllegalStateException(lost + " of " + total + " probes ended without an outcome");
    }

    /**
     * Loads what printing needs before the first socket opens: the time-zone data (tzdb.dat, which Jackson's
     * setup reads) and the JSON writer (by writing one throw-away document, which loads the writer and
     * jackson-core). Loaded lazily, they would need a file descriptor just when a batch at the open-file limit
     * has none to spare, and an Error would end the run with no result printed.
     */
    private void loadOutputBeforeProbing() {
        java.util.TimeZone.getDefault();
        if (json) {
            OutcomeJson.internalError(Target.of("127.0.0.1"), null, new IllegalStateException("loading the JSON writer"));
        }
    }

    /**
     * Prints one outcome; if rendering it fails, prints an internal-error entry for it instead.
     *
     * @return whether the outcome itself was printed
     */
    private boolean print(ConnectionOutcome o, boolean first) {
        String text;
        String section;
        try {
            text = json ? OutcomeJson.toJson(o) : report.render(o, colour);
            section = appendix == null ? null : appendix.apply(o, colour);
        } catch (RuntimeException e) {
            printInternalError(o.target(), o, e, first);
            return false;
        }
        if (json) {
            out.println(ConsoleText.jsonForStdout(text));
        } else {
            if (!first) {
                out.println();
            }
            out.print(text);
        }
        out.flush();
        if (section != null) {
            PrintWriter to = json ? err : out;
            if (!json) {
                to.println();
            }
            to.print(section);
            to.flush();
        }
        return true;
    }

    private void printInternalError(Target target, ConnectionOutcome outcome, Throwable error, boolean first) {
        if (json) {
            out.println(ConsoleText.jsonForStdout(OutcomeJson.internalError(target, outcome, error)));
        } else {
            if (!first) {
                out.println();
            }
            out.print(HumanReport.internalError(target, outcome, error, colour));
        }
        out.flush();
        if (System.getenv("RDP_PROBE_DEBUG") != null) {
            error.printStackTrace(err);
            err.flush();
        }
    }
}
