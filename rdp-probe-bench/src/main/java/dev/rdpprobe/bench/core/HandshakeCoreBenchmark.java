package dev.rdpprobe.bench.core;

import dev.rdpprobe.core.internal.sequence.SequenceResult;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The handshake core: one whole probe's worth of the sans-I/O state machine per operation, from start to
 * the outcome of the CREDSSP phase ({@link RecordedTranscript}). Target: at most 2 µs and 4 KB allocated
 * per probe, for a probe without a listener (the common case: {@code RdpProber.probe} with no {@code ProbeListener});
 * with a listener the reports cost more, shown beside it.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class HandshakeCoreBenchmark {

    private RecordedTranscript transcript;
    private long clock;

    /** Builds and checks the transcript. */
    @Setup
    public void setUp() {
        transcript = new RecordedTranscript();
        transcript.verify();
        clock = 1_000_000_000L;
    }

    /** One probe, as one without a listener runs: CR → CC (HYBRID) → TLS established → TSRequest CHALLENGE → Finish. */
    @Benchmark
    public SequenceResult replayHealthyNlaProbe() {
        clock += 10_000_000L;
        return transcript.replay(clock);
    }

    /** The same probe with a listener: the sequence also makes a report per phase start, phase end and fact. */
    @Benchmark
    public SequenceResult replayHealthyNlaProbeWithListener() {
        clock += 10_000_000L;
        return transcript.replay(clock, true);
    }
}
