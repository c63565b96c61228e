package dev.rdpprobe.cli;

import java.util.Optional;
import dev.rdpprobe.core.outcome.NegotiationFailure;
import dev.rdpprobe.core.outcome.SecurityProtocolSet;
import dev.rdpprobe.core.outcome.SubjectAltName;
import dev.rdpprobe.core.outcome.TlsVersion;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rdpprobe.json.OutcomeJson;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rdpprobe.core.target.Target;
import dev.rdpprobe.core.diagnosis.Diagnoser;
import dev.rdpprobe.core.outcome.Diagnosis;
import dev.rdpprobe.core.diagnosis.FindingRules;
import dev.rdpprobe.core.outcome.CertificateReport;
import dev.rdpprobe.core.outcome.ConnectionOutcome;
import dev.rdpprobe.core.outcome.CredSspFacts;
import dev.rdpprobe.core.outcome.Failure;
import dev.rdpprobe.core.outcome.NegotiationFacts;
import dev.rdpprobe.core.outcome.NtlmServerInfo;
import dev.rdpprobe.core.outcome.Phase;
import dev.rdpprobe.core.outcome.PhaseResult;
import dev.rdpprobe.core.outcome.ServerFacts;
import dev.rdpprobe.core.outcome.TlsFacts;
import dev.rdpprobe.core.outcome.UdpFacts;
import dev.rdpprobe.core.internal.pdu.ntlm.FileTime;
import dev.rdpprobe.core.internal.pdu.x224.NegotiationFailureCode;
import dev.rdpprobe.core.internal.pdu.x224.SecurityProtocols;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A property of the writers: whatever numbers and times an outcome holds (a server's clock at either
 * end of the FILETIME range or of {@link Instant}, certificate dates from year 1 to 9999 and beyond,
 * every integer at its limits, durations up to {@link Duration}'s own limits), findings, diagnosis,
 * report and JSON line are produced without an exception, and the JSON parses back as one object.
 * What the probe measures itself ranges up to 300 years.
 */
class ExtremeValuesTest {

    /**
     * Durations the probe measures or is configured with (phase times, limits, waits, round trips):
     * never above the one-hour limit in practice; here up to 300 years, which overflows nanoseconds.
     */
    static final Duration[] LOCAL_DURATIONS = {Duration.ZERO, Duration.ofNanos(1), Duration.ofMillis(3), Duration.ofHours(1),
        Duration.ofDays(365L * 300)};
    /** Durations derived from what a server sent (its clock skew): up to {@link Duration}'s own limits. */
    static final Duration[] DURATIONS = {Duration.ZERO, Duration.ofNanos(1), Duration.ofMillis(-1), Duration.ofSeconds(9_000_000_000L),
        Duration.ofSeconds(-9_000_000_000L), Duration.ofSeconds(9_223_372_036L, 854_775_808), Duration.ofDays(365L * 60_000),
        Duration.ofSeconds(Long.MAX_VALUE, 999_999_999), Duration.ofSeconds(Long.MIN_VALUE), Duration.ofSeconds(Long.MIN_VALUE, 1)};
    static final Instant[] INSTANTS = {Instant.MIN, Instant.MAX, Instant.EPOCH, FileTime.toInstant(0), FileTime.toInstant(Long.MAX_VALUE),
        FileTime.toInstant(-1L), Instant.parse("0001-01-01T00:00:00Z"), Instant.parse("9999-12-31T23:59:59Z"),
        Instant.parse("-0001-06-30T12:00:00Z"), Instant.parse("+999999999-12-31T23:59:59.999999999Z")};
    static final long[] LONGS = {0, -1, 1, Long.MIN_VALUE, Long.MAX_VALUE, Integer.MIN_VALUE, 0xFFFF_FFFFL};
    static final int[] INTS = {0, -1, 1, Integer.MIN_VALUE, Integer.MAX_VALUE, 0xFFFF};

    static final ObjectMapper MAPPER = new ObjectMapper();

    private final Random random = new Random(20261130L);

    private Duration d() {
        return DURATIONS[random.nextInt(DURATIONS.length)];
    }

    private Duration local() {
        return LOCAL_DURATIONS[random.nextInt(LOCAL_DURATIONS.length)];
    }

    private Instant t() {
        return INSTANTS[random.nextInt(INSTANTS.length)];
    }

    private long l() {
        return LONGS[random.nextInt(LONGS.length)];
    }

    private int i() {
        return INTS[random.nextInt(INTS.length)];
    }

    private Failure failure(Phase phase) {
        switch (random.nextInt(phase == Phase.UDP_TRANSPORT ? 3 : 6)) {
            case 0: return phase == Phase.UDP_TRANSPORT ? new Failure.UdpNoAnswer(i(), local()) : new Failure.TimedOut(local(), l(), "an answer");
            case 1: return phase == Phase.UDP_TRANSPORT ? new Failure.UdpInvalidAnswer("odd", i()) : new Failure.ClosedByPeer(l());
            case 2: return phase == Phase.UDP_TRANSPORT ? new Failure.UdpPortClosed() : new Failure.MalformedPdu("TPKT", "length", i(), "odd");
            case 3: return new Failure.NegotiationFailed(new NegotiationFailure(i()));
            case 4: return new Failure.TlsAlert(i(), "alert", random.nextBoolean());
            default: return new Failure.CredSspError(l(), null);
        }
    }

    private ConnectionOutcome outcome() {
        List<PhaseResult> phases = new ArrayList<>();
        for (Phase p : Phase.values()) {
            phases.add(random.nextInt(4) == 0 ? PhaseResult.failed(p, local(), local(), failure(p)) : PhaseResult.ok(p, local(), local()));
        }
        CertificateReport leaf = new CertificateReport("CN=x", "CN=y", List.of(SubjectAltName.dns("x")), "01", t(), t(), random.nextBoolean(),
                random.nextBoolean(), l(), random.nextBoolean(), Optional.empty(), "RSA", i(), "SHA256WITHRSA", false, false, List.of(), List.of(),
                random.nextBoolean(), "AB", "CD");
        TlsFacts tls = TlsFacts.handshake(TlsVersion.TLS_1_2, "TLS_X", "jdk", List.of(leaf), random.nextBoolean(), null);
        NtlmServerInfo ntlm = new NtlmServerInfo("T", "C", "D", "c.example", "example", null, "10.0." + i(), i(), null, t(), d(), l());
        CredSspFacts credssp = new CredSspFacts(i(), random.nextBoolean(), Optional.of(ntlm),
                random.nextBoolean() ? Optional.empty() : Optional.of(l()), Optional.empty());
        UdpFacts udp = new UdpFacts(random.nextBoolean(), i(), Optional.of(local()), Optional.of(i()), Optional.of(i()), Optional.of(i()),
                Optional.of(i()), Optional.of(i()));
        NegotiationFacts negotiation = new NegotiationFacts(SecurityProtocolSet.fromBits(i()), Optional.of(SecurityProtocolSet.fromBits(i())),
                i(), List.of(), random.nextBoolean(), random.nextBoolean() ? Optional.empty() : Optional.of(new NegotiationFailure(i())));
        ServerFacts server = ServerFacts.NONE.withNegotiation(negotiation).withTls(tls).withCredssp(credssp).withUdp(udp);
        ConnectionOutcome o = new ConnectionOutcome(Target.of("127.0.0.1"), t(), local(), phases, server, FindingRules.derive(phases, server), null);
        return o.withDiagnosis(Diagnoser.diagnose(o));
    }

    @Test
    void everyWriterIsTotalOverExtremeValues() throws Exception {
        HumanReport ascii = HumanReport.ascii();
        HumanReport unicode = new HumanReport(true);
        for (int n = 0; n < 300; n++) {
            ConnectionOutcome o = outcome();
            Diagnosis diagnosis = o.diagnosis();
            assertThat(diagnosis.summary()).isNotBlank();
            assertThat(ascii.render(o, false)).contains("Diagnosis: " + diagnosis.code());
            assertThat(unicode.render(o, true)).isNotEmpty();
            String line = OutcomeJson.toJson(o);
            assertThat(line).doesNotContain("\n");
            JsonNode node = MAPPER.readTree(line);
            assertThat(node.get("diagnosis").get("code").asText()).isEqualTo(diagnosis.code().name());
            assertThat(OutcomeJson.toJson(OutcomeJson.read(line))).as("write, read, write gives the same bytes").isEqualTo(line);
        }
    }

    @Test
    void millisecondsAreWrittenForEveryDuration() {
        // the JSON form of durations is tested with the writer (rdp-probe-json, OutcomeWriterTest)
        assertThat(HumanReport.millis(Duration.ofSeconds(Long.MIN_VALUE))).endsWith(" ms");
        assertThat(HumanReport.nanos(Duration.ofSeconds(Long.MAX_VALUE))).isEqualTo(Long.MAX_VALUE);
        assertThat(HumanReport.nanos(Duration.ofSeconds(Long.MIN_VALUE))).isEqualTo(Long.MIN_VALUE);
        assertThat(HumanReport.nanos(Duration.ofMillis(-3))).isEqualTo(-3_000_000L);
    }
}
