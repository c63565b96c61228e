package dev.rdpprobe.exporter;

import dev.rdpprobe.core.RdpProber;
import dev.rdpprobe.core.outcome.ConnectionOutcome;
import dev.rdpprobe.core.outcome.Verdict;
import dev.rdpprobe.core.target.Target;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;

/**
 * {@code GET /probe?target=HOST[:PORT]&module=NAME[&debug=true]}, as blackbox_exporter answers it: the request is
 * checked before anything is sent (one target of valid syntax, a known module, allowed by the allow-list, a
 * readable scrape timeout: else 400 or 403 with the reason), then waits for a probe slot (else 503), probes under
 * the scrape's budget ({@link ScrapeBudget}) less the wait, and answers the probe's metrics (or its debug report).
 * A scraper that hangs up cancels its probe, which frees the probe's sockets and slot at once.
 */
final class ProbeEndpoint {

    /** The least time worth probing with: a request whose budget is spent waiting below this is refused. */
    static final Duration MIN_PROBE_TIME = Duration.ofMillis(10);

    private final RdpExporter exporter;

    ProbeEndpoint(RdpExporter exporter) {
        this.exporter = exporter;
    }

    void handle(ChannelHandlerContext ctx, boolean keepAlive, QueryStringDecoder uri, String scrapeTimeout, String accept) {
        ProberGeneration generation = exporter.useGeneration();
        boolean handedOn = false;
        try {
            ExporterConfig config = generation.config();
            String targetText = single(uri, "target");
            if (targetText == null) {
                refuse(ctx, keepAlive, HttpResponseStatus.BAD_REQUEST, "bad_request", "the target parameter is missing; write /probe?target=HOST[:PORT]&module=NAME");
                return;
            }
            String moduleName = single(uri, "module");
            if (moduleName == null) {
                moduleName = config.modules().keySet().iterator().next();
            }
            ModuleConfig module = config.module(moduleName).orElse(null);
            if (module == null) {
                refuse(ctx, keepAlive, HttpResponseStatus.BAD_REQUEST, "unknown_module", "unknown module \"" + LabelValues.bounded(moduleName)
                        + "\"; the configuration has: " + String.join(", ", config.moduleNames()));
                return;
            }
            String debug = single(uri, "debug");
            Target target;
            Duration budget;
            try {
                target = Target.parse(targetText);
                budget = ScrapeBudget.of(scrapeTimeout, config.timeoutMargin(), module.options().deadline());
                if (debug != null && !debug.equals("true") && !debug.equals("false")) {
                    throw new IllegalArgumentException("debug must be true or false");
                }
            } catch (IllegalArgumentException e) {
                refuse(ctx, keepAlive, HttpResponseStatus.BAD_REQUEST, "bad_request", LabelValues.bounded(e.getMessage()));
                return;
            }
            if (!config.allowList().allows(target)) {
                refuse(ctx, keepAlive, HttpResponseStatus.FORBIDDEN, "not_allowed", "target " + target + " is not in the configuration's allow list");
                return;
            }
            long start = System.nanoTime();
            Duration wait = shorter(config.maxWait(), budget.minus(MIN_PROBE_TIME));
            CompletableFuture<ProbeAdmission.Slot> slot = generation.admission().acquire(wait.isNegative() ? Duration.ZERO : wait);
            ExporterHttpHandler.cancelOnHangUp(ctx, slot);
            String how = scrapeTimeout == null ? "the module's timeout" : "the scrape timeout " + scrapeTimeout.strip() + "s less the margin "
                    + ConfigDurations.text(config.timeoutMargin()) + ", at most the module's timeout " + ConfigDurations.text(module.options().deadline());
            boolean debugging = "true".equals(debug);
            handedOn = true;
            slot.whenComplete((s, e) -> {
                if (s == null) {
                    generation.release();
                    if (!slot.isCancelled()) {
                        refuse(ctx, keepAlive, HttpResponseStatus.SERVICE_UNAVAILABLE, "saturated", e instanceof ProbeAdmission.Refused
                                ? e.getMessage() : "no probe slot: " + e);
                    }
                    return;
                }
                Duration left = budget.minusNanos(System.nanoTime() - start);
                if (!ctx.channel().isActive() || left.compareTo(MIN_PROBE_TIME) < 0) {
                    s.release();
                    generation.release();
                    if (ctx.channel().isActive()) {
                        refuse(ctx, keepAlive, HttpResponseStatus.SERVICE_UNAVAILABLE, "saturated", "the wait for a probe slot used up the scrape's time");
                    }
                    return;
                }
                probe(ctx, keepAlive, generation, s, module, target, left, debugging, how, accept);
            });
        } catch (IllegalArgumentException e) {
            refuse(ctx, keepAlive, HttpResponseStatus.BAD_REQUEST, "bad_request", LabelValues.bounded(e.getMessage()));
        } finally {
            if (!handedOn) {
                generation.release();
            }
        }
    }

    private void probe(ChannelHandlerContext ctx, boolean keepAlive, ProberGeneration generation, ProbeAdmission.Slot slot,
            ModuleConfig module, Target target, Duration deadline, boolean debug, String how, String accept) {
        RdpProber prober = generation.prober(module.name());
        ExporterMetrics metrics = exporter.metrics();
        metrics.probeStarted();
        long started = System.nanoTime();
        CompletableFuture<ConnectionOutcome> probe;
        ProbeLog log = debug ? new ProbeLog() : null;
        try {
            probe = log == null ? prober.probe(target, deadline) : ProbeLog.recordNext(log, () -> prober.probe(target, deadline));
        } catch (RuntimeException e) {
            metrics.probeEnded(module.name(), false, 0);
            slot.release();
            generation.release();
            HttpAnswer.text(ctx, false, HttpResponseStatus.INTERNAL_SERVER_ERROR, "internal error of the exporter: " + e);
            return;
        }
        ExporterHttpHandler.cancelOnHangUp(ctx, probe);
        probe.whenComplete((outcome, error) -> {
            metrics.probeEnded(module.name(), outcome != null && outcome.verdict() == Verdict.OK, (System.nanoTime() - started) / 1e9);
            slot.release();
            generation.release();
            if (outcome == null) {
                if (!probe.isCancelled()) {
                    HttpAnswer.text(ctx, false, HttpResponseStatus.INTERNAL_SERVER_ERROR, "internal error of the prober: " + error);
                }
                return;
            }
            if (log == null) {
                // a few dozen series: written on the connection's HTTP loop, one hop from the prober's loop
                ctx.executor().execute(() -> answer(ctx, keepAlive, outcome, null, module, deadline, how, accept));
                return;
            }
            try {
                exporter.worker().execute(() -> answer(ctx, keepAlive, outcome, log, module, deadline, how, accept));
            } catch (RejectedExecutionException e) {
                HttpAnswer.text(ctx, keepAlive, HttpResponseStatus.SERVICE_UNAVAILABLE, "the exporter is too busy to answer; try later");
            }
        });
    }

    private static void answer(ChannelHandlerContext ctx, boolean keepAlive, ConnectionOutcome outcome, ProbeLog log, ModuleConfig module,
            Duration deadline, String how, String accept) {
        try {
            if (log != null) {
                HttpAnswer.send(ctx, keepAlive, HttpResponseStatus.OK, "text/plain; charset=utf-8",
                        DebugReport.of(outcome, log.lines(), module, deadline, how));
            } else {
                Exposition e = Exposition.of(ProbeMetrics.of(outcome), accept);
                HttpAnswer.send(ctx, keepAlive, HttpResponseStatus.OK, e.contentType(), e.body());
            }
        } catch (RuntimeException e) {
            HttpAnswer.text(ctx, false, HttpResponseStatus.INTERNAL_SERVER_ERROR, "internal error of the exporter: " + e);
        }
    }

    private void refuse(ChannelHandlerContext ctx, boolean keepAlive, HttpResponseStatus status, String reason, String message) {
        exporter.metrics().refused(reason);
        HttpAnswer.text(ctx, keepAlive, status, message);
    }

    /** The one value of a parameter, {@code null} when absent; given twice, the request is refused as ambiguous. */
    private static String single(QueryStringDecoder uri, String name) {
        List<String> values = uri.parameters().get(name);
        if (values == null || values.isEmpty()) {
            return null;
        }
        if (values.size() > 1) {
            throw new IllegalArgumentException("the " + name + " parameter is given " + values.size() + " times; give it once");
        }
        return values.get(0);
    }

    private static Duration shorter(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
