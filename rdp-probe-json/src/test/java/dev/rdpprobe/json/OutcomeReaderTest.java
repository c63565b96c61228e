package dev.rdpprobe.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rdpprobe.core.outcome.ConnectionOutcome;
import dev.rdpprobe.core.outcome.Failure;
import dev.rdpprobe.core.outcome.NegotiationFailure;
import dev.rdpprobe.core.outcome.SecurityProtocol;
import dev.rdpprobe.core.outcome.SecurityProtocolSet;
import dev.rdpprobe.core.outcome.ForeignProtocol;
import dev.rdpprobe.core.outcome.Phase;
import dev.rdpprobe.core.outcome.PhaseResult;
import dev.rdpprobe.core.target.Target;
import dev.rdpprobe.testkit.SampleOutcomes;
import dev.rdpprobe.core.outcome.PhaseStatus;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import dev.rdpprobe.core.outcome.CredentialVerdict;
import org.junit.jupiter.api.Test;

/** Reading the contract back: round trips, forward compatibility, and refusals that name the path. */
class OutcomeReaderTest {

    static final List<String> GOLDEN = List.of("outcome-everything.json", "outcome-silent.json", "outcome-refused.json");

    static String golden(String name) {
        return Golden.read(name).stripTrailing();
    }

    static String everything() {
        return OutcomeJson.toJson(SampleOutcomes.everything());
    }

    @Test
    void everyGoldenFileRoundTripsToTheSameBytes() throws Exception {
        for (String name : GOLDEN) {
            String line = golden(name);
            assertThat(OutcomeJson.toJson(OutcomeJson.read(line))).as(name).isEqualTo(line);
            String pretty = OutcomeJson.toJson(OutcomeJson.read(line), JsonOptions.builder().pretty(true).build());
            assertThat(OutcomeJson.toJson(OutcomeJson.read(pretty))).as(name + " read back from its pretty form").isEqualTo(line);
        }
    }

    @Test
    void theSampleOutcomesReadBackEqual() throws Exception {
        for (ConnectionOutcome o : List.of(SampleOutcomes.everything(), SampleOutcomes.silent(), SampleOutcomes.refusedWithoutDiagnosis(),
                SampleOutcomes.udpOnly(PhaseResult.failed(Phase.UDP_TRANSPORT, Duration.ZERO, Duration.ofMillis(3500),
                        new Failure.UdpNoAnswer(3, Duration.ofMillis(3500)))))) {
            assertThat(OutcomeJson.read(OutcomeJson.toJson(o))).isEqualTo(o);
        }
    }

    @Test
    void anOutcomeWrittenBeforeTheCredentialCheckReadsWithTheCheckSkipped() throws Exception {
        String line = OutcomeJson.toJson(SampleOutcomes.refusedWithoutDiagnosis());
        String old = line.replace(",{\"phase\":\"CREDSSP_AUTH\",\"status\":\"SKIPPED\",\"elapsedMs\":0.0,\"startMs\":0.0,"
                + "\"failure\":null,\"note\":\"no credentials given\"}", "").replace(",\"credentialCheck\":null", "");
        assertThat(old).doesNotContain("CREDSSP_AUTH").doesNotContain("credentialCheck");
        ConnectionOutcome read = OutcomeJson.read(old);
        assertThat(read.phase(Phase.CREDSSP_AUTH).status()).isEqualTo(dev.rdpprobe.core.outcome.PhaseStatus.SKIPPED);
        assertThat(read.server().credentialCheck()).isEmpty();
        assertThat(OutcomeJson.toJson(read)).isEqualTo(line);
    }

    @Test
    void aCredentialCheckReadsBackEqual() throws Exception {
        ConnectionOutcome o = SampleOutcomes.withX224(PhaseResult.ok(Phase.X224_NEGOTIATION, Duration.ZERO, Duration.ofMillis(1)));
        ConnectionOutcome checked = new ConnectionOutcome(o.target(), o.startedAt(), o.total(), o.phases(),
                o.server().withCredentialCheck(new dev.rdpprobe.core.outcome.CredentialCheck(CredentialVerdict.REJECTED, "LAB\\alice",
                        java.util.Optional.of(0xC000006DL), java.util.Optional.of("STATUS_LOGON_FAILURE"), java.util.Optional.of(6),
                        "the server answered the AUTHENTICATE with STATUS_LOGON_FAILURE")), o.findings(), o.diagnosis());
        String line = OutcomeJson.toJson(checked);
        assertThat(line).contains("\"credentialCheck\":{\"verdict\":\"REJECTED\",\"accepted\":false,\"responseSent\":true,"
                + "\"account\":\"LAB\\\\alice\",\"ntStatus\":\"0xC000006D\"");
        assertThat(OutcomeJson.read(line)).isEqualTo(checked);
    }

    @Test
    void everyFailureKindReadsBackEqual() throws Exception {
        List<Failure> failures = List.of(new Failure.DnsFailed("h", "NXDOMAIN"), new Failure.TimedOut(Duration.ofSeconds(1), 3, "X"),
                new Failure.TimedOut(Duration.ofMillis(380), 10, "X", Failure.TimedOut.LimitKind.OVERALL_DEADLINE,
                        Duration.ofNanos(300_123_000), Duration.ofMillis(7)),
                new Failure.Refused(), new Failure.Unreachable("no route"), new Failure.ClosedByPeer(4), new Failure.Reset(5),
                new Failure.NegotiationFailed(NegotiationFailure.of(NegotiationFailure.Reason.HYBRID_REQUIRED_BY_SERVER)),
                new Failure.NegotiationFailed(new NegotiationFailure(0x99)),
                new Failure.ProtocolMismatch(SecurityProtocolSet.of(SecurityProtocol.SSL), SecurityProtocolSet.fromBits(0x40000002)),
                new Failure.TlsEngineUnavailable("no TLS engine on the class path; add rdp-probe-tls"),
                new Failure.NotRdp(ForeignProtocol.SSH, "SSH-2.0"), new Failure.MalformedPdu("TPKT", "length", 2, "too small"),
                new Failure.UnexpectedPdu("CC", "DR"), new Failure.TlsAlert(40, "handshake_failure", true),
                new Failure.TlsVersionRefused("TLSv1.3", "alert"), new Failure.TlsNoSharedCipher("none"), new Failure.NotTls("HTTP/1.1"),
                new Failure.TlsError("boom"), new Failure.CredSspError(0xC000006DL, "STATUS_LOGON_FAILURE"), new Failure.UdpPortClosed(),
                new Failure.UdpNoAnswer(3, Duration.ofMillis(3500)), new Failure.UdpInvalidAnswer("short", 3),
                new Failure.LocalError("no port"), new Failure.ProbeLimitExceeded("RSA keys of at most 8192 bits", "a 16384-bit RSA key"),
                new Failure.LocalWorkTimedOut(Duration.ofSeconds(2), "inspection"), new Failure.OutOfFileDescriptors("Too many open files"),
                new Failure.SelfConnected("127.0.0.1:40001"), new Failure.Internal("reading a PDU", "IllegalStateException: boom"),
                new Failure.CredentialsRefused(CredentialVerdict.ACCOUNT_LOCKED_OUT, 0xC0000234L, "STATUS_ACCOUNT_LOCKED_OUT"),
                new Failure.PubKeyAuthInvalid(false, "not the key the probe saw"));
        assertThat(failures.stream().map(Failure::kind).distinct()).hasSize(Failure.class.getPermittedSubclasses().length);
        for (Failure f : failures) {
            ConnectionOutcome o = SampleOutcomes.withX224(PhaseResult.failed(Phase.X224_NEGOTIATION, Duration.ZERO, Duration.ofMillis(1), f));
            String line = OutcomeJson.toJson(o);
            assertThat(OutcomeJson.read(line)).as(f.kind()).isEqualTo(o);
            assertThat(OutcomeJson.toJson(OutcomeJson.read(line))).as(f.kind()).isEqualTo(line);
        }
    }

    @Test
    void unknownFieldsAreIgnoredAndMissingNullableFieldsReadAsNull() throws Exception {
        String line = everything();
        String newer = line.replace("{\"target\":", "{\"schemaVersion\":7,\"future\":{\"deep\":[1,[2,{\"x\":null}]]},\"target\":")
                .replace("\"phase\":\"RESOLVE\",", "\"phase\":\"RESOLVE\",\"retries\":2,");
        assertThat(OutcomeJson.toJson(OutcomeJson.read(newer))).isEqualTo(line);
        String older = line.replace(",\"keyOverProbeLimit\":null", "");
        assertThat(older).isNotEqualTo(line);
        assertThat(OutcomeJson.toJson(OutcomeJson.read(older))).isEqualTo(line);
    }

    @Test
    void aDocumentWrittenBeforeMcsConnectReadsWithThatPhaseSkippedAndNoMcsFacts() throws Exception {
        String line = OutcomeJson.toJson(SampleOutcomes.silent());
        String before = line.replace("{\"phase\":\"MCS_CONNECT\",\"status\":\"NOT_REACHED\",\"elapsedMs\":0.0,\"startMs\":0.0,"
                + "\"failure\":null,\"note\":null},", "").replace(",\"mcs\":null,\"encryptionMethods\":null", "");
        assertThat(before).isNotEqualTo(line).doesNotContain("MCS_CONNECT", "\"mcs\"");
        ConnectionOutcome read = OutcomeJson.read(before);
        assertThat(read.phase(Phase.MCS_CONNECT).status()).isEqualTo(PhaseStatus.SKIPPED);
        assertThat(read.phase(Phase.MCS_CONNECT).note()).contains(OutcomeReader.MCS_NOT_IN_DOCUMENT);
        assertThat(read.server().mcs()).isEmpty();
        assertThat(read.verdict()).isEqualTo(SampleOutcomes.silent().verdict());
    }

    @Test
    void streamsAndReadersAreReadAndLeftOpen() throws Exception {
        String line = everything();
        AtomicBoolean closed = new AtomicBoolean();
        InputStream in = new ByteArrayInputStream(line.getBytes(StandardCharsets.UTF_8)) {
            @Override
            public void close() {
                closed.set(true);
            }
        };
        assertThat(OutcomeJson.read(in)).isEqualTo(SampleOutcomes.everything());
        assertThat(OutcomeJson.read(new StringReader(line))).isEqualTo(SampleOutcomes.everything());
        assertThat(closed).isFalse();
    }

    @Test
    void aValueOfTheWrongFormIsRefusedAtItsPath() {
        String line = everything();
        refused(line.replace("\"phase\":\"TCP_CONNECT\",\"status\":\"OK\"", "\"phase\":\"TCP_CONNECT\",\"status\":\"DONE\""),
                "$.phases[1].status", "one of OK, FAILED, TIMED_OUT, SKIPPED, NOT_REACHED", "the string \"DONE\"");
        refused(line.replace("\"totalMs\":80.25", "\"totalMs\":\"fast\""), "$.totalMs", "milliseconds as a number", "the string \"fast\"");
        refused(line.replace("\"startedAt\":\"2026-03-01T09:30:00Z\"", "\"startedAt\":\"yesterday\""), "$.startedAt",
                "an ISO-8601 instant such as 2026-03-01T09:30:00Z", "the string \"yesterday\"");
        refused(line.replace("\"keyBits\":2048", "\"keyBits\":2048.5"), "$.server.tls.chain[0].keyBits", "an integer", "the number 2048.5");
        refused(line.replace("\"keyBits\":2048", "\"keyBits\":99999999999"), "$.server.tls.chain[0].keyBits",
                "an integer of at most 32 bits", "the number 99999999999");
        refused(line.replace("\"negotiateFlags\":\"0xE2898215\"", "\"negotiateFlags\":\"E2898215\""), "$.server.credssp.ntlm.negotiateFlags",
                "a hex string of at most 64 bits such as 0x904", "the string \"E2898215\"");
        refused(line.replace("\"disconnectReason\":\"0x907\"", "\"disconnectReason\":\"0x100000000\""),
                "$.diagnosis.windowsError.disconnectReason", "a hex string of at most 32 bits such as 0x904", null);
        refused(line.replace("\"code\":\"CERT_EXPIRED\",\"severity\"", "\"code\":\"CERT_GONE\",\"severity\""), "$.findings[0].code", null,
                "the string \"CERT_GONE\"");
        refused(line.replace("\"requested\":[\"SSL\",\"HYBRID\",\"HYBRID_EX\"]", "\"requested\":[\"SSL\",\"TLS\"]"),
                "$.server.negotiation.requested[1]", null, "the string \"TLS\"");
        refused(line.replace("\"expired\":true", "\"expired\":\"yes\""), "$.server.tls.chain[0].expired", "true or false", "the string \"yes\"");
        refused(line.replace("\"server\":{", "\"server\":[{").replace(",\"findings\"", "],\"findings\""), "$.server", "an object", "an array");
    }

    @Test
    void aDocumentThatIsNotAnOutcomeIsRefusedSayingWhatWasExpected() {
        refused("{\"name\":\"x\"}", "$.target", "a string", "no such field");
        refused("[1,2]", "$", "an object", "an array");
        refused("\"an outcome\"", "$", "an object", "the string \"an outcome\"");
        refused("", "$", "a JSON object", "an empty document");
        String line = everything();
        refused(line.replace("\"target\":\"rds01.example.com:3389\"", "\"target\":\"rds01..example.com:3389\""), "$.target", null, null);
        refused(OutcomeJson.internalError(Target.of("127.0.0.1"), null, new IllegalStateException("boom")), "$.internalError",
                "null (a document with an internalError records an outcome rdp-probe lost, not an outcome)", null);
    }

    @Test
    void factsThatContradictEachOtherAreRefused() {
        String line = everything();
        refused(line.replace("\"verdict\":\"OK\"", "\"verdict\":\"FAILED\""), "$.verdict", "OK, as the phases say", "the string \"FAILED\"");
        refused(line.replace("\"failedPhase\":null", "\"failedPhase\":\"TLS_HANDSHAKE\""), "$.failedPhase", "null, as the phases say", null);
        refused(line.replace("{\"phase\":\"RESOLVE\"", "{\"phase\":\"TCP_CONNECT\""), "$.phases[0].phase",
                "RESOLVE (the phases in their order)", null);
        refused(line.replace("\"phase\":\"TCP_CONNECT\",\"status\":\"OK\"", "\"phase\":\"TCP_CONNECT\",\"status\":\"FAILED\""),
                "$.phases[1].failure", "the failure of a FAILED phase", "null");
        String refusedLine = OutcomeJson.toJson(SampleOutcomes.refusedWithoutDiagnosis());
        refused(refusedLine.replace("\"diagnosis\":{\"code\":null,\"summary\":null", "\"diagnosis\":{\"code\":null,\"summary\":\"fine\""),
                "$.diagnosis.summary", "null, as the diagnosis has no code", null);
        refused(refusedLine.replace("\"kind\":\"REFUSED\"", "\"kind\":\"EATEN_BY_GRUE\""), "$.phases[1].failure.kind", null,
                "the string \"EATEN_BY_GRUE\"");
        String withoutUdp = line.substring(0, line.indexOf(",{\"phase\":\"UDP_TRANSPORT\"")) + line.substring(line.indexOf("],\"server\""));
        refused(withoutUdp, "$.phases", "one result per phase, 8 in all", "an array");
        String fivePhases = withoutUdp.substring(0, withoutUdp.indexOf(",{\"phase\":\"CREDSSP_AUTH\"")) + line.substring(line.indexOf("],\"server\""));
        refused(fivePhases.replace(",{\"phase\":\"UDP_TRANSPORT\"", ""), "$.phases", "one result per phase, 8 in all", "an array");
    }

    @Test
    void anAddressIsNeverResolvedAsAName() {
        String line = everything();
        refused(line.replace("\"addresses\":[\"127.0.2.10\"", "\"addresses\":[\"rds01.example.com\""), "$.server.addresses[0]",
                "an IP address such as 127.0.0.1 or ::1", "the string \"rds01.example.com\"");
        refused(line.replace("\"connectedAddress\":\"127.0.2.10:3389\"", "\"connectedAddress\":\"localhost:3389\""),
                "$.server.connectedAddress", null, null);
        refused(line.replace("\"connectedAddress\":\"127.0.2.10:3389\"", "\"connectedAddress\":\"127.0.2.10:99999\""),
                "$.server.connectedAddress", "an address and port such as 127.0.0.1:3389 or [::1]:3389", null);
    }

    @Test
    void malformedJsonIsRefusedWithWhereItBroke() {
        String line = everything();
        OutcomeJsonException cut = catchRefusal(() -> OutcomeJson.read(line.substring(0, 200)));
        assertThat(cut.path()).isEqualTo("$.phases[0].startMs");
        assertThat(cut.found()).contains("end-of-input").endsWith("at line 1, column 201");
        refused("{\"target\":", "$.target", null, null);
        refused("{\"a\":1,\"a\":2}", "$.a", "well-formed JSON", null);
        refused(line + line, "$", "one JSON document (read a JSON-lines file line by line)", null);
        refused("{\"target\" \"x\"}", "$.target", "well-formed JSON", null);
    }

    @Test
    void inputIsBounded() throws Exception {
        String line = everything();
        JsonOptions small = JsonOptions.builder().maxDocumentChars(1024).build();
        OutcomeJsonException big = catchRefusal(() -> OutcomeJson.read(line, small));
        assertThat(big.expected()).startsWith("a document of at most 1024 characters, nested at most 32 deep");
        String deep = "{\"future\":" + "[".repeat(40) + "]".repeat(40) + "}";
        OutcomeJsonException nested = catchRefusal(() -> OutcomeJson.read(deep));
        assertThat(nested.expected()).isEqualTo("a document of at most 4194304 characters, nested at most 32 deep");
        assertThat(nested.path()).startsWith("$.future[0]");
        String hugeNumber = line.replace("\"totalMs\":80.25", "\"totalMs\":1e999999999");
        refused(hugeNumber, "$.totalMs", "milliseconds within the range of a duration", "the number 1E+999999999");
        ConnectionOutcome far = OutcomeJson.read(line.replace("\"totalMs\":80.25", "\"totalMs\":9.3e21"));
        assertThat(far.total()).as("a duration past the end of Duration reads as the longest one")
                .isEqualTo(Duration.ofSeconds(Long.MAX_VALUE, 999_999_999));
    }

    @Test
    void optionsNameTheCallThatSetABadBound() {
        assertThatThrownBy(() -> JsonOptions.builder().maxDepth(5).build())
                .hasMessage("maxDepth(5) is out of range; use 6..1000 (the contract nests 6 deep)");
        assertThatThrownBy(() -> JsonOptions.builder().maxDocumentChars(10).build())
                .hasMessage("maxDocumentChars(10) is out of range; use 1024 characters to 1 GiB (1024..1073741824)");
        JsonOptions o = JsonOptions.builder().pretty(true).maxDepth(8).build();
        assertThat(o.toBuilder().build()).isEqualTo(o).hasSameHashCodeAs(o);
        assertThat(o).hasToString("JsonOptions[pretty=true, escapeInvisible=true, maxDocumentChars=4194304, maxDepth=8]");
    }

    /** Reads {@code json}, which must be refused at {@code path} (when given) with {@code expected} and {@code found} (when given). */
    static void refused(String json, String path, String expected, String found) {
        OutcomeJsonException e = catchRefusal(() -> OutcomeJson.read(json));
        if (path != null) {
            assertThat(e.path()).as(e.getMessage()).isEqualTo(path);
        }
        if (expected != null) {
            assertThat(e.expected()).as(e.getMessage()).isEqualTo(expected);
        }
        if (found != null) {
            assertThat(e.found()).as(e.getMessage()).isEqualTo(found);
        }
        assertThat(e.getMessage()).isEqualTo(e.path() + ": expected " + e.expected() + ", found " + e.found());
    }

    static OutcomeJsonException catchRefusal(ThrowingCallable read) {
        Throwable t = org.assertj.core.api.Assertions.catchThrowable(read);
        assertThat(t).isInstanceOf(OutcomeJsonException.class);
        return (OutcomeJsonException) t;
    }
}
