package dev.rdpprobe.cli;

import dev.rdpprobe.testkit.Scenario;
import dev.rdpprobe.testkit.udp.FakeUdpResponder;
import java.util.Objects;

/**
 * One scenario that {@code rdp-probe fake-server} can serve: the name it is chosen by, one line of
 * what the server does, and how it behaves.
 *
 * @param name the name given to {@code --scenario}
 * @param description one line: what a client meets
 * @param scenario how the fake TCP server behaves
 * @param udp the RDPEUDP responder on the same port, or {@code null} for a closed UDP port
 */
record FakeServerScenario(String name, String description, Scenario scenario, FakeUdpResponder.Builder udp) {

    FakeServerScenario {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(scenario, "scenario");
    }
}
