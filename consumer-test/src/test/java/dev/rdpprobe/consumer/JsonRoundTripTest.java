package dev.rdpprobe.consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rdpprobe.core.RdpProber;
import dev.rdpprobe.core.outcome.ConnectionOutcome;
import dev.rdpprobe.json.OutcomeJson;
import dev.rdpprobe.json.OutcomeJsonException;
import dev.rdpprobe.testkit.FakeRdpServer;
import dev.rdpprobe.testkit.Scenario;
import dev.rdpprobe.testkit.TlsStep;
import dev.rdpprobe.testkit.tls.TestCertificates;
import org.junit.jupiter.api.Test;

/** A stored outcome reads back as the same facts, and a broken document is refused with its path. */
class JsonRoundTripTest {

    @Test
    void anOutcomeWrittenAndReadBackIsEqual() throws Exception {
        try (FakeRdpServer server = FakeRdpServer.start(Scenario.healthy().withTls(TlsStep.with(TestCertificates.expired())));
                RdpProber prober = RdpProber.builder().udp(false).build()) {
            ConnectionOutcome outcome = prober.probe(server.target()).join();
            String json = OutcomeJson.toJson(outcome);
            ConnectionOutcome stored = OutcomeJson.read(json);
            // equal at the contract's precision: durations are written in milliseconds to the microsecond
            assertEquals(json, OutcomeJson.toJson(stored));
            assertEquals(outcome.server().negotiation(), stored.server().negotiation());
            assertEquals(outcome.server().tls(), stored.server().tls());
            assertEquals(outcome.findings(), stored.findings());
            assertEquals(outcome.diagnosis(), stored.diagnosis());
            assertTrue(stored.server().tls().flatMap(t -> t.leaf()).orElseThrow().expired());
        }
    }

    @Test
    void aBrokenDocumentIsRefusedWithThePathOfWhatIsWrong() {
        OutcomeJsonException e = assertThrows(OutcomeJsonException.class,
                () -> OutcomeJson.read("{\"schemaVersion\": \"one\"}"));
        assertTrue(e.path().startsWith("$"), e.getMessage());
    }
}
