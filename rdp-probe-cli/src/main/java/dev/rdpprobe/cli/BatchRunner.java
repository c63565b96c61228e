package dev.rdpprobe.cli;

import dev.rdpprobe.core.RdpProber;
import dev.rdpprobe.core.Target;
import dev.rdpprobe.core.outcome.ConnectionOutcome;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Probes a list of targets with bounded concurrency and prints each outcome as it finishes (a JSON
 * line or a report), a progress bar on stderr when it is a terminal, and a summary by diagnosis code
 * when there is more than one target. Output is written on the calling thread, never on the
 * prober's event loop.
 */
final class BatchRunner {

    private final PrintWriter out;
    private final PrintWriter err;
    private final boolean json;
    private final boolean colour;
    private final boolean progress;
    private final boolean unicode;
    private final HumanReport report;

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
     * Runs every probe and prints as they finish.
     *
     * @return the exit code: the worst of the outcomes'
     * @throws IllegalStateException if the prober lost a probe (a bug)
     */
    int run(RdpProber prober, List<Target> targets, int concurrency) throws InterruptedException {
        loadOutputBeforeProbing();
        long start = System.nanoTime();
        BlockingQueue<ConnectionOutcome> finished = new LinkedBlockingQueue<>();
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
            bar.clear();
            print(o, received == 1);
            summary.add(o);
            bar.update(received, summary.problems());
        }
        bar.clear();
        try {
            all.join();
        } catch (CompletionException e) {
            throw new IllegalStateException("probing stopped: " + e.getCause(), e.getCause());
        }
        if (received < targets.size()) {
            throw new IllegalStateException((targets.size() - received) + " of " + targets.size() + " probes ended without an outcome");
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

    /**
     * Loads what printing needs before the first socket opens: the time-zone data (tzdb.dat, which Jackson's
     * setup reads) and the JSON writer. Loaded lazily, they would need a file descriptor just when a batch at
     * the open-file limit has none to spare, and an Error would end the run with no result printed.
     */
    private void loadOutputBeforeProbing() {
        java.util.TimeZone.getDefault();
        if (json) {
            try {
                java.lang.invoke.MethodHandles.lookup().ensureInitialized(JsonOutcome.class);
            } catch (IllegalAccessException e) {
                throw new IllegalStateException("cannot set up the JSON writer", e);
            }
        }
    }

    private void print(ConnectionOutcome o, boolean first) {
        if (json) {
            out.println(JsonOutcome.line(o));
        } else {
            if (!first) {
                out.println();
            }
            out.print(report.render(o, colour));
        }
        out.flush();
    }
}
