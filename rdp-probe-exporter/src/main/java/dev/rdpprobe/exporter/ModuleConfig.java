package dev.rdpprobe.exporter;

import dev.rdpprobe.core.ProbeOptions;
import java.util.Map;
import java.util.Objects;

/**
 * One module of the configuration: how {@code /probe?module=NAME} probes.
 *
 * @param name the module's name
 * @param options the probe options it gives (its {@code timeout} is the options' deadline)
 * @param settings the module's keys and values as written in the file, for {@code &debug=true}
 */
record ModuleConfig(String name, ProbeOptions options, Map<String, String> settings) {

    ModuleConfig {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(options, "options");
        settings = Map.copyOf(settings);
    }
}
