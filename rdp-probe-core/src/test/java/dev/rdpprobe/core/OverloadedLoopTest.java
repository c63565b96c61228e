package dev.rdpprobe.core;

import dev.rdpprobe.core.BusyLoop;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rdpprobe.core.ProbeOptions;
import dev.rdpprobe.core.RdpProber;
import dev.rdpprobe.core.target.Target;
import dev.rdpprobe.core.UdpMode;
import dev.rdpprobe.core.outcome.DiagnosisCode;
import dev.rdpprobe.core.outcome.ConnectionOutcome;
import dev.rdpprobe.core.outcome.Failure;
import dev.rdpprobe.core.outcome.FindingCode;
import dev.rdpprobe.core.outcome.Phase;
import dev.rdpprobe.core.outcome.PhaseStatus;
import dev.rdpprobe.core.outcome.Verdict;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A prober whose only event loop is deliberately overloaded: while probe B waits for its X.224
 * Connection Confirm, probe A's completion callback blocks the loop for twice B's X.224 limit, and
 * B's deadline passes during the block. A completes on reading its own Connection Confirm, so the
 * block happens inside the loop's I/O pass, as a burst of other probes' reads (TLS handshakes) would:
 * when the pass ends, B's due timer runs before the selector is polled again.
 *
 * <ul>
 *   <li>If B's server answered during the block, the reply is waiting in the socket buffer when B's
 *       timer runs: the outcome must be OK (the reply is read first), never X224_SILENT.</li>
 *   <li>If B's server is silent, B times out, but the outcome must say that the prober's loop lagged
 *       (LOCAL_OVERLOAD finding and diagnosis), not blame the server.</li>
 * </ul>
 *
 * The servers are plain loopback sockets, so the test decides when B answers: only once the loop is
 * blocked. No assertion is about elapsed time; B's deadline falling inside the block is checked as a
 * precondition (a machine so loaded that the block starts after B's deadline retries the scenario).
 */
class OverloadedLoopTest {

    static final Duration X224_LIMIT = Duration.ofMillis(400);
    static final long BLOCK_MS = 2 * X224_LIMIT.toMillis();
    static final int ATTEMPTS = 3;
    /** vectors.md B5: a legacy Connection Confirm (no negotiation data), SRC-REF 0x1234. */
    static final byte[] LEGACY_CONFIRM = java.util.HexFormat.of().parseHex("0300000b06d00000123400");

    private ProbeEngine engine;

    @BeforeEach
    void start() {
        ProbeOptions options = RdpProber.builder().x224Timeout(X224_LIMIT).connectTimeout(Duration.ofSeconds(5))
                .deadline(Duration.ofSeconds(10)).udpMode(UdpMode.OFF).credssp(false).mcsConnect(false).options();
        engine = new ProbeEngine(options, 1);
    }

    @AfterEach
    void stop() {
        engine.close();
    }

    @Test
    void aReplyThatArrivedWhileTheLoopWasBlockedIsReadBeforeTheTimeOut() throws Exception {
        ConnectionOutcome b = overloadedRun(true);
        assertThat(b.phase(Phase.X224_NEGOTIATION).status()).as("%s", b.phases()).isEqualTo(PhaseStatus.OK);
        assertThat(b.verdict()).isEqualTo(Verdict.OK);
        assertThat(b.diagnosis().code()).isNotIn(DiagnosisCode.X224_SILENT, DiagnosisCode.X224_STALLED);
    }

    @Test
    void aTimeOutWhileTheLoopWasBlockedSaysTheProberLagged() throws Exception {
        ConnectionOutcome b = overloadedRun(false);
        assertThat(b.phase(Phase.X224_NEGOTIATION).status()).isEqualTo(PhaseStatus.TIMED_OUT);
        Failure.TimedOut t = (Failure.TimedOut) b.phase(Phase.X224_NEGOTIATION).failure().orElseThrow();
        assertThat(t.localLag()).as("the lag measured").isGreaterThan(X224_LIMIT.dividedBy(5));
        assertThat(b.hasFinding(FindingCode.LOCAL_OVERLOAD)).as("findings %s", b.findings()).isTrue();
        assertThat(b.findings()).filteredOn(f -> f.code() == FindingCode.LOCAL_OVERLOAD).singleElement()
                .satisfies(f -> assertThat(f.message()).contains("local event loop lagged", "X224_NEGOTIATION", "may be the prober's"));
        assertThat(b.diagnosis().code()).isEqualTo(DiagnosisCode.LOCAL_OVERLOAD);
        assertThat(b.diagnosis().summary()).contains("prober's own event loop lagged");
    }

    /**
     * Runs the scenario until B's deadline falls inside the block (at most {@link #ATTEMPTS} times) and
     * returns B's outcome.
     *
     * @param bAnswers whether B's server sends its Connection Confirm once the loop is blocked
     */
    private ConnectionOutcome overloadedRun(boolean bAnswers) throws Exception {
        for (int attempt = 1; ; attempt++) {
            try (Peer a = new Peer(LEGACY_CONFIRM); Peer b = new Peer(bAnswers ? LEGACY_CONFIRM : null)) {
                long bStarted = System.nanoTime();
                CompletableFuture<ConnectionOutcome> bOutcome = engine.probe(b.target());
                b.awaitRequest();
                CompletableFuture<ConnectionOutcome> aOutcome = engine.probe(a.target());
                long[] blockStarted = new long[1];
                String[] blockThread = new String[1];
                CompletableFuture<?> blocked = aOutcome.whenComplete((o, e) -> {
                    blockStarted[0] = System.nanoTime();
                    blockThread[0] = Thread.currentThread().getName();
                    b.answerNow();
                    BusyLoop.occupy(BLOCK_MS);
                });
                a.awaitRequest();
                a.answerNow();
                blocked.get(10, TimeUnit.SECONDS);
                ConnectionOutcome outcome = bOutcome.get(10, TimeUnit.SECONDS);
                assertThat(blockThread[0]).as("the block ran on the prober's event loop").startsWith("rdp-probe");
                boolean deadlineInsideTheBlock = blockStarted[0] - bStarted < X224_LIMIT.toNanos();
                if (deadlineInsideTheBlock || attempt == ATTEMPTS) {
                    assertThat(deadlineInsideTheBlock).as("B's deadline fell inside the block in one of " + ATTEMPTS + " attempts").isTrue();
                    return outcome;
                }
            }
        }
    }

    /**
     * A loopback peer for one connection: reads the Connection Request, then on {@link #answerNow} writes
     * its reply (or nothing), and on {@link #closeNow} closes the connection.
     */
    private static final class Peer implements AutoCloseable {
        private final ServerSocket listener;
        private final CountDownLatch requestRead = new CountDownLatch(1);
        private final CountDownLatch answer = new CountDownLatch(1);
        private final CountDownLatch close = new CountDownLatch(1);
        private final Thread thread;

        Peer(byte[] reply) throws IOException {
            listener = new ServerSocket(0, 4, InetAddress.getLoopbackAddress());
            thread = new Thread(() -> serve(reply), "overload-test-peer");
            thread.setDaemon(true);
            thread.start();
        }

        Target target() {
            return Target.of("127.0.0.1", listener.getLocalPort());
        }

        private void serve(byte[] reply) {
            try (Socket s = listener.accept()) {
                InputStream in = s.getInputStream();
                byte[] header = in.readNBytes(4);
                in.readNBytes(((header[2] & 0xFF) << 8 | (header[3] & 0xFF)) - 4);
                requestRead.countDown();
                while (answer.getCount() > 0 && close.getCount() > 0) {
                    answer.await(10, TimeUnit.MILLISECONDS);
                }
                if (reply != null && answer.getCount() == 0) {
                    s.getOutputStream().write(reply);
                    s.getOutputStream().flush();
                }
                close.await(20, TimeUnit.SECONDS);
            } catch (IOException e) {
                // the test closed the listener
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        void awaitRequest() throws InterruptedException {
            assertThat(requestRead.await(10, TimeUnit.SECONDS)).as("the Connection Request arrived").isTrue();
        }

        void answerNow() {
            answer.countDown();
        }

        void closeNow() {
            close.countDown();
        }

        @Override
        public void close() {
            close.countDown();
            try {
                listener.close();
                thread.join(5000);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
