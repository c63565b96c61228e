package dev.rdpprobe.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rdpprobe.core.outcome.SecurityProtocol;
import java.net.Socket;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.RepeatedTest;

/**
 * A connection still open when the server closes is ended and can be taken right after
 * {@link FakeRdpServer#close} returns (the event loop's shutdown alone closed such connections without
 * always running the listener that records their end: 19 runs of 30 lost the record). Repeated,
 * since the loss depended on thread scheduling.
 */
class CloseRecordsOpenConnectionsTest {

    /** A Connection Request asking for TLS. */
    private static final byte[] CONNECTION_REQUEST = {3, 0, 0, 19, 14, (byte) 0xE0, 0, 0, 0, 0, 0, 1, 0, 8, 0, 1, 0, 0, 0};

    @RepeatedTest(30)
    void aConnectionOpenAtCloseIsTakenAsEndedOnceCloseReturns() throws Exception {
        FakeRdpServer server = FakeRdpServer.start(Scenario.named("tls-only"));
        try (Socket open = new Socket(server.address().getAddress(), server.port())) {
            open.getOutputStream().write(CONNECTION_REQUEST);
            assertThat(open.getInputStream().read()).as("first byte of the Connection Confirm").isEqualTo(3);
            server.close();
            Optional<RecordedConnection> taken = server.takeConnection(Duration.ZERO);
            assertThat(taken).isPresent();
            assertThat(taken.get().ended()).isTrue();
            assertThat(taken.get().requestedProtocols()).containsExactly(SecurityProtocol.SSL);
        }
    }
}
