package dev.rdpprobe.exporter;

import io.prometheus.metrics.expositionformats.ExpositionFormatWriter;
import io.prometheus.metrics.expositionformats.OpenMetricsTextFormatWriter;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Metrics written in the format the scraper asks for in its {@code Accept} header: OpenMetrics 1.0 text when it
 * names {@code application/openmetrics-text} (Prometheus does, first), else the Prometheus text format 0.0.4. The
 * writers are the Prometheus Java client's, which escape label values as each format requires.
 *
 * @param contentType the {@code Content-Type} of the body
 * @param body the metrics, encoded
 */
record Exposition(String contentType, byte[] body) {

    private static final ExpositionFormatWriter OPEN_METRICS = OpenMetricsTextFormatWriter.create();
    private static final ExpositionFormatWriter TEXT = PrometheusTextFormatWriter.create();

    /** The metrics, in the format {@code accept} prefers. */
    static Exposition of(MetricSnapshots metrics, String accept) {
        ExpositionFormatWriter writer = accept != null && OPEN_METRICS.accepts(accept) ? OPEN_METRICS : TEXT;
        ByteArrayOutputStream out = new ByteArrayOutputStream(4096);
        try {
            writer.write(out, metrics);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a ByteArrayOutputStream does not fail
        }
        return new Exposition(writer.getContentType(), out.toByteArray());
    }
}
