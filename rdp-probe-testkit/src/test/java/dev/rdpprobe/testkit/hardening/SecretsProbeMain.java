package dev.rdpprobe.testkit.hardening;

import dev.rdpprobe.core.RdpProber;
import dev.rdpprobe.core.outcome.ConnectionOutcome;
import dev.rdpprobe.core.internal.pdu.credssp.CredSspMessages;
import dev.rdpprobe.testkit.CredSspStep;
import dev.rdpprobe.testkit.FakeRdpServer;
import dev.rdpprobe.testkit.Scenario;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Run by {@link SecretsTest} in a fresh JVM whose SLF4J (slf4j-simple) logs everything at DEBUG to stdout:
 * probes fake NLA servers (raw and SPNEGO-wrapped CHALLENGE) and logs each outcome at DEBUG, as a user's
 * application might. The secrets of each exchange (the server challenge, the client nonce the probe sent)
 * go to the file named by the first argument, never to stdout or stderr.
 */
public final class SecretsProbeMain {

    private static final Logger LOG = LoggerFactory.getLogger(SecretsProbeMain.class);

    private SecretsProbeMain() {
    }

    public static void main(String[] args) throws Exception {
        Path secrets = Path.of(args[0]);
        StringBuilder secretLines = new StringBuilder();
        try (RdpProber prober = RdpProber.builder().udp(false).phaseTimeout(Duration.ofSeconds(5)).build()) {
            for (boolean spnego : new boolean[] {false, true}) {
                CredSspStep step = SecretsTest.challengeStep(spnego);
                try (FakeRdpServer server = FakeRdpServer.start(Scenario.healthy().withCredSsp(step))) {
                    ConnectionOutcome outcome = prober.probe(server.target()).join();
                    LOG.debug("probe finished: {}", outcome);
                    LOG.info("diagnosis: {}", outcome.diagnosis());
                    System.out.println("OUTCOME " + outcome.verdict() + " " + outcome);
                    byte[] request = server.awaitConnections(1, Duration.ofSeconds(5)).get(0).tsRequest().orElseThrow();
                    byte[] nonce = CredSspMessages.readClientRequest(Unpooled.wrappedBuffer(request)).request().clientNonce();
                    secretLines.append(HexFormat.of().formatHex(nonce)).append('\n');
                }
            }
        }
        secretLines.append(HexFormat.of().formatHex(SecretsTest.SERVER_CHALLENGE)).append('\n');
        Files.writeString(secrets, secretLines, StandardCharsets.US_ASCII);
    }
}
