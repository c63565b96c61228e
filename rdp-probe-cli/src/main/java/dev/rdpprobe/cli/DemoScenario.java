package dev.rdpprobe.cli;

import dev.rdpprobe.core.RdpProber;
import dev.rdpprobe.testkit.Scenario;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * One entry of {@code rdp-probe demo}: a title, how the fake server behaves, and how the probe's
 * options differ from the demo's base options.
 *
 * @param title one line that says what the reader is about to see
 * @param scenario how the {@code FakeRdpServer} behaves, or {@code null} for "nothing listens on the port"
 * @param tweak changes to the demo's base prober options (for example a shorter timeout)
 */
public record DemoScenario(String title, Scenario scenario, UnaryOperator<RdpProber.Builder> tweak) {

    public DemoScenario {
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(tweak, "tweak");
    }

    /** An entry with the base options. */
    public static DemoScenario of(String title, Scenario scenario) {
        return new DemoScenario(title, scenario, UnaryOperator.identity());
    }

    /** Whether this entry probes a port where nothing listens. */
    public boolean nothingListens() {
        return scenario == null;
    }
}
