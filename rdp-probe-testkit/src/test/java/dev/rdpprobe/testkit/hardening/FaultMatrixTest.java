package dev.rdpprobe.testkit.hardening;

import static dev.rdpprobe.core.outcome.Phase.CREDSSP;
import static dev.rdpprobe.core.outcome.Phase.TCP_CONNECT;
import static dev.rdpprobe.core.outcome.Phase.TLS_HANDSHAKE;
import static dev.rdpprobe.core.outcome.Phase.UDP_TRANSPORT;
import static dev.rdpprobe.core.outcome.Phase.X224_NEGOTIATION;
import static dev.rdpprobe.core.outcome.PhaseStatus.FAILED;
import static dev.rdpprobe.core.outcome.PhaseStatus.OK;
import static dev.rdpprobe.core.outcome.PhaseStatus.TIMED_OUT;
import static dev.rdpprobe.testkit.hardening.FaultMatrixTest.Fault.FIN;
import static dev.rdpprobe.testkit.hardening.FaultMatrixTest.Fault.GARBAGE;
import static dev.rdpprobe.testkit.hardening.FaultMatrixTest.Fault.HALF_CLOSE;
import static dev.rdpprobe.testkit.hardening.FaultMatrixTest.Fault.ONE_BYTE_AT_A_TIME;
import static dev.rdpprobe.testkit.hardening.FaultMatrixTest.Fault.OVERSIZE_LENGTH;
import static dev.rdpprobe.testkit.hardening.FaultMatrixTest.Fault.RST;
import static dev.rdpprobe.testkit.hardening.FaultMatrixTest.Fault.SILENCE;
import static dev.rdpprobe.testkit.hardening.FaultMatrixTest.Fault.STALL;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rdpprobe.core.internal.sequence.WireValues;
import dev.rdpprobe.core.ProbeOptions;
import dev.rdpprobe.core.RdpProber;
import dev.rdpprobe.core.target.Target;
import dev.rdpprobe.core.UdpMode;
import dev.rdpprobe.core.outcome.ConnectionOutcome;
import dev.rdpprobe.core.outcome.Failure;
import dev.rdpprobe.core.outcome.FindingCode;
import dev.rdpprobe.core.outcome.Phase;
import dev.rdpprobe.core.outcome.PhaseResult;
import dev.rdpprobe.core.outcome.PhaseStatus;
import dev.rdpprobe.core.outcome.Verdict;
import dev.rdpprobe.core.internal.pdu.PduBytes;
import dev.rdpprobe.core.internal.pdu.x224.ConnectionRequest;
import dev.rdpprobe.core.internal.pdu.x224.NegotiationRequest;
import dev.rdpprobe.testkit.CredSspStep;
import dev.rdpprobe.testkit.FakeRdpServer;
import dev.rdpprobe.core.outcome.SecurityProtocol;
import dev.rdpprobe.testkit.Scenario;
import dev.rdpprobe.testkit.TlsStep;
import dev.rdpprobe.testkit.X224Step;
import dev.rdpprobe.testkit.udp.FakeUdpResponder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every phase × every transport fault, as one table: what the peer does, and the outcome the probe must
 * report — the phase it names, the status, the failure type — within that phase's limit plus a margin of
 * {@link #MARGIN}, counted from the phase's start (and so within the probe's deadline plus the margin). Rows whose combination cannot exist on a real
 * network are in the table too, marked not applicable with the reason; they show as skipped.
 *
 * <p>Limits: the faulted phase gets {@link #QUICK}, or {@link #PATIENT} in rows where the fault is a slow but
 * complete answer; the phases before it get {@link #PATIENT}, so that a loaded machine cannot fail them. The
 * UDP rows send 3 SYNs 30/60/120 ms apart. A row that waits for a limit waits only {@link #QUICK}: no row waits a
 * second to prove a time-out.
 * The table with the observed outcome and time of every row is written to
 * {@code target/fault-matrix.md}.
 */
class FaultMatrixTest {

    /** The faults, in the order; STALL (part of the answer, then silence) came later. */
    enum Fault { SILENCE, FIN, RST, GARBAGE, ONE_BYTE_AT_A_TIME, OVERSIZE_LENGTH, HALF_CLOSE, STALL }

    static final Duration QUICK = Duration.ofMillis(300);
    static final Duration PATIENT = Duration.ofSeconds(6);
    static final Duration MARGIN = Duration.ofMillis(1500);
    static final Duration UDP_FIRST_WAIT = Duration.ofMillis(30);
    static final int UDP_ATTEMPTS = 3;

    static final byte[] BINARY_GARBAGE = {(byte) 0xDE, (byte) 0xAD, (byte) 0xBE, (byte) 0xEF, 0x00, 0x01, 0x02, (byte) 0xFF,
        0x7F, 0x13, 0x37, 0x42};
    /** The start of a TLS handshake record: a header announcing 122 bytes, and 20 of them. */
    static final byte[] PARTIAL_TLS_RECORD = {0x16, 0x03, 0x03, 0x00, 0x7A, 0x02, 0x00, 0x00, 0x76, 0x03, 0x03, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0};

    /** The Connection Request the probe sends with its defaults, as an echo service would send it back. */
    static final byte[] ECHOED_CONNECTION_REQUEST = connectionRequest();

    static byte[] connectionRequest() {
        ConnectionRequest cr = new ConnectionRequest(ProbeOptions.DEFAULTS.cookie(), null,
                new NegotiationRequest(0, WireValues.wire(ProbeOptions.DEFAULTS.requestedProtocols())), null);
        return PduBytes.encode(cr.encodedLength(), cr::encode);
    }

    /** A TLS handshake record header announcing 65535 bytes (the limit is 2^14 + 2048), then a few bytes. */
    static final byte[] OVERSIZE_TLS_RECORD = {0x16, 0x03, 0x03, (byte) 0xFF, (byte) 0xFF, 0x02, 0x00, 0x00};

    /**
     * One row of the matrix.
     *
     * @param phase the phase the fault hits
     * @param fault the fault
     * @param how how the fault is scripted (or, for a row that is not applicable, why it cannot exist)
     * @param status the status the phase must end with; {@code null} for a row that is not applicable
     * @param failure the failure type; {@code null} when the phase must end OK (or the row is not applicable)
     * @param limit every phase limit of the probe in this row
     * @param peer makes the misbehaving peer
     */
    record Row(Phase phase, Fault fault, String how, PhaseStatus status, Class<? extends Failure> failure, Duration limit,
            Supplier<Peer> peer) {

        boolean applicable() {
            return status != null;
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%-16s × %-18s → %s", phase, fault, applicable()
                    ? status + (failure == null ? "" : " " + failure.getSimpleName()) + "  [" + how + "]"
                    : "not applicable: " + how);
        }
    }

    /** The table, in reading order. */
    static final List<Row> ROWS = table();

    static Stream<Row> matrix() {
        return ROWS.stream();
    }

    private static List<Row> table() {
        return List.of(
            // phase            fault               how the peer misbehaves                                   status     failure type
            row(TCP_CONNECT,      SILENCE,            "SYN never answered (full accept queue drops it)",       TIMED_OUT, Failure.TimedOut.class,   QUICK, Peer::silentSyn),
            na(TCP_CONNECT,       FIN,                "a FIN needs an established connection; once the SYN-ACK is in, TCP_CONNECT is OK and the FIN belongs to X.224 (row X224 × FIN)"),
            row(TCP_CONNECT,      RST,                "SYN answered by RST (nothing listens)",                 FAILED,    Failure.Refused.class,    QUICK, Peer::closedPort),
            na(TCP_CONNECT,       GARBAGE,            "no byte flows before the handshake completes; bytes right after it belong to X.224 (row X224 × GARBAGE)"),
            na(TCP_CONNECT,       ONE_BYTE_AT_A_TIME, "no byte flows before the handshake completes (rows X224 × ONE_BYTE_AT_A_TIME)"),
            na(TCP_CONNECT,       OVERSIZE_LENGTH,    "the TCP handshake carries no length field that the probe reads"),
            na(TCP_CONNECT,       HALF_CLOSE,         "a half-close needs an established connection (row X224 × HALF_CLOSE)"),
            na(TCP_CONNECT,       STALL,              "no byte flows before the handshake completes; a reply that stops part-way belongs to X.224 (row X224 × STALL)"),

            row(X224_NEGOTIATION, SILENCE,            "reads the Connection Request, never answers",           TIMED_OUT, Failure.TimedOut.class,   QUICK, () -> server(Scenario.silentAfterConnectionRequest())),
            row(X224_NEGOTIATION, FIN,                "closes (FIN) on the Connection Request",                FAILED,    Failure.ClosedByPeer.class, QUICK, () -> server(Scenario.closingOnConnectionRequest())),
            row(X224_NEGOTIATION, RST,                "resets (RST) on the Connection Request",                FAILED,    Failure.Reset.class,      QUICK, () -> server(Scenario.resettingOnConnectionRequest())),
            row(X224_NEGOTIATION, GARBAGE,            "answers 12 bytes of binary junk",                       FAILED,    Failure.NotRdp.class,     QUICK, () -> server(Scenario.replyingWith(BINARY_GARBAGE))),
            row(X224_NEGOTIATION, GARBAGE,            "echoes our own Connection Request back (an echo service; not a self-connection: the ends differ)", FAILED, Failure.MalformedPdu.class, QUICK, () -> server(Scenario.replyingWith(ECHOED_CONNECTION_REQUEST))),
            row(X224_NEGOTIATION, ONE_BYTE_AT_A_TIME, "a valid 19-byte confirm, one byte per 20 ms",           OK,        null,                     PATIENT, () -> server(Scenario.trickling(SecurityProtocol.RDP, Duration.ofMillis(20)))),
            row(X224_NEGOTIATION, ONE_BYTE_AT_A_TIME, "a valid confirm, one byte per 100 ms: slower than the limit", TIMED_OUT, Failure.TimedOut.class, QUICK, () -> server(Scenario.trickling(SecurityProtocol.RDP, Duration.ofMillis(100)))),
            row(X224_NEGOTIATION, OVERSIZE_LENGTH,    "TPKT announces 65535 bytes (a reply is at most 512)", FAILED,    Failure.MalformedPdu.class, QUICK, () -> server(Scenario.oversizeTpkt())),
            row(X224_NEGOTIATION, HALF_CLOSE,         "shuts its output (FIN) on the request, keeps reading",  FAILED,    Failure.ClosedByPeer.class, QUICK, () -> server(Scenario.halfClosingOnConnectionRequest())),
            row(X224_NEGOTIATION, STALL,              "10 of the 19 bytes of a Connection Confirm, then nothing", TIMED_OUT, Failure.TimedOut.class, QUICK, () -> server(Scenario.partialConfirm(10))),

            row(TLS_HANDSHAKE,    SILENCE,            "reads the ClientHello, never answers",                  TIMED_OUT, Failure.TimedOut.class,   QUICK, () -> tls(TlsStep.stall())),
            row(TLS_HANDSHAKE,    FIN,                "closes (FIN) on the ClientHello",                       FAILED,    Failure.ClosedByPeer.class, QUICK, () -> tls(TlsStep.close())),
            row(TLS_HANDSHAKE,    RST,                "resets (RST) on the ClientHello",                       FAILED,    Failure.Reset.class,      QUICK, () -> tls(TlsStep.reset())),
            row(TLS_HANDSHAKE,    GARBAGE,            "answers the ClientHello with binary junk",              FAILED,    Failure.NotTls.class,     QUICK, () -> tls(TlsStep.raw(BINARY_GARBAGE))),
            row(TLS_HANDSHAKE,    ONE_BYTE_AT_A_TIME, "a real handshake, one byte per 1 ms",                   OK,        null,                     PATIENT, () -> tls(TlsStep.trickle(Duration.ofMillis(1)))),
            row(TLS_HANDSHAKE,    ONE_BYTE_AT_A_TIME, "a real handshake, one byte per 100 ms: slower than the limit", TIMED_OUT, Failure.TimedOut.class, QUICK, () -> tls(TlsStep.trickle(Duration.ofMillis(100)))),
            row(TLS_HANDSHAKE,    OVERSIZE_LENGTH,    "a record header announcing 65535 bytes (limit 18432)",  FAILED,    Failure.NotTls.class,     QUICK, () -> tls(TlsStep.raw(OVERSIZE_TLS_RECORD))),
            row(TLS_HANDSHAKE,    HALF_CLOSE,         "shuts its output (FIN) on the ClientHello, keeps reading", FAILED, Failure.ClosedByPeer.class, QUICK, () -> tls(TlsStep.halfClose())),
            row(TLS_HANDSHAKE,    STALL,              "882 bytes of a real handshake, then nothing",           TIMED_OUT, Failure.TimedOut.class,   QUICK, () -> tls(TlsStep.stallAfter(882))),
            row(TLS_HANDSHAKE,    STALL,              "a confirm and 25 bytes of a TLS record in one segment, then nothing", TIMED_OUT, Failure.TimedOut.class, QUICK,
                    () -> server(Scenario.confirmFollowedBy(SecurityProtocol.SSL, PARTIAL_TLS_RECORD))),

            row(CREDSSP,          SILENCE,            "reads the TSRequest, never answers",                    TIMED_OUT, Failure.TimedOut.class,   QUICK, () -> credssp(CredSspStep.stall())),
            row(CREDSSP,          FIN,                "closes (FIN) on the TSRequest",                         FAILED,    Failure.ClosedByPeer.class, QUICK, () -> credssp(CredSspStep.close())),
            row(CREDSSP,          RST,                "resets (RST) on the TSRequest",                         FAILED,    Failure.Reset.class,      QUICK, () -> credssp(CredSspStep.reset())),
            row(CREDSSP,          GARBAGE,            "answers binary junk inside TLS",                        FAILED,    Failure.NotRdp.class,     QUICK, () -> credssp(CredSspStep.raw(BINARY_GARBAGE))),
            row(CREDSSP,          ONE_BYTE_AT_A_TIME, "the CHALLENGE's TLS record, one byte per 1 ms",         OK,        null,                     PATIENT, () -> credssp(CredSspStep.trickledChallenge(Duration.ofMillis(1)))),
            row(CREDSSP,          ONE_BYTE_AT_A_TIME, "the CHALLENGE, one byte per 100 ms: slower than the limit", TIMED_OUT, Failure.TimedOut.class, QUICK, () -> credssp(CredSspStep.trickledChallenge(Duration.ofMillis(100)))),
            row(CREDSSP,          OVERSIZE_LENGTH,    "a DER header announcing 2 GiB (cap 64 KiB)",            FAILED,    Failure.MalformedPdu.class, QUICK, () -> credssp(CredSspStep.oversizeDer())),
            row(CREDSSP,          HALF_CLOSE,         "shuts its TCP output (no close_notify), keeps reading", FAILED,    Failure.ClosedByPeer.class, QUICK, () -> credssp(CredSspStep.halfClose())),
            row(CREDSSP,          STALL,              "the first 12 bytes of the CHALLENGE's TSRequest, then nothing", TIMED_OUT, Failure.TimedOut.class, QUICK, () -> credssp(CredSspStep.partialChallenge(12))),

            row(UDP_TRANSPORT,    SILENCE,            "every SYN dropped",                                     TIMED_OUT, Failure.UdpNoAnswer.class, QUICK, () -> udp(FakeUdpResponder.builder().silent())),
            na(UDP_TRANSPORT,     FIN,                "UDP has no connection to close"),
            na(UDP_TRANSPORT,     RST,                "UDP has no connection to reset; its refusal, ICMP port unreachable, is the next row"),
            row(UDP_TRANSPORT,    RST,                "(UDP's refusal) ICMP port unreachable: nothing bound",  FAILED,    Failure.UdpPortClosed.class, QUICK, Peer::udpClosed),
            row(UDP_TRANSPORT,    GARBAGE,            "answers every SYN with an HTTP error line",             FAILED,    Failure.UdpInvalidAnswer.class, QUICK, () -> udp(FakeUdpResponder.builder().answerGarbage("HTTP/1.1 400 Bad Request\r\n".getBytes(StandardCharsets.US_ASCII)))),
            row(UDP_TRANSPORT,    ONE_BYTE_AT_A_TIME, "datagrams arrive whole: a SYN+ACK cut to its first byte", FAILED, Failure.UdpInvalidAnswer.class, QUICK, () -> udp(FakeUdpResponder.builder().answerGarbage(new byte[] {0x00}))),
            na(UDP_TRANSPORT,     OVERSIZE_LENGTH,    "a SYN+ACK has no length field: a datagram's size is its length"),
            na(UDP_TRANSPORT,     HALF_CLOSE,         "UDP has no connection to half-close"),
            na(UDP_TRANSPORT,     STALL,              "a datagram arrives whole or not at all (row UDP × ONE_BYTE_AT_A_TIME)"));
    }

    static Row row(Phase phase, Fault fault, String how, PhaseStatus status, Class<? extends Failure> failure, Duration limit,
            Supplier<Peer> peer) {
        return new Row(phase, fault, how, status, failure, limit, peer);
    }

    static Row na(Phase phase, Fault fault, String why) {
        return new Row(phase, fault, why, null, null, null, null);
    }

    private static final Map<Integer, String> OBSERVED = new TreeMap<>();

    @ParameterizedTest(name = "{0}")
    @MethodSource("matrix")
    void faultEndsInTheNamedPhaseInTime(Row row) {
        if (!row.applicable()) {
            record(row, "n/a", "—", "—");
            Assumptions.abort("not applicable: " + row.how());
        }
        try (Peer peer = row.peer().get(); RdpProber prober = prober(row)) {
            long start = System.nanoTime();
            ConnectionOutcome o = prober.probe(peer.target()).join();
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            PhaseResult result = o.phase(row.phase());
            Duration bound = result.startOffset().plus(limitOf(row)).plus(MARGIN);
            record(row, result.status() + (result.failure().isEmpty() ? "" : " " + result.failure().get().getClass().getSimpleName()),
                    took.toMillis() + " ms", bound.toMillis() + " ms");

            assertThat(result.status()).as("status of %s in %s", row.phase(), o.phases()).isEqualTo(row.status());
            if (row.failure() == null) {
                assertThat(result.failure()).isEmpty();
            } else {
                assertThat(result.failure().orElseThrow()).as("failure of %s", row.phase()).isInstanceOf(row.failure());
            }
            if (row.phase().isTcpPath()) {
                if (row.status().isProblem()) {
                    assertThat(o.failedPhase()).as("the phase the outcome names").contains(row.phase());
                } else {
                    assertThat(o.verdict()).as("verdict of %s", o.phases()).isEqualTo(Verdict.OK);
                }
                for (Phase earlier : Phase.values()) {
                    if (earlier.isTcpPath() && earlier.ordinal() < row.phase().ordinal()) {
                        assertThat(o.phase(earlier).status()).as(earlier + " before the fault").isIn(OK, PhaseStatus.SKIPPED);
                    }
                    if (row.status().isProblem() && earlier.isTcpPath() && earlier.ordinal() > row.phase().ordinal()) {
                        assertThat(o.phase(earlier).status()).as(earlier + " after the fault").isEqualTo(PhaseStatus.NOT_REACHED);
                    }
                }
            } else {
                assertThat(o.verdict()).as("a UDP problem alone leaves the verdict OK").isEqualTo(Verdict.OK);
            }
            if (result.failure().orElse(null) instanceof Failure.TimedOut t && (row.fault() == ONE_BYTE_AT_A_TIME || row.fault() == STALL)) {
                assertThat(t.bytesSeen()).as("a trickle or a stall shows as bytes seen").isPositive();
            }
            if (result.failure().orElse(null) instanceof Failure.TimedOut t && row.phase().isTcpPath()) {
                assertDiagnosisFitsTheTimeOut(o, t);
            }
            assertThat(result.elapsed()).as("time in the faulted phase").isLessThanOrEqualTo(limitOf(row).plus(MARGIN));
            assertThat(took).as("time to the outcome: the phase's start, its limit and the margin").isLessThanOrEqualTo(bound);
        }
    }

    /**
     * A time-out's diagnosis never contradicts its facts: LOCAL_OVERLOAD exactly when the outcome says
     * the prober's loop lagged; otherwise, in the phases that wait for an answer, STALLED after any byte
     * of it and SILENT after none.
     */
    static void assertDiagnosisFitsTheTimeOut(ConnectionOutcome o, Failure.TimedOut t) {
        String code = o.diagnosis().code().name();
        if (o.hasFinding(FindingCode.LOCAL_OVERLOAD)) {
            assertThat(code).as("diagnosis of a time-out while the prober lagged").isEqualTo("LOCAL_OVERLOAD");
            return;
        }
        assertThat(code).isNotEqualTo("LOCAL_OVERLOAD");
        Phase phase = o.failedPhase().orElseThrow();
        if (phase == X224_NEGOTIATION || phase == TLS_HANDSHAKE || phase == CREDSSP) {
            assertThat(code).as("diagnosis after %d bytes of the answer", t.bytesSeen()).endsWith(t.bytesSeen() > 0 ? "_STALLED" : "_SILENT");
        }
    }

    /** The faulted phase's own limit: its timeout, or the whole SYN schedule for UDP. */
    static Duration limitOf(Row row) {
        if (row.phase() == UDP_TRANSPORT) {
            Duration schedule = Duration.ZERO;
            for (int i = 0; i < UDP_ATTEMPTS; i++) {
                schedule = schedule.plus(UDP_FIRST_WAIT.multipliedBy(1L << i));
            }
            return schedule;
        }
        return row.limit();
    }

    /**
     * The faulted phase gets the row's limit; the phases before it {@link #PATIENT} ones, so that a loaded machine cannot fail
     * them. The matrix faults the phases up to CredSSP (its raw-byte servers stay silent after their reply), so MCS_CONNECT is
     * off; McsProbeTest faults that phase.
     */
    static RdpProber prober(Row row) {
        return RdpProber.builder()
                .mcsConnect(false)
                .udpMode(row.phase() == UDP_TRANSPORT ? UdpMode.BESIDE : UdpMode.OFF)
                .udpInitialRetransmit(UDP_FIRST_WAIT).udpAttempts(UDP_ATTEMPTS)
                .connectTimeout(limitFor(row, TCP_CONNECT))
                .x224Timeout(limitFor(row, X224_NEGOTIATION))
                .tlsTimeout(limitFor(row, TLS_HANDSHAKE))
                .credsspTimeout(limitFor(row, CREDSSP))
                .deadline(Duration.ofSeconds(30))
                .threads(1)
                .build();
    }

    static Duration limitFor(Row row, Phase phase) {
        return phase == row.phase() ? row.limit() : PATIENT;
    }

    private static synchronized void record(Row row, String observed, String took, String bound) {
        OBSERVED.put(ROWS.indexOf(row),
                String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %s | %s |", row.phase(), row.fault(),
                        row.applicable() ? row.status() + (row.failure() == null ? "" : " " + row.failure().getSimpleName()) : "n/a",
                        observed, took, bound, row.how().replace("|", "/")));
    }

    @AfterAll
    static void writeTable() throws IOException {
        List<String> lines = new ArrayList<>();
        lines.add("| phase | fault | expected | observed | took | bound | how (or why not applicable) |");
        lines.add("|---|---|---|---|---|---|---|");
        lines.addAll(OBSERVED.values());
        Path target = Path.of("target");
        if (Files.isDirectory(target)) {
            Files.write(target.resolve("fault-matrix.md"), lines, StandardCharsets.UTF_8);
        }
        lines.forEach(System.out::println);
    }

    // ------------------------------------------------------------ peers

    /** A misbehaving peer and the target that reaches it. */
    interface Peer extends AutoCloseable {
        Target target();

        @Override
        void close();

        static Peer silentSyn() {
            UnansweredSynListener listener = new UnansweredSynListener();
            return of(FaultMatrixTest.target(listener.address()), listener::close);
        }

        static Peer closedPort() {
            try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                return of(Target.of("127.0.0.1", s.getLocalPort()), () -> { });
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        static Peer udpClosed() {
            FakeRdpServer server = FakeRdpServer.start(Scenario.selecting(SecurityProtocol.RDP));
            return of(server.target(), server::close);
        }

        static Peer of(Target target, Runnable close) {
            return new Peer() {
                public Target target() {
                    return target;
                }

                public void close() {
                    close.run();
                }
            };
        }
    }

    static Target target(InetSocketAddress address) {
        return Target.of(address.getAddress().getHostAddress(), address.getPort());
    }

    static Peer server(Scenario scenario) {
        FakeRdpServer server = FakeRdpServer.start(scenario);
        return Peer.of(server.target(), server::close);
    }

    /** NLA server (HYBRID_EX selected) whose TLS step misbehaves; CredSSP answers if TLS succeeds. */
    static Peer tls(TlsStep step) {
        return server(Scenario.healthy().withTls(step));
    }

    /** NLA server with a healthy TLS handshake whose CredSSP step misbehaves. */
    static Peer credssp(CredSspStep step) {
        return server(Scenario.healthy().withCredSsp(step));
    }

    /** A TLS-free TCP path (Standard RDP Security selected) beside a UDP responder that misbehaves. */
    static Peer udp(FakeUdpResponder.Builder responder) {
        FakeRdpServer server = FakeRdpServer.start(Scenario.selecting(SecurityProtocol.RDP)).withUdp(responder);
        return Peer.of(server.target(), server::close);
    }
}
