package dev.rdpprobe.consumer.it;

import dev.rdpprobe.core.RdpProber;
import dev.rdpprobe.core.outcome.ConnectionOutcome;
import dev.rdpprobe.testkit.FakeRdpServer;
import dev.rdpprobe.testkit.Scenario;

/** On the module path: start a fake server from the testkit, probe it, print the verdict. */
public final class ProbeTheFake {

    private ProbeTheFake() {
    }

    public static void main(String[] args) {
        try (FakeRdpServer server = FakeRdpServer.start(Scenario.healthy());
                RdpProber prober = RdpProber.builder().udp(false).build()) {
            ConnectionOutcome outcome = prober.probe(server.target()).join();
            System.out.println("verdict " + outcome.verdict() + " phases " + outcome.phases().size()
                    + " connections " + server.connections().size());
        }
    }
}
