/**
 * rdp-probe's Prometheus exporter: {@link dev.rdpprobe.exporter.RdpExporter} answers blackbox-style
 * {@code /probe?target=…&module=…} scrapes with the metrics of one RDP probe, configured by an
 * {@link dev.rdpprobe.exporter.ExporterConfig} read from YAML.
 */
module dev.rdpprobe.exporter {
    requires transitive dev.rdpprobe.core;
    requires dev.rdpprobe.json;
    requires io.netty.codec.http;
    requires io.netty.codec;
    requires io.netty.handler;
    requires io.prometheus.metrics.core;
    requires io.prometheus.metrics.model;
    requires io.prometheus.metrics.config;
    requires io.prometheus.writer.text;
    requires io.prometheus.metrics.instrumentation.jvm;
    requires com.fasterxml.jackson.core;
    requires com.fasterxml.jackson.dataformat.yaml;

    exports dev.rdpprobe.exporter;
}
