package dev.rdpprobe.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rdpprobe.json.OutcomeJson;
import dev.rdpprobe.testkit.SampleOutcomes;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rdpprobe.core.target.Target;
import dev.rdpprobe.core.outcome.ConnectionOutcome;
import dev.rdpprobe.core.outcome.Failure;
import dev.rdpprobe.core.outcome.Phase;
import dev.rdpprobe.core.outcome.PhaseResult;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * One target's internal error is that target's result: an outcome that a writer fails on, or a
 * probe that ends without an outcome, is printed as an internal error, every other target is still
 * printed, and the batch exits with {@link ExitCodes#INTERNAL}.
 */
class BatchInternalErrorTest {

    static final ObjectMapper MAPPER = new ObjectMapper();

    /** An outcome every writer fails on, as a bug would make one: its failure's message throws. */
    static ConnectionOutcome unprintable() {
        ConnectionOutcome o = SampleOutcomes.withX224(PhaseResult.failed(Phase.X224_NEGOTIATION, SampleOutcomes.ms(0.5),
                SampleOutcomes.ms(1000), new Failure.NotRdp(null, "")));
        return new ConnectionOutcome(Target.of("127.0.0.3"), o.startedAt(), o.total(), o.phases(), o.server(), o.findings(), null);
    }

    private record Run(int exitCode, String out, String err) {
    }

    /** Runs the batch over these targets; the stand-in prober delivers {@code delivered} and then completes with {@code end}. */
    private static Run run(boolean json, List<Target> targets, List<ConnectionOutcome> delivered, Throwable end) throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        BatchRunner runner = new BatchRunner(new PrintWriter(out, true), new PrintWriter(err, true), json, false, false, false);
        int code = runner.run((t, c, sink) -> {
            delivered.forEach(sink);
            return end == null ? CompletableFuture.completedFuture(null) : CompletableFuture.failedFuture(end);
        }, targets, 4);
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void theOutcomeReallyIsUnprintable() {
        assertThatThrownBy(() -> OutcomeJson.toJson(unprintable())).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> HumanReport.ascii().render(unprintable(), false)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void anUnprintableOutcomeBecomesItsTargetsInternalErrorLine() throws Exception {
        ConnectionOutcome bad = unprintable();
        List<ConnectionOutcome> outcomes = List.of(SampleOutcomes.everything(), bad, SampleOutcomes.silent());
        Run run = run(true, outcomes.stream().map(ConnectionOutcome::target).toList(), outcomes, null);

        assertThat(run.exitCode()).isEqualTo(ExitCodes.INTERNAL);
        List<JsonNode> lines = new ArrayList<>();
        for (String line : run.out().lines().toList()) {
            lines.add(MAPPER.readTree(line));
        }
        assertThat(lines).hasSize(3);
        assertThat(lines.get(0).get("internalError").isNull()).isTrue();
        assertThat(lines.get(2).get("internalError").isNull()).isTrue();
        JsonNode error = lines.get(1);
        assertThat(names(error)).containsExactlyElementsOf(names(lines.get(0)));
        assertThat(error.get("target").asText()).isEqualTo("127.0.0.3:3389");
        assertThat(error.get("verdict").asText()).isEqualTo("FAILED");
        assertThat(error.get("failedPhase").asText()).isEqualTo("X224_NEGOTIATION");
        assertThat(error.get("phases").isNull()).as("the part that failed").isTrue();
        assertThat(error.get("server").isObject()).as("the parts that could be written").isTrue();
        assertThat(error.get("internalError").asText()).contains("phases could not be written", "NullPointerException", "bug");
        assertThat(run.err()).contains("Summary: 3 targets").contains("1 INTERNAL ERROR");
    }

    @Test
    void anUnprintableReportBecomesAnInternalErrorBlock() throws Exception {
        ConnectionOutcome bad = unprintable();
        List<ConnectionOutcome> outcomes = List.of(bad, SampleOutcomes.silent());
        Run run = run(false, outcomes.stream().map(ConnectionOutcome::target).toList(), outcomes, null);

        assertThat(run.exitCode()).isEqualTo(ExitCodes.INTERNAL);
        assertThat(run.out()).startsWith("127.0.0.3:3389  INTERNAL ERROR  (verdict FAILED at X224_NEGOTIATION)\n")
                .contains("could not print this target's report: java.lang.NullPointerException")
                .contains(HumanReport.ascii().render(SampleOutcomes.silent(), false))
                .contains("1 INTERNAL ERROR");
    }

    @Test
    void aProbeThatEndsWithoutAnOutcomeIsPrintedAsLost() throws Exception {
        List<Target> targets = List.of(SampleOutcomes.everything().target(), Target.of("127.0.0.9", 3390));
        Run json = run(true, targets, List.of(SampleOutcomes.everything()), new IllegalStateException("event loop died"));
        assertThat(json.exitCode()).isEqualTo(ExitCodes.INTERNAL);
        List<String> lines = json.out().lines().toList();
        assertThat(lines).hasSize(2);
        JsonNode lost = MAPPER.readTree(lines.get(1));
        assertThat(lost.get("target").asText()).isEqualTo("127.0.0.9:3390");
        assertThat(lost.get("verdict").isNull()).isTrue();
        assertThat(lost.get("diagnosis").isNull()).isTrue();
        assertThat(lost.get("internalError").asText()).contains("ended without an outcome", "event loop died");
        assertThat(json.err()).contains("NO_OUTCOME");

        Run human = run(false, targets, List.of(SampleOutcomes.everything()), null);
        assertThat(human.exitCode()).isEqualTo(ExitCodes.INTERNAL);
        assertThat(human.out()).contains("127.0.0.9:3390  INTERNAL ERROR\n").contains("1 of 2 probes ended without");
    }

    private static List<String> names(JsonNode node) {
        List<String> out = new ArrayList<>();
        node.fieldNames().forEachRemaining(out::add);
        return out;
    }
}
