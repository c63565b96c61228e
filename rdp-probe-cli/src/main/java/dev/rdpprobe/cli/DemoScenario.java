package dev.rdpprobe.cli;

import dev.rdpprobe.core.RdpProber;
import dev.rdpprobe.testkit.Scenario;
import dev.rdpprobe.testkit.udp.FakeUdpResponder;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * One entry of {@code rdp-probe demo}: a title, how the fake server behaves, and how the probe's
 * options differ from the demo's base options.
 *
 * @param title one line that says what the reader is about to see
 * @param scenario how the {@code FakeRdpServer} behaves, or {@code null} for "nothing listens on the port"
 * @param tweak changes to the demo's base prober options (for example a shorter timeout)
 * @param udp the fake server's RDPEUDP responder on the same port, or {@code null} for a closed UDP port
 */
public record DemoScenario(String title, Scenario scenario, UnaryOperator<RdpProber.Builder> tweak, FakeUdpResponder.Builder udp) {

    public DemoScenario {
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(tweak, "tweak");
    }

    /** An entry without a UDP responder. */
    public DemoScenario(String title, Scenario scenario, UnaryOperator<RdpProber.Builder> tweak) {
        this(title, scenario, tweak, null);
    }

    /** An entry with the base options. */
    public static DemoScenario of(String title, Scenario scenario) {
        return new DemoScenario(title, scenario, UnaryOperator.identity());
    }

    /** An entry whose probe also runs the UDP transport probe, against this responder behaviour. */
    public static DemoScenario withUdp(String title, Scenario scenario, FakeUdpResponder.Builder udp) {
        return new DemoScenario(title, scenario, b -> b.udp(true), udp);
    }

    /** Whether this entry probes a port where nothing listens. */
    public boolean nothingListens() {
        return scenario == null;
    }
}
