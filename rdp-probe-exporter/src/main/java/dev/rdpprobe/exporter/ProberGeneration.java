package dev.rdpprobe.exporter;

import dev.rdpprobe.core.RdpProber;
import io.netty.channel.EventLoopGroup;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;

/**
 * What one loaded configuration runs on: a prober per module, all on the exporter's one event loop group (so every
 * module shares the same two probe threads and nothing is started per request), and the bound on probes at once. A
 * reload makes a new generation; the old one is retired and closes its probers once its last probe has ended, so
 * that a reload cancels no probe in flight.
 */
final class ProberGeneration {

    private final ExporterConfig config;
    private final Map<String, RdpProber> probers;
    private final ProbeAdmission admission;
    private int users;
    private boolean retired;
    private boolean closed;

    private ProberGeneration(ExporterConfig config, Map<String, RdpProber> probers, ProbeAdmission admission) {
        this.config = config;
        this.probers = probers;
        this.admission = admission;
    }

    /**
     * Builds the probers of a configuration.
     *
     * @throws ConfigException when a module's options cannot make a prober (its TLS engine is missing)
     */
    static ProberGeneration start(ExporterConfig config, EventLoopGroup group, ScheduledExecutorService timer) throws ConfigException {
        Map<String, RdpProber> probers = new LinkedHashMap<>();
        try {
            for (ModuleConfig module : config.modules().values()) {
                try {
                    probers.put(module.name(), RdpProber.builder().options(module.options()).eventLoopGroup(group)
                            .listenerFactory(ProbeLog.FACTORY).build());
                } catch (IllegalArgumentException e) {
                    throw new ConfigException(config.source(), 0, "modules." + module.name(), e.getMessage());
                }
            }
        } catch (ConfigException e) {
            probers.values().forEach(RdpProber::close);
            throw e;
        }
        return new ProberGeneration(config, Map.copyOf(probers), new ProbeAdmission(config.concurrency(), timer));
    }

    ExporterConfig config() {
        return config;
    }

    ProbeAdmission admission() {
        return admission;
    }

    /** The prober of a module of this generation's configuration. */
    RdpProber prober(String module) {
        return probers.get(module);
    }

    /**
     * Closes the probers and destroys the credentials of the configuration's modules: no probe of this generation
     * runs any more, and a reload reads the credentials file anew.
     */
    private void closeProbers() {
        probers.values().forEach(RdpProber::close);
        for (ModuleConfig module : config.modules().values()) {
            if (module.options().credentials() != null) {
                module.options().credentials().destroy();
            }
        }
    }

    /** Takes a use of this generation, unless it is retired (then {@code false}: take the current one again). */
    synchronized boolean use() {
        if (retired) {
            return false;
        }
        users++;
        return true;
    }

    /** Gives a use back; the last one of a retired generation closes its probers. */
    void release() {
        boolean close;
        synchronized (this) {
            users--;
            close = retired && users == 0 && !closed;
            closed |= close;
        }
        if (close) {
            closeProbers();
        }
    }

    /** No new use: the probers close when the last use ends (now, if none). */
    void retire() {
        boolean close;
        synchronized (this) {
            retired = true;
            close = users == 0 && !closed;
            closed |= close;
        }
        if (close) {
            closeProbers();
        }
    }
}
