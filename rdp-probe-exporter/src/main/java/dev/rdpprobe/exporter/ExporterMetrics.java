package dev.rdpprobe.exporter;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;

/**
 * The exporter's own metrics, answered at {@code /metrics}: probes run by module and result, requests refused by
 * reason, probes in flight, probe durations, the last configuration reload, and the JVM's metrics (memory, GC,
 * threads, …, from the Prometheus client's JVM instrumentation). Each exporter has its own registry, so that two in
 * one JVM (or tests) do not mix their counts.
 */
final class ExporterMetrics {

    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final Counter probes = Counter.builder().name("rdp_probe_exporter_probes_total")
            .help("Probes run, by module and result (success: every phase passed; failure: one failed or timed out)")
            .labelNames("module", "result").register(registry);
    private final Counter refused = Counter.builder().name("rdp_probe_exporter_requests_refused_total")
            .help("/probe requests answered without a probe, by reason (bad_request, unknown_module, not_allowed, saturated)")
            .labelNames("reason").register(registry);
    private final Gauge inFlight = Gauge.builder().name("rdp_probe_exporter_probes_in_flight")
            .help("Probes running now").register(registry);
    private final Histogram durations = Histogram.builder().name("rdp_probe_exporter_probe_duration_seconds")
            .help("How long probes took, by module").labelNames("module").classicOnly()
            .classicUpperBounds(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30).register(registry);
    private final Gauge reloadSuccessful = Gauge.builder().name("rdp_probe_exporter_config_last_reload_successful")
            .help("Whether the last configuration reload succeeded (1) or was refused and the old configuration kept (0)")
            .register(registry);
    private final Gauge reloadTime = Gauge.builder().name("rdp_probe_exporter_config_last_reload_success_timestamp_seconds")
            .help("When the configuration was last loaded successfully, in Unix seconds").register(registry);

    ExporterMetrics() {
        JvmMetrics.builder().register(registry);
        reloadSuccessful.set(1);
        reloadTime.set(System.currentTimeMillis() / 1000.0);
    }

    void probeStarted() {
        inFlight.inc();
    }

    void probeEnded(String module, boolean success, double seconds) {
        inFlight.dec();
        probes.labelValues(module, success ? "success" : "failure").inc();
        durations.labelValues(module).observe(seconds);
    }

    void refused(String reason) {
        refused.labelValues(reason).inc();
    }

    void reloaded(boolean successful) {
        reloadSuccessful.set(successful ? 1 : 0);
        if (successful) {
            reloadTime.set(System.currentTimeMillis() / 1000.0);
        }
    }

    MetricSnapshots scrape() {
        return registry.scrape();
    }
}
