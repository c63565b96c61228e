package dev.rdpprobe.json;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rdpprobe.core.outcome.SecurityProtocolSet;
import dev.rdpprobe.core.outcome.SecurityProtocol;
import dev.rdpprobe.core.outcome.NegotiationFailure;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rdpprobe.core.outcome.ConnectionOutcome;
import dev.rdpprobe.core.outcome.Failure;
import dev.rdpprobe.core.outcome.ForeignProtocol;
import dev.rdpprobe.testkit.SampleOutcomes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The writer against golden files, the contract's field names and shape, and its escapes. */
class OutcomeWriterTest {

    static final ObjectMapper MAPPER = new ObjectMapper();

    @Test
    void everythingGolden() {
        Golden.assertMatches("outcome-everything.json", OutcomeJson.toJson(SampleOutcomes.everything()) + "\n");
    }

    @Test
    void silentGolden() {
        Golden.assertMatches("outcome-silent.json", OutcomeJson.toJson(SampleOutcomes.silent()) + "\n");
    }

    @Test
    void refusedWithoutDiagnosisGolden() {
        Golden.assertMatches("outcome-refused.json", OutcomeJson.toJson(SampleOutcomes.refusedWithoutDiagnosis()) + "\n");
    }

    @Test
    void invisibleAndSeparatorCharactersAreEscapedAndTheValuesStayExact() throws Exception {
        String name = "a\u007Fb\u0085c\u202Ed\u2028e\u2029f\uFEFFg\u200Bh\uD800i\uD83D\uDE00j\u001Bk Müller";
        Failure f = new Failure.NotTls(name);
        ConnectionOutcome outcome = SampleOutcomes.withX224(dev.rdpprobe.core.outcome.PhaseResult.failed(
                dev.rdpprobe.core.outcome.Phase.X224_NEGOTIATION, Duration.ZERO, Duration.ofMillis(1), f));
        String plain = OutcomeJson.toJson(outcome, JsonOptions.builder().escapeInvisible(false).build());
        assertThat(plain).as("without escapeInvisible the override is written raw").contains("\u202E");
        assertThat(MAPPER.readTree(plain).get("phases").get(2).get("failure").get("preview").asText()).isEqualTo(name);
        String ours = OutcomeJson.toJson(outcome);
        ours.codePoints().forEach(cp -> assertThat(JsonCharacterEscapes.escaped(cp)).as("U+%04X raw in the JSON", cp).isFalse());
        assertThat(ours).contains("a\\u007Fb\\u0085c\\u202Ed\\u2028e\\u2029f\\uFEFFg\\u200Bh\\uD800i\\uD83D\\uDE00j\\u001Bk Müller");
        assertThat(MAPPER.readTree(ours).get("phases").get(2).get("failure").get("preview").asText()).isEqualTo(name);
    }

    @Test
    void oneLinePerOutcome() {
        assertThat(OutcomeJson.toJson(SampleOutcomes.everything())).doesNotContain("\n");
    }

    @Test
    void fieldNamesAndShapeOfTheContract() throws Exception {
        JsonNode o = MAPPER.readTree(OutcomeJson.toJson(SampleOutcomes.everything()));
        assertThat(names(o)).containsExactly("target", "verdict", "failedPhase", "startedAt", "totalMs",
                "phases", "server", "findings", "diagnosis", "internalError");
        assertThat(o.get("internalError").isNull()).isTrue();
        assertThat(o.get("target").asText()).isEqualTo("rds01.example.com:3389");
        assertThat(o.get("verdict").asText()).isEqualTo("OK");
        assertThat(o.get("failedPhase").isNull()).isTrue();

        JsonNode phase = o.get("phases").get(1);
        assertThat(names(phase)).containsExactly("phase", "status", "elapsedMs", "startMs", "failure", "note");
        assertThat(phase.get("elapsedMs").isNumber()).isTrue();
        assertThat(phase.get("elapsedMs").asDouble()).isEqualTo(10.0);
        assertThat(phase.get("startMs").asDouble()).isEqualTo(2.5);
        assertThat(o.get("phases")).hasSize(8);

        JsonNode server = o.get("server");
        assertThat(names(server)).containsExactly("addresses", "connectedAddress", "negotiation", "tls", "credssp", "udp",
                "securityLayers", "nlaRequired", "mcs", "encryptionMethods", "credentialCheck");
        assertThat(names(server.get("mcs"))).containsExactly("resultCode", "result", "insideTls", "offeredEncryptionMethods",
                "serverVersion", "clientRequestedProtocols", "earlyCapabilityFlags", "earlyCapabilityFlagNames", "encryptionMethod",
                "encryptionMethodValue", "encryptionLevel", "encryptionLevelValue", "serverRandomLength", "certificate", "ioChannel",
                "channelIds", "messageChannel", "multitransportFlags", "multitransportFlagNames", "offersUdp", "unknownBlocks");
        assertThat(names(server.get("mcs").get("serverVersion"))).containsExactly("value", "name");
        assertThat(server.get("mcs").get("serverVersion").get("name").asText()).isEqualTo("RDP 10.7");
        assertThat(names(server.get("mcs").get("certificate"))).containsExactly("kind", "temporary", "rsaKeyBits", "publicExponent",
                "chainLength", "chainBytes");
        assertThat(names(server.get("encryptionMethods").get(0))).containsExactly("method", "accepted", "level", "detail");
        assertThat(names(server.get("negotiation"))).containsExactly("requested", "selected", "responseFlags",
                "responseFlagNames", "legacyConfirm", "failureCode");
        assertThat(names(server.get("tls"))).containsExactly("protocolVersion", "cipherSuite", "engine", "chain", "trusted",
                "trustDetail", "versions");
        assertThat(names(server.get("tls").get("chain").get(0))).containsExactly("subject", "issuer", "subjectAlternativeNames",
                "serialNumber", "notBefore", "notAfter", "expired", "notYetValid", "daysLeft", "selfSigned", "hostnameMatches",
                "keyType", "keyBits", "signatureAlgorithm", "weakSignature", "weakKey", "keyUsage", "extendedKeyUsage",
                "serverAuthentication", "sha1Thumbprint", "sha256Thumbprint", "derLength", "parseError", "keyOverProbeLimit");
        assertThat(names(server.get("tls").get("versions").get(0))).containsExactly("version", "accepted", "cipherSuite", "detail");
        assertThat(names(server.get("credssp"))).containsExactly("version", "spnegoWrapped", "errorCode", "errorName", "ntlm");
        assertThat(names(server.get("credssp").get("ntlm"))).containsExactly("targetName", "netbiosComputerName",
                "netbiosDomainName", "dnsComputerName", "dnsDomainName", "dnsTreeName", "osVersion", "osBuild", "windowsRelease",
                "serverTime", "clockSkewMs", "negotiateFlags");
        assertThat(names(server.get("udp"))).containsExactly("answered", "attempts", "roundTripMs", "roundTripFromSyn", "udpVersion",
                "upstreamMtu", "downstreamMtu", "receiveWindow");
        assertThat(server.get("udp").get("roundTripFromSyn").asInt()).isEqualTo(1);
        assertThat(names(server.get("securityLayers").get(0))).containsExactly("protocol", "accepted", "selected", "failureCode", "detail");

        assertThat(names(o.get("findings").get(0))).containsExactly("code", "severity", "message");

        JsonNode diagnosis = o.get("diagnosis");
        assertThat(names(diagnosis)).containsExactly("code", "summary", "windowsError", "remedies");
        assertThat(names(diagnosis.get("windowsError"))).containsExactly("disconnectReason", "extendedReason", "confidence");
        assertThat(diagnosis.get("windowsError").get("disconnectReason").asText()).isEqualTo("0x907");
        assertThat(diagnosis.get("windowsError").get("extendedReason").asText()).isEqualTo("0x0");
        assertThat(diagnosis.get("remedies")).hasSize(2);
    }

    @Test
    void absentPartsAreNullNotMissing() throws Exception {
        JsonNode o = MAPPER.readTree(OutcomeJson.toJson(SampleOutcomes.refusedWithoutDiagnosis()));
        assertThat(o.get("verdict").asText()).isEqualTo("FAILED");
        assertThat(o.get("failedPhase").asText()).isEqualTo("TCP_CONNECT");
        JsonNode server = o.get("server");
        for (String part : List.of("connectedAddress", "negotiation", "tls", "credssp", "udp", "securityLayers", "nlaRequired")) {
            assertThat(server.has(part)).as(part).isTrue();
            assertThat(server.get(part).isNull()).as(part).isTrue();
        }
        assertThat(o.get("phases").get(3).get("failure").isNull()).isTrue();
        assertThat(o.get("diagnosis").get("code").isNull()).isTrue();
        assertThat(o.get("diagnosis").get("remedies").isArray()).isTrue();
    }

    @Test
    void everyFailureKeepsItsOwnFields() throws Exception {
        Map<Failure, List<String>> expected = new LinkedHashMap<>();
        expected.put(new Failure.DnsFailed("h", "NXDOMAIN"), List.of("host", "reason"));
        expected.put(new Failure.TimedOut(Duration.ofSeconds(1), 3, "X"), List.of("limitMs", "bytesSeen", "waitingFor", "limitKind", "quietForMs", "localLagMs"));
        expected.put(new Failure.Refused(), List.of());
        expected.put(new Failure.Unreachable("no route"), List.of("detail"));
        expected.put(new Failure.ClosedByPeer(4), List.of("bytesSeen"));
        expected.put(new Failure.Reset(5), List.of("bytesSeen"));
        expected.put(new Failure.NegotiationFailed(NegotiationFailure.of(NegotiationFailure.Reason.HYBRID_REQUIRED_BY_SERVER)), List.of("code", "codeName"));
        expected.put(new Failure.ProtocolMismatch(SecurityProtocolSet.of(SecurityProtocol.SSL), SecurityProtocolSet.of(SecurityProtocol.HYBRID)), List.of("requested", "selected"));
        expected.put(new Failure.NotRdp(ForeignProtocol.SSH, "SSH-2.0"), List.of("looksLike", "preview"));
        expected.put(new Failure.MalformedPdu("TPKT", "length", 2, "too small"), List.of("pdu", "field", "offset", "detail"));
        expected.put(new Failure.UnexpectedPdu("CC", "DR"), List.of("expected", "received"));
        expected.put(new Failure.TlsAlert(40, "handshake_failure", true), List.of("code", "name", "sentByPeer"));
        expected.put(new Failure.TlsVersionRefused("TLSv1.3", "alert"), List.of("offered", "detail"));
        expected.put(new Failure.TlsNoSharedCipher("none"), List.of("detail"));
        expected.put(new Failure.NotTls("HTTP/1.1"), List.of("preview"));
        expected.put(new Failure.TlsError("boom"), List.of("detail"));
        expected.put(new Failure.CredSspError(0xC000006DL, "STATUS_LOGON_FAILURE"), List.of("ntStatus", "name"));
        expected.put(new Failure.UdpPortClosed(), List.of());
        expected.put(new Failure.UdpNoAnswer(3, Duration.ofMillis(3500)), List.of("attempts", "waitedMs"));
        expected.put(new Failure.UdpInvalidAnswer("short", 3), List.of("what", "length"));
        expected.put(new Failure.LocalError("no port"), List.of("detail"));
        expected.put(new Failure.TlsEngineUnavailable("no TLS engine on the class path"), List.of("detail"));
        expected.put(new Failure.ProbeLimitExceeded("RSA keys of at most 8192 bits", "a 16384-bit RSA key"), List.of("limit", "detail"));
        expected.put(new Failure.LocalWorkTimedOut(Duration.ofSeconds(2), "inspection of the server's certificate chain"), List.of("limitMs", "work"));
        expected.put(new Failure.OutOfFileDescriptors("Too many open files"), List.of("detail"));
        expected.put(new Failure.SelfConnected("127.0.0.1:40001"), List.of("address"));
        expected.put(new Failure.Internal("reading a PDU from the server", "IllegalStateException: boom"), List.of("during", "error"));
        expected.put(new Failure.CredentialsRefused(dev.rdpprobe.core.outcome.CredentialVerdict.REJECTED, 0xC000006DL,
                "STATUS_LOGON_FAILURE"), List.of("verdict", "ntStatus", "name"));
        expected.put(new Failure.PubKeyAuthInvalid(true, "no pubKeyAuth"), List.of("missing", "detail"));
        assertThat(expected).hasSize(Failure.class.getPermittedSubclasses().length);
        for (Map.Entry<Failure, List<String>> e : expected.entrySet()) {
            JsonNode node = failure(e.getKey());
            List<String> keys = new ArrayList<>(List.of("kind", "message"));
            keys.addAll(e.getValue());
            assertThat(names(node)).as(e.getKey().kind()).containsExactlyElementsOf(keys);
            assertThat(node.get("kind").asText()).isEqualTo(e.getKey().kind());
            assertThat(node.get("message").asText()).isEqualTo(e.getKey().message());
        }
        assertThat(failure(new Failure.CredSspError(0xC000006DL, "STATUS_LOGON_FAILURE")).get("ntStatus").asText())
                .isEqualTo("0xC000006D");
        assertThat(failure(new Failure.TimedOut(Duration.ofMillis(1500), 0, "X")).get("limitMs").asDouble())
                .isEqualTo(1500.0);
        JsonNode stalled = failure(new Failure.TimedOut(Duration.ofMillis(380), 10, "X",
                Failure.TimedOut.LimitKind.OVERALL_DEADLINE, Duration.ofMillis(300), Duration.ofMillis(7)));
        assertThat(stalled.get("limitKind").asText()).isEqualTo("OVERALL_DEADLINE");
        assertThat(stalled.get("quietForMs").asDouble()).isEqualTo(300.0);
        assertThat(stalled.get("localLagMs").asDouble()).isEqualTo(7.0);
        assertThat(failure(new Failure.TimedOut(Duration.ofMillis(1500), 0, "X")).get("quietForMs").isNull()).isTrue();
    }

    @Test
    void aCodeWiderThan32BitsIsWrittenWholeNotCut() throws Exception {
        // a long NTSTATUS / flags value was cut to its low 32 bits: 0x8000000000000000 became "0x00000000",
        // contradicting the failure's own message
        JsonNode wide = failure(new Failure.CredSspError(0x8000000000000000L, null));
        assertThat(wide.get("ntStatus").asText()).isEqualTo("0x8000000000000000");
        assertThat(wide.get("message").asText()).contains("0x8000000000000000");
        assertThat(failure(new Failure.CredSspError(-1L, null)).get("ntStatus").asText()).isEqualTo("0xFFFFFFFFFFFFFFFF");
        assertThat(failure(new Failure.CredSspError(0x904L, null)).get("ntStatus").asText()).isEqualTo("0x00000904");
    }

    @Test
    void aNegativeIntIsWrittenAsItsUnsigned32Bits() throws Exception {
        // udpVersion was sign-extended: -1 became "0xFFFFFFFFFFFFFFFF", a value no 32-bit field can hold
        ConnectionOutcome o = SampleOutcomes.udpOnly(dev.rdpprobe.core.outcome.PhaseResult.ok(
                dev.rdpprobe.core.outcome.Phase.UDP_TRANSPORT, Duration.ZERO, Duration.ofMillis(1)));
        o = new ConnectionOutcome(o.target(), o.startedAt(), o.total(), o.phases(),
                o.server().withUdp(dev.rdpprobe.core.outcome.UdpFacts.of(true, 1, Duration.ofMillis(1), -1, null, null, null)),
                o.findings(), o.diagnosis());
        assertThat(MAPPER.readTree(OutcomeJson.toJson(o)).get("server").get("udp").get("udpVersion").asText()).isEqualTo("0xFFFFFFFF");
        assertThat(OutcomeJson.read(OutcomeJson.toJson(o))).isEqualTo(o);
    }

    @Test
    void millisecondsAreWrittenForEveryDuration() {
        assertThat(OutcomeWriter.millis(Duration.ofNanos(1_234_567))).isEqualTo(1.235);
        assertThat(OutcomeWriter.millis(Duration.ofNanos(-1_000_500))).isEqualTo(-1.0);
        assertThat(OutcomeWriter.millis(Duration.ofSeconds(-13_440_591_806L, 700_000_000))).isEqualTo(-13_440_591_805_300.0);
        assertThat(OutcomeWriter.millis(Duration.ofSeconds(Long.MAX_VALUE, 999_999_999))).isEqualTo(Long.MAX_VALUE * 1000.0);
        assertThat(OutcomeWriter.millis(Duration.ofSeconds(Long.MIN_VALUE))).isEqualTo(Long.MIN_VALUE * 1000.0);
    }

    @Test
    void prettyOutputHoldsTheSameDocument() throws Exception {
        String pretty = OutcomeJson.toJson(SampleOutcomes.everything(), JsonOptions.builder().pretty(true).build());
        assertThat(pretty).contains("\n  \"verdict\"");
        assertThat(MAPPER.readTree(pretty)).isEqualTo(MAPPER.readTree(OutcomeJson.toJson(SampleOutcomes.everything())));
    }

    @Test
    void writersToStreamsWriteTheSameBytesAndLeaveTheStreamOpen() throws Exception {
        ConnectionOutcome o = SampleOutcomes.everything();
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        OutcomeJson.write(o, bytes);
        java.io.StringWriter chars = new java.io.StringWriter();
        OutcomeJson.write(o, chars);
        assertThat(bytes.toString(java.nio.charset.StandardCharsets.UTF_8)).isEqualTo(OutcomeJson.toJson(o)).isEqualTo(chars.toString());
        chars.write("\n"); // still open
        bytes.write('\n');
    }

    private static JsonNode failure(Failure f) throws Exception {
        return MAPPER.readTree(JsonTrees.toText(OutcomeWriter.failure(f), JsonOptions.DEFAULTS));
    }

    private static List<String> names(JsonNode node) {
        List<String> out = new ArrayList<>();
        node.fieldNames().forEachRemaining(out::add);
        return out;
    }
}
