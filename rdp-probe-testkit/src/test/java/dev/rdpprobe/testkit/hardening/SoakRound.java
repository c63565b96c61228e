package dev.rdpprobe.testkit.hardening;

import dev.rdpprobe.core.target.Target;
import dev.rdpprobe.core.outcome.ConnectionOutcome;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicIntegerArray;

/**
 * One batch of the soak's mix: {@code probes} probes, each of a {@link SoakKind} drawn by weight from a seeded
 * random sequence (so the kinds interleave on the probers they share), at most {@code inFlight} at a time, within a
 * budget. Every outcome is judged by its kind ({@link SoakKind#judge}) and handed to a sink with the probe's index;
 * a probe whose future failed, or had not completed when the budget ran out, or was never started for lack of
 * budget, is a lost outcome.
 */
final class SoakRound {

    /** Receives each outcome; called on whatever thread completed the probe (often an event loop: keep it cheap). */
    interface Sink {
        void accept(int index, SoakKind kind, ConnectionOutcome outcome, SoakKind.Judgement judgement);
    }

    /**
     * What a batch did.
     *
     * @param probes probes asked for
     * @param took from the first probe to the last outcome (or the end of the budget)
     * @param drawn how many probes of each kind were asked for
     * @param diagnoses per kind, the verdicts and diagnosis codes of its outcomes ({@code verdict/code}), counted
     * @param judgements the judgements, counted
     * @param mismatches one line per outcome that was not what its server's behaviour calls for, and per lost outcome
     * @param outcomes outcomes delivered
     * @param lost probes without an outcome
     * @param duplicated probes with more than one outcome
     * @param withinBudget whether every probe was started and completed within the budget
     */
    record Result(int probes, Duration took, Map<SoakKind, Integer> drawn, Map<SoakKind, Map<String, Integer>> diagnoses,
            Map<SoakKind.Judgement, Integer> judgements, List<String> mismatches, int outcomes, int lost, int duplicated,
            boolean withinBudget) {

        double perSecond() {
            return probes / Math.max(1e-9, took.toNanos() / 1e9);
        }
    }

    private SoakRound() {
    }

    /** The kinds of a batch, in order: drawn by weight from {@code seed}. */
    static List<SoakKind> draw(int probes, long seed) {
        List<SoakKind> bag = new ArrayList<>();
        for (SoakKind k : SoakKind.values()) {
            for (int i = 0; i < k.weight; i++) {
                bag.add(k);
            }
        }
        Random random = new Random(seed);
        List<SoakKind> kinds = new ArrayList<>(probes);
        for (int i = 0; i < probes; i++) {
            kinds.add(bag.get(random.nextInt(bag.size())));
        }
        return kinds;
    }

    static Result run(SoakProbers probers, Map<SoakKind, Target> targets, int probes, long seed, int inFlight, Duration budget,
            Sink sink) throws InterruptedException {
        List<SoakKind> kinds = draw(probes, seed);
        Map<SoakKind, Integer> drawn = new EnumMap<>(SoakKind.class);
        kinds.forEach(k -> drawn.merge(k, 1, Integer::sum));
        ConcurrentLinkedQueue<String> mismatches = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<Judged> judged = new ConcurrentLinkedQueue<>();
        AtomicIntegerArray delivered = new AtomicIntegerArray(probes);
        Semaphore slots = new Semaphore(inFlight);
        long start = System.nanoTime();
        long end = start + budget.toNanos();
        boolean withinBudget = true;
        List<CompletableFuture<?>> pending = new ArrayList<>();
        for (int i = 0; i < probes; i++) {
            if (!slots.tryAcquire(Math.max(0, end - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                withinBudget = false;
                break;
            }
            int index = i;
            SoakKind kind = kinds.get(i);
            pending.add(probers.get(kind.prober).probe(targets.get(kind)).whenComplete((o, e) -> {
                slots.release();
                if (e != null) {
                    mismatches.add(kind + " #" + index + ": no outcome, the future failed: " + e);
                    return;
                }
                delivered.incrementAndGet(index);
                try {
                    SoakKind.Judgement judgement = kind.judge(o);
                    judged.add(new Judged(kind, o.verdict() + "/" + o.diagnosis().code(), judgement));
                    if (judgement == SoakKind.Judgement.MISMATCH) {
                        mismatches.add(kind + " #" + index + ": " + o.diagnosis().code() + " " + o.phases() + " " + o.findings());
                    }
                    sink.accept(index, kind, o, judgement);
                } catch (RuntimeException bug) {
                    mismatches.add(kind + " #" + index + ": judging the outcome threw " + bug + "; outcome " + o.phases());
                }
            }));
            pending.removeIf(CompletableFuture::isDone);
        }
        for (CompletableFuture<?> f : pending) {
            try {
                f.get(Math.max(0, end - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (ExecutionException | TimeoutException e) {
                // a failed future is already a mismatch; one not done by the end of the budget is counted below
            }
        }
        withinBudget &= pending.stream().allMatch(CompletableFuture::isDone);
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        Map<SoakKind, Map<String, Integer>> diagnoses = new EnumMap<>(SoakKind.class);
        Map<SoakKind.Judgement, Integer> judgements = new EnumMap<>(SoakKind.Judgement.class);
        for (Judged j : judged) {
            diagnoses.computeIfAbsent(j.kind(), k -> new TreeMap<>()).merge(j.diagnosis(), 1, Integer::sum);
            judgements.merge(j.judgement(), 1, Integer::sum);
        }
        int outcomes = 0;
        int lost = 0;
        int duplicated = 0;
        for (int i = 0; i < probes; i++) {
            int n = delivered.get(i);
            outcomes += n;
            if (n == 0) {
                lost++;
            } else if (n > 1) {
                duplicated++;
            }
        }
        if (lost > 0) {
            mismatches.add(lost + " probes without an outcome at the end of the " + budget.toSeconds() + " s budget");
        }
        return new Result(probes, took, drawn, diagnoses, judgements, List.copyOf(mismatches), outcomes, lost, duplicated, withinBudget);
    }

    private record Judged(SoakKind kind, String diagnosis, SoakKind.Judgement judgement) {
    }
}
