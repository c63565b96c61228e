package dev.rdpprobe.core.diagnosis;

import dev.rdpprobe.core.outcome.WindowsError;
import dev.rdpprobe.core.outcome.Diagnosis;
import dev.rdpprobe.core.outcome.DiagnosisCode;
import dev.rdpprobe.core.outcome.DiagnosisEntry;

import static dev.rdpprobe.core.diagnosis.OutcomeFixture.START;
import static dev.rdpprobe.core.diagnosis.OutcomeFixture.certificate;
import static dev.rdpprobe.core.diagnosis.OutcomeFixture.failingAt;
import static dev.rdpprobe.core.diagnosis.OutcomeFixture.healthy;
import static dev.rdpprobe.core.diagnosis.OutcomeFixture.negotiation;
import static dev.rdpprobe.core.diagnosis.OutcomeFixture.ntlm;
import static dev.rdpprobe.core.diagnosis.OutcomeFixture.tls;
import static dev.rdpprobe.core.diagnosis.OutcomeFixture.tlsWithVersions;
import static dev.rdpprobe.core.diagnosis.OutcomeFixture.udpOnly;
import static dev.rdpprobe.core.diagnosis.OutcomeFixture.unparseableLeaf;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rdpprobe.core.target.Target;
import dev.rdpprobe.core.outcome.ConnectionOutcome;
import dev.rdpprobe.core.outcome.CredSspFacts;
import dev.rdpprobe.core.outcome.EncryptionLevel;
import dev.rdpprobe.core.outcome.EncryptionMethod;
import dev.rdpprobe.core.outcome.Failure;
import dev.rdpprobe.core.outcome.FindingCode;
import dev.rdpprobe.core.outcome.ForeignProtocol;
import dev.rdpprobe.core.outcome.NtlmServerInfo;
import dev.rdpprobe.core.outcome.Phase;
import dev.rdpprobe.core.outcome.PhaseResult;
import dev.rdpprobe.core.outcome.PhaseStatus;
import dev.rdpprobe.core.outcome.ServerFacts;
import dev.rdpprobe.core.outcome.TlsVersionSupport;
import dev.rdpprobe.core.outcome.UdpFacts;
import dev.rdpprobe.core.outcome.NegotiationFailure;
import dev.rdpprobe.core.outcome.SecurityProtocol;
import dev.rdpprobe.core.outcome.SecurityProtocolSet;
import dev.rdpprobe.core.outcome.TlsVersion;
import dev.rdpprobe.core.outcome.WindowsErrorConfidence;
import java.time.Duration;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import dev.rdpprobe.core.outcome.CredentialCheck;
import dev.rdpprobe.core.outcome.CredentialVerdict;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class DiagnoserTest {

    private static Failure.TimedOut timeout(String what) {
        return new Failure.TimedOut(Duration.ofMillis(5000), 0, what);
    }

    /** A phase limit of 5000 ms that expired after {@code bytes} bytes of the answer, then {@code quietMs} of silence. */
    private static Failure.TimedOut stalled(String what, long bytes, long quietMs) {
        return new Failure.TimedOut(Duration.ofMillis(5000), bytes, what, Failure.TimedOut.LimitKind.PHASE_LIMIT,
                Duration.ofMillis(quietMs), Duration.ZERO);
    }

    /** One outcome per diagnosis code (at least), each built from the outcome records. */
    static Map<String, Map.Entry<DiagnosisCode, ConnectionOutcome>> scenarios() {
        Map<String, Map.Entry<DiagnosisCode, ConnectionOutcome>> s = new java.util.LinkedHashMap<>();
        s.put("healthy", Map.entry(DiagnosisCode.HEALTHY, healthy().build()));
        s.put("dns", Map.entry(DiagnosisCode.DNS_FAILED,
                failingAt(Phase.RESOLVE, new Failure.DnsFailed("rds01.example.com", "NXDOMAIN")).build()));
        s.put("dns timeout", Map.entry(DiagnosisCode.DNS_FAILED, failingAt(Phase.RESOLVE, timeout("DNS answer")).build()));
        s.put("refused", Map.entry(DiagnosisCode.TCP_REFUSED, failingAt(Phase.TCP_CONNECT, new Failure.Refused()).build()));
        s.put("filtered", Map.entry(DiagnosisCode.TCP_FILTERED, failingAt(Phase.TCP_CONNECT, timeout("SYN-ACK")).build()));
        s.put("unreachable", Map.entry(DiagnosisCode.TCP_UNREACHABLE,
                failingAt(Phase.TCP_CONNECT, new Failure.Unreachable("no route to host")).build()));
        s.put("not rdp", Map.entry(DiagnosisCode.NOT_RDP,
                failingAt(Phase.X224_NEGOTIATION, new Failure.NotRdp(ForeignProtocol.SSH, "SSH-2.0-OpenSSH_9.2")).build()));
        s.put("x224 silent", Map.entry(DiagnosisCode.X224_SILENT,
                failingAt(Phase.X224_NEGOTIATION, timeout("X.224 Connection Confirm")).build()));
        s.put("x224 stalled", Map.entry(DiagnosisCode.X224_STALLED,
                failingAt(Phase.X224_NEGOTIATION, stalled("X.224 Connection Confirm", 10, 4990)).build()));
        s.put("x224 silent until the deadline", Map.entry(DiagnosisCode.X224_SILENT, failingAt(Phase.X224_NEGOTIATION,
                new Failure.TimedOut(Duration.ofMillis(3841), 0, "X.224 Connection Confirm", Failure.TimedOut.LimitKind.OVERALL_DEADLINE,
                        Duration.ofMillis(3841), Duration.ZERO)).build()));
        s.put("x224 timed out while the prober lagged", Map.entry(DiagnosisCode.LOCAL_OVERLOAD, failingAt(Phase.X224_NEGOTIATION,
                new Failure.TimedOut(Duration.ofMillis(300), 0, "X.224 Connection Confirm", Failure.TimedOut.LimitKind.PHASE_LIMIT,
                        Duration.ofMillis(300), Duration.ofMillis(450)))
                .finding(FindingCode.LOCAL_OVERLOAD, "local event loop lagged 450 ms").build()));
        s.put("x224 closed midway", Map.entry(DiagnosisCode.X224_CLOSED,
                failingAt(Phase.X224_NEGOTIATION, new Failure.ClosedByPeer(7)).build()));
        s.put("x224 malformed", Map.entry(DiagnosisCode.X224_MALFORMED, failingAt(Phase.X224_NEGOTIATION,
                new Failure.MalformedPdu("X.224 Connection Confirm", "LI", 4, "length indicator 2 is below 6")).build()));
        s.put("x224 disconnect request", Map.entry(DiagnosisCode.X224_MALFORMED, failingAt(Phase.X224_NEGOTIATION,
                new Failure.UnexpectedPdu("X.224 Connection Confirm", "X.224 Disconnect Request")).build()));
        s.put("server denied (FIN)", Map.entry(DiagnosisCode.SERVER_DENIED_CONNECTION,
                failingAt(Phase.X224_NEGOTIATION, new Failure.ClosedByPeer(0)).build()));
        s.put("server denied (RST)", Map.entry(DiagnosisCode.SERVER_DENIED_CONNECTION,
                failingAt(Phase.X224_NEGOTIATION, new Failure.Reset(0)).build()));
        s.put("nla required", Map.entry(DiagnosisCode.NLA_REQUIRED_BY_SERVER, negFailure(5)));
        s.put("ssl required", Map.entry(DiagnosisCode.SSL_REQUIRED_BY_SERVER, negFailure(1)));
        s.put("ssl not allowed", Map.entry(DiagnosisCode.SSL_NOT_ALLOWED_BY_SERVER, negFailure(2)));
        s.put("no cert", Map.entry(DiagnosisCode.SSL_CERT_NOT_ON_SERVER, negFailure(3)));
        s.put("client cert", Map.entry(DiagnosisCode.CLIENT_CERT_REQUIRED, negFailure(6)));
        s.put("inconsistent flags", Map.entry(DiagnosisCode.NEGOTIATION_REFUSED, negFailure(4)));
        s.put("unknown neg code", Map.entry(DiagnosisCode.NEGOTIATION_REFUSED, negFailure(0x99)));
        s.put("protocol mismatch", Map.entry(DiagnosisCode.PROTOCOL_MISMATCH, failingAt(Phase.X224_NEGOTIATION,
                new Failure.ProtocolMismatch(SecurityProtocolSet.of(SecurityProtocol.SSL), SecurityProtocolSet.of(SecurityProtocol.HYBRID))).build()));
        s.put("standard rdp security", Map.entry(DiagnosisCode.STANDARD_RDP_SECURITY_ONLY, healthy()
                .server(f -> f.withNegotiation(negotiation(SecurityProtocolSet.DEFAULT_REQUEST, SecurityProtocolSet.of(SecurityProtocol.RDP), null))
                        .withTls(null).withCredssp(null))
                .finding(FindingCode.STANDARD_RDP_SECURITY_SELECTED, "the server selected RDP").build()));
        s.put("tls version refused", Map.entry(DiagnosisCode.TLS_VERSION_MISMATCH, failingAt(Phase.TLS_HANDSHAKE,
                new Failure.TlsVersionRefused("TLSv1.2, TLSv1.3", "the server answered with alert protocol_version")).build()));
        s.put("tls alert 70", Map.entry(DiagnosisCode.TLS_VERSION_MISMATCH, failingAt(Phase.TLS_HANDSHAKE,
                new Failure.TlsAlert(70, "protocol_version", true)).build()));
        s.put("tls legacy only", Map.entry(DiagnosisCode.TLS_VERSION_MISMATCH, healthy()
                .finding(FindingCode.TLS_LEGACY_ONLY, "the server accepts only TLSv1").build()));
        s.put("tls alert 40", Map.entry(DiagnosisCode.TLS_VERSION_OR_CIPHER_MISMATCH, failingAt(Phase.TLS_HANDSHAKE,
                new Failure.TlsAlert(40, "handshake_failure", true)).build()));
        s.put("tls no cipher", Map.entry(DiagnosisCode.TLS_NO_SHARED_CIPHER, failingAt(Phase.TLS_HANDSHAKE,
                new Failure.TlsNoSharedCipher("the server offered only TLS_RSA_WITH_RC4_128_SHA")).build()));
        s.put("tls cut", Map.entry(DiagnosisCode.TLS_CUT, failingAt(Phase.TLS_HANDSHAKE, new Failure.Reset(0)).build()));
        s.put("tls closed", Map.entry(DiagnosisCode.TLS_CUT, failingAt(Phase.TLS_HANDSHAKE, new Failure.ClosedByPeer(90)).build()));
        s.put("tls silent", Map.entry(DiagnosisCode.TLS_SILENT, failingAt(Phase.TLS_HANDSHAKE, timeout("TLS ServerHello")).build()));
        s.put("tls stalled", Map.entry(DiagnosisCode.TLS_STALLED, failingAt(Phase.TLS_HANDSHAKE, stalled("completed TLS handshake", 882, 4700)).build()));
        s.put("tls alert 80", Map.entry(DiagnosisCode.TLS_ALERT, failingAt(Phase.TLS_HANDSHAKE,
                new Failure.TlsAlert(80, "internal_error", true)).build()));
        s.put("not tls", Map.entry(DiagnosisCode.NOT_TLS, failingAt(Phase.TLS_HANDSHAKE, new Failure.NotTls("03 00 00 09 02 f0 80 21 80")).build()));
        s.put("tls error", Map.entry(DiagnosisCode.TLS_ERROR, failingAt(Phase.TLS_HANDSHAKE, new Failure.TlsError("bad record MAC")).build()));
        s.put("tls unavailable", Map.entry(DiagnosisCode.TLS_UNAVAILABLE, failingAt(Phase.TLS_HANDSHAKE,
                new Failure.TlsEngineUnavailable("no TLS engine on the class path; add the dependency dev.rdpprobe:rdp-probe-tls")).build()));
        // typed, not read from the words: a local error that merely mentions TLS says nothing about the engine
        s.put("local error worded like tls", Map.entry(DiagnosisCode.LOCAL_ERROR, failingAt(Phase.TLS_HANDSHAKE,
                new Failure.LocalError("channel error: javax.net.ssl.SSLException: engine closed")).build()));
        s.put("probe limit", Map.entry(DiagnosisCode.PROBE_LIMIT_EXCEEDED, failingAt(Phase.TLS_HANDSHAKE,
                new Failure.ProbeLimitExceeded("RSA keys of at most 8192 bits (rdp-probe's limit)",
                        "the server certificate (CN=rds01) has a 16384-bit RSA key")).build()));
        s.put("inspection timed out", Map.entry(DiagnosisCode.CERT_INSPECTION_TIMED_OUT, failingAt(Phase.TLS_HANDSHAKE,
                new Failure.LocalWorkTimedOut(Duration.ofMillis(2000), "inspection of the server's certificate chain")).build()));
        s.put("cert unparseable", Map.entry(DiagnosisCode.CERT_UNPARSEABLE, healthy()
                .server(f -> f.withTls(tls(unparseableLeaf())))
                .finding(FindingCode.CERT_UNPARSEABLE, "the server certificate could not be parsed: the JDK cannot parse it").build()));
        s.put("cert expired", Map.entry(DiagnosisCode.CERT_EXPIRED, healthy()
                .server(f -> f.withTls(tls(certificate(START.minus(Duration.ofDays(400)), START.minus(Duration.ofDays(35))))))
                .finding(FindingCode.CERT_EXPIRED, "expired").build()));
        s.put("cert not yet valid", Map.entry(DiagnosisCode.CERT_NOT_YET_VALID, healthy()
                .server(f -> f.withTls(tls(certificate(START.plus(Duration.ofDays(2)), START.plus(Duration.ofDays(400)))))).build()));
        s.put("clock skew", Map.entry(DiagnosisCode.CLOCK_SKEW, healthy()
                .server(f -> f.withCredssp(CredSspFacts.challenge(6, false, ntlm(Duration.ofMinutes(-17).minusSeconds(4))))).build()));
        s.put("credssp closed", Map.entry(DiagnosisCode.CREDSSP_CLOSED, failingAt(Phase.CREDSSP, new Failure.ClosedByPeer(0)).build()));
        s.put("credssp reset", Map.entry(DiagnosisCode.CREDSSP_CLOSED, failingAt(Phase.CREDSSP, new Failure.Reset(0)).build()));
        s.put("credssp silent", Map.entry(DiagnosisCode.CREDSSP_SILENT, failingAt(Phase.CREDSSP, timeout("TSRequest")).build()));
        s.put("credssp stalled", Map.entry(DiagnosisCode.CREDSSP_STALLED, failingAt(Phase.CREDSSP, stalled("CredSSP TSRequest", 8, 4900)).build()));
        s.put("credssp error", Map.entry(DiagnosisCode.CREDSSP_ERROR, failingAt(Phase.CREDSSP,
                new Failure.CredSspError(0xC00700EAL, "HRESULT_FROM_NT(ERROR_MORE_DATA)")).build()));
        s.put("credssp not credssp", Map.entry(DiagnosisCode.CREDSSP_NOT_CREDSSP, failingAt(Phase.CREDSSP,
                new Failure.NotRdp(ForeignProtocol.UNKNOWN, "03 00 00 09 02 f0 80 21 80")).build()));
        s.put("mcs closed", Map.entry(DiagnosisCode.MCS_CLOSED, failingAt(Phase.MCS_CONNECT, new Failure.ClosedByPeer(0)).build()));
        s.put("mcs ultimatum", Map.entry(DiagnosisCode.MCS_CLOSED, failingAt(Phase.MCS_CONNECT,
                new Failure.UnexpectedPdu("MCS Connect Response", "MCS Disconnect Provider Ultimatum (rn-provider-initiated)")).build()));
        s.put("mcs silent", Map.entry(DiagnosisCode.MCS_SILENT, failingAt(Phase.MCS_CONNECT, timeout("MCS Connect Response")).build()));
        s.put("mcs stalled", Map.entry(DiagnosisCode.MCS_STALLED, failingAt(Phase.MCS_CONNECT,
                stalled("MCS Connect Response", 40, 4900)).build()));
        s.put("mcs refused", Map.entry(DiagnosisCode.MCS_REFUSED, failingAt(Phase.MCS_CONNECT,
                new Failure.UnexpectedPdu("MCS Connect Response with rt-successful", "MCS Connect Response (rt-not-admitted)")).build()));
        s.put("mcs malformed", Map.entry(DiagnosisCode.MCS_MALFORMED, failingAt(Phase.MCS_CONNECT,
                new Failure.MalformedPdu("MCS Connect Response", "h221NonStandard", 60, "the server's key is not \"McDn\"")).build()));
        s.put("udp blocked", Map.entry(DiagnosisCode.UDP_BLOCKED, healthy()
                .udpFailed(new Failure.UdpNoAnswer(3, Duration.ofMillis(9000)))
                .finding(FindingCode.UDP_BLOCKED, "UDP 3389 did not answer").build()));
        s.put("udp not offered", Map.entry(DiagnosisCode.UDP_NOT_OFFERED, healthy()
                .server(f -> f.withMcs(McsFindingsTest.standardSecurity(EncryptionMethod.RC4_128BIT, EncryptionLevel.HIGH, 2048, null)))
                .udpFailed(new Failure.UdpNoAnswer(3, Duration.ofMillis(9000))).build()));
        s.put("udp-only blocked", Map.entry(DiagnosisCode.UDP_BLOCKED, udpOnly().udpFailed(new Failure.UdpNoAnswer(3, Duration.ofMillis(9000))).build()));
        s.put("udp-only closed", Map.entry(DiagnosisCode.UDP_CLOSED, udpOnly().udpFailed(new Failure.UdpPortClosed()).build()));
        s.put("udp-only invalid", Map.entry(DiagnosisCode.UDP_INVALID, udpOnly()
                .udpFailed(new Failure.UdpInvalidAnswer("snSourceAck does not echo our ISN", 1232)).build()));
        s.put("udp invalid, tcp fine", Map.entry(DiagnosisCode.UDP_INVALID, healthy()
                .udpFailed(new Failure.UdpInvalidAnswer("too short", 12)).build()));
        s.put("udp-only healthy", Map.entry(DiagnosisCode.HEALTHY, udpOnly().build()));
        s.put("local error", Map.entry(DiagnosisCode.LOCAL_ERROR, failingAt(Phase.TCP_CONNECT,
                new Failure.LocalError("no free local port (EADDRNOTAVAIL)")).build()));
        s.put("udp-only, udp skipped too", Map.entry(DiagnosisCode.LOCAL_ERROR, udpOnly().udpSkipped().build()));
        s.put("self-connected", Map.entry(DiagnosisCode.TCP_SELF_CONNECTED, failingAt(Phase.TCP_CONNECT,
                new Failure.SelfConnected("127.0.0.1:40001")).build()));
        s.put("out of fds at connect", Map.entry(DiagnosisCode.OUT_OF_FILE_DESCRIPTORS, failingAt(Phase.TCP_CONNECT,
                new Failure.OutOfFileDescriptors("Too many open files")).build()));
        s.put("out of fds for udp, tcp fine", Map.entry(DiagnosisCode.OUT_OF_FILE_DESCRIPTORS, healthy()
                .udpFailed(new Failure.OutOfFileDescriptors("Too many open files")).build()));
        s.put("internal error in x224", Map.entry(DiagnosisCode.INTERNAL_ERROR, failingAt(Phase.X224_NEGOTIATION,
                new Failure.Internal("reading a PDU from the server", "IllegalStateException: boom")).build()));
        s.put("internal error in udp, tcp fine", Map.entry(DiagnosisCode.INTERNAL_ERROR, healthy()
                .udpFailed(new Failure.Internal("probing UDP", "no result 250 ms after the deadline")).build()));
        credentialScenarios(s);
        return s;
    }

    static final String ACCOUNT = "LAB\\alice";

    /** One scenario per outcome of the credential check (CREDSSP_AUTH). */
    private static void credentialScenarios(Map<String, Map.Entry<DiagnosisCode, ConnectionOutcome>> s) {
        s.put("credentials accepted", Map.entry(DiagnosisCode.CREDENTIALS_ACCEPTED, healthy()
                .phase(PhaseResult.ok(Phase.CREDSSP_AUTH, Duration.ofMillis(50), Duration.ofMillis(9)))
                .server(f -> f.withCredentialCheck(new CredentialCheck(CredentialVerdict.ACCEPTED, ACCOUNT, Optional.empty(),
                        Optional.empty(), Optional.of(6), "accepted"))).build()));
        s.put("credentials rejected", Map.entry(DiagnosisCode.CREDENTIALS_REJECTED,
                refused(CredentialVerdict.REJECTED, 0xC000006DL, "STATUS_LOGON_FAILURE")));
        s.put("account locked out", Map.entry(DiagnosisCode.ACCOUNT_LOCKED_OUT,
                refused(CredentialVerdict.ACCOUNT_LOCKED_OUT, 0xC0000234L, "STATUS_ACCOUNT_LOCKED_OUT")));
        s.put("account disabled", Map.entry(DiagnosisCode.ACCOUNT_DISABLED,
                refused(CredentialVerdict.ACCOUNT_DISABLED, 0xC0000072L, "STATUS_ACCOUNT_DISABLED")));
        s.put("account expired", Map.entry(DiagnosisCode.ACCOUNT_EXPIRED,
                refused(CredentialVerdict.ACCOUNT_EXPIRED, 0xC0000193L, "STATUS_ACCOUNT_EXPIRED")));
        s.put("password expired", Map.entry(DiagnosisCode.PASSWORD_EXPIRED,
                refused(CredentialVerdict.PASSWORD_EXPIRED, 0xC0000071L, "STATUS_PASSWORD_EXPIRED")));
        s.put("password must change", Map.entry(DiagnosisCode.PASSWORD_MUST_CHANGE,
                refused(CredentialVerdict.PASSWORD_MUST_CHANGE, 0xC0000224L, "STATUS_PASSWORD_MUST_CHANGE")));
        s.put("logon hours", Map.entry(DiagnosisCode.ACCOUNT_RESTRICTED,
                refused(CredentialVerdict.ACCOUNT_RESTRICTED, 0xC000006FL, "STATUS_INVALID_LOGON_HOURS")));
        s.put("ntlm blocked", Map.entry(DiagnosisCode.NTLM_REFUSED,
                refused(CredentialVerdict.NTLM_REFUSED, 0xC0000418L, "STATUS_NTLM_BLOCKED")));
        s.put("credential check, other error", Map.entry(DiagnosisCode.CREDENTIALS_SERVER_ERROR,
                refused(CredentialVerdict.SERVER_ERROR, 0xC0000022L, "STATUS_ACCESS_DENIED")));
        s.put("pubKeyAuth wrong", Map.entry(DiagnosisCode.PUBKEYAUTH_INVALID, failingAt(Phase.CREDSSP_AUTH,
                new Failure.PubKeyAuthInvalid(false, "not the key the probe saw"))
                .server(f -> f.withCredentialCheck(new CredentialCheck(CredentialVerdict.PUBKEYAUTH_WRONG, ACCOUNT, Optional.empty(),
                        Optional.empty(), Optional.of(6), "wrong"))).build()));
        s.put("closed after authenticate", Map.entry(DiagnosisCode.CREDSSP_AUTH_CLOSED, failingAt(Phase.CREDSSP_AUTH,
                new Failure.ClosedByPeer(0)).server(f -> f.withCredentialCheck(new CredentialCheck(CredentialVerdict.CLOSED, ACCOUNT,
                        Optional.empty(), Optional.empty(), Optional.of(6), "closed"))).build()));
        s.put("silent after authenticate", Map.entry(DiagnosisCode.CREDSSP_AUTH_SILENT, failingAt(Phase.CREDSSP_AUTH,
                timeout("CredSSP answer to the AUTHENTICATE")).server(f -> f.withCredentialCheck(new CredentialCheck(
                        CredentialVerdict.TIMED_OUT, ACCOUNT, Optional.empty(), Optional.empty(), Optional.of(6), "silent"))).build()));
        s.put("credentials, no NLA", Map.entry(DiagnosisCode.CREDENTIALS_NOT_CHECKED_NO_NLA, healthy()
                .phase(PhaseResult.skipped(Phase.CREDSSP, "the server selected SSL, which has no CredSSP"))
                .phase(PhaseResult.skipped(Phase.CREDSSP_AUTH, "not checked: no NLA"))
                .server(f -> f.withNegotiation(negotiation(SecurityProtocolSet.DEFAULT_REQUEST, SecurityProtocolSet.of(SecurityProtocol.SSL),
                        null)).withCredssp(null).withCredentialCheck(CredentialCheck.notChecked(CredentialVerdict.NOT_CHECKED_NO_NLA,
                        ACCOUNT, "not checked: no NLA"))).build()));
        s.put("credentials, certificate unverified", Map.entry(DiagnosisCode.CREDENTIALS_NOT_CHECKED_UNVERIFIED, healthy()
                .phase(PhaseResult.skipped(Phase.CREDSSP_AUTH, "not checked: certificate not verified"))
                .server(f -> f.withCredentialCheck(CredentialCheck.notChecked(CredentialVerdict.NOT_CHECKED_CERTIFICATE_NOT_VERIFIED,
                        ACCOUNT, "the certificate is not trusted"))).build()));
        s.put("credentials, no MD4 here", Map.entry(DiagnosisCode.CREDENTIALS_NOT_CHECKED_LOCAL, healthy()
                .phase(PhaseResult.skipped(Phase.CREDSSP_AUTH, "not checked: no MD4"))
                .server(f -> f.withCredentialCheck(CredentialCheck.notChecked(CredentialVerdict.NOT_CHECKED_LOCAL,
                        ACCOUNT, "no MD4 implementation on the class path (add rdp-probe-tls)"))).build()));
    }

    private static ConnectionOutcome refused(CredentialVerdict verdict, long status, String name) {
        return failingAt(Phase.CREDSSP_AUTH, new Failure.CredentialsRefused(verdict, status, name))
                .server(f -> f.withCredentialCheck(new CredentialCheck(verdict, ACCOUNT, Optional.of(status), Optional.of(name),
                        Optional.of(6), "the server answered the AUTHENTICATE with " + name))).build();
    }

    @Test
    void aRefusedAccountShowsTheWindowsCodeOfItsStatusAndNeverThePassword() {
        assertThat(Diagnoser.diagnose(refused(CredentialVerdict.ACCOUNT_LOCKED_OUT, 0xC0000234L, "STATUS_ACCOUNT_LOCKED_OUT"))
                .windowsError()).map(WindowsError::disconnectReason).contains(0xD07);
        assertThat(Diagnoser.diagnose(refused(CredentialVerdict.REJECTED, 0xC0000064L, "STATUS_NO_SUCH_USER"))
                .windowsError()).map(WindowsError::disconnectReason).contains(0xA07);
        Diagnosis d = Diagnoser.diagnose(refused(CredentialVerdict.REJECTED, 0xC000006DL, "STATUS_LOGON_FAILURE"));
        assertThat(d.summary()).contains("LAB\\alice", "STATUS_LOGON_FAILURE");
        assertThat(d.remedies()).anySatisfy(r -> assertThat(r).contains("cmdkey /delete:TERMSRV/rds01.example.com"));
    }

    private static ConnectionOutcome negFailure(int code) {
        NegotiationFailure c = new NegotiationFailure(code);
        return failingAt(Phase.X224_NEGOTIATION, new Failure.NegotiationFailed(c))
                .server(f -> f.withNegotiation(negotiation(SecurityProtocolSet.of(SecurityProtocol.SSL), null, c)))
                .build();
    }

    static Stream<Arguments> cases() {
        return scenarios().entrySet().stream().map(e -> Arguments.of(e.getKey(), e.getValue().getKey(), e.getValue().getValue()));
    }

    @Test
    void everyDiagnosisCodeIsReachableFromAnOutcome() {
        EnumSet<DiagnosisCode> reached = EnumSet.noneOf(DiagnosisCode.class);
        scenarios().values().forEach(e -> reached.add(Diagnoser.diagnose(e.getValue()).code()));
        assertThat(reached).containsExactlyInAnyOrder(DiagnosisCode.values());
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("cases")
    void diagnosesTheScenario(String name, DiagnosisCode expected, ConnectionOutcome outcome) {
        Diagnosis d = Diagnoser.diagnose(outcome);
        assertThat(d.code()).isEqualTo(expected);
        assertThat(d.summary()).doesNotContain("{", "}", "null").endsWith(".");
        assertThat(d.remedies()).isNotEmpty().allSatisfy(r -> assertThat(r).doesNotContain("{", "null"));
        DiagnosisEntry entry = DiagnosisTable.standard().entry(expected);
        assertThat(d.remedies()).hasSameSizeAs(entry.remedyTemplates());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void windowsPairIsTheTablesPair(String name, DiagnosisCode expected, ConnectionOutcome outcome) {
        Diagnosis d = Diagnoser.diagnose(outcome);
        // the one exception: a credential check's refusal with a status the Windows table maps shows that status's pair
        Optional<WindowsError> mapped = outcome.failure().filter(f -> f instanceof Failure.CredentialsRefused)
                .flatMap(f -> WindowsCodeTable.standard().ntStatus(((Failure.CredentialsRefused) f).ntStatus()))
                .map(m -> new WindowsError((int) m.disconnectReason(), 0, m.confidence()));
        assertThat(d.windowsError()).isEqualTo(mapped.isPresent() ? mapped : DiagnosisTable.standard().entry(d.code()).windowsError());
    }

    @Test
    void isAPureFunctionOfTheOutcomeAndIgnoresAnExistingDiagnosis() {
        ConnectionOutcome outcome = failingAt(Phase.TCP_CONNECT, new Failure.Refused()).build();
        Diagnosis first = Diagnoser.diagnose(outcome);
        Diagnosis bogus = new Diagnosis(DiagnosisCode.HEALTHY, "bogus", Optional.empty(), List.of());
        assertThat(Diagnoser.diagnose(outcome.withDiagnosis(bogus))).isEqualTo(first);
        assertThat(Diagnoser.diagnose(outcome)).isEqualTo(first);
    }

    @Test
    void summariesCarryTheOutcomesFacts() {
        Map<String, Map.Entry<DiagnosisCode, ConnectionOutcome>> s = scenarios();
        assertThat(summary(s, "dns")).contains("rds01.example.com", "NXDOMAIN");
        assertThat(summary(s, "filtered")).contains("5000 ms", "3389");
        assertThat(summary(s, "nla required")).contains("RDP_NEG_FAILURE 5", "HYBRID_REQUIRED_BY_SERVER", "SSL");
        assertThat(summary(s, "not rdp")).contains("an SSH banner", "SSH-2.0-OpenSSH_9.2");
        assertThat(summary(s, "tls version refused")).contains("TLSv1.2, TLSv1.3");
        assertThat(summary(s, "cert expired")).contains("CN=rds01.example.com", "2025-02-07");
        assertThat(summary(s, "cert not yet valid")).contains("2025-03-16");
        assertThat(summary(s, "clock skew")).contains("by 17 min, the server being behind").doesNotContain("server time");
        assertThat(summary(s, "credssp error")).contains("HRESULT_FROM_NT(ERROR_MORE_DATA)", "0xC00700EA");
        assertThat(summary(s, "credssp closed")).contains("TLSv1.2", "HYBRID_EX", "before sending anything");
        assertThat(summary(s, "udp blocked")).contains("3 RDPEUDP SYN", "every TCP phase passed").doesNotContain("9000");
        assertThat(summary(s, "healthy")).contains("HYBRID_EX", "TLSv1.2", "CredSSP v6", "Windows Server 2019", "answered", "no findings");
        assertThat(summary(s, "server denied (RST)")).contains("reset");
        assertThat(summary(s, "tls legacy only")).contains("accepts only TLSv1");
        assertThat(summary(s, "x224 silent")).contains("not one byte", "5000 ms");
        assertThat(summary(s, "x224 stalled")).contains("stalled", "10 bytes", "4990 ms", "5000 ms").doesNotContain("hung, or");
        assertThat(summary(s, "x224 silent until the deadline")).contains("3841 ms (what was left of the overall deadline)");
        assertThat(summary(s, "tls stalled")).contains("882 bytes", "4700 ms").doesNotContain("not one byte");
        assertThat(summary(s, "credssp stalled")).contains("8 bytes", "4900 ms");
        assertThat(summary(s, "x224 timed out while the prober lagged")).contains("450 ms", "300 ms", "prober's", "X224_NEGOTIATION");
        assertThat(summary(s, "self-connected")).contains("port is closed", "connected the probe's socket to itself", "3389");
        assertThat(summary(s, "out of fds at connect")).contains("ran out of file descriptors", "Too many open files", "TCP_CONNECT",
                "says nothing about the server");
        assertThat(summary(s, "out of fds for udp, tcp fine")).contains("UDP_TRANSPORT");
        assertThat(summary(s, "internal error in x224")).contains("bug in rdp-probe", "reading a PDU from the server", "boom");
    }

    /**
     * Two probes of an unchanged server an hour apart differ in what was measured (phase times, the
     * UDP round trip, how long UDP was waited for, the clock skew by network jitter, the server's
     * clock reading) but not in the diagnosis text: those numbers belong in the fields.
     */
    @Test
    void measuredNumbersStayOutOfTheText() {
        for (Map.Entry<String, Map.Entry<DiagnosisCode, ConnectionOutcome>> e : scenarios().entrySet()) {
            ConnectionOutcome first = e.getValue().getValue();
            Diagnosis a = Diagnoser.diagnose(first);
            Diagnosis b = Diagnoser.diagnose(laterRun(first));
            assertThat(b.summary()).as(e.getKey()).isEqualTo(a.summary());
            assertThat(b.remedies()).as(e.getKey()).isEqualTo(a.remedies());
        }
    }

    @Test
    void clockSkewIsToldInWholeUnitsRoundedDown() {
        assertThat(skewSummary(Duration.ofMinutes(7).plusSeconds(59))).contains("by 7 min, the server being ahead");
        assertThat(skewSummary(Duration.ofMinutes(-7).minusMillis(400))).contains("by 7 min, the server being behind");
        assertThat(skewSummary(Duration.ofHours(2).plusMinutes(3).plusSeconds(30))).contains("by 2 h 3 min, the server being ahead");
        assertThat(skewSummary(Duration.ofDays(-1).minusHours(5))).contains("by 1 day, the server being behind");
        assertThat(skewSummary(Duration.ofSeconds(-13_440_591_806L, 700_000_000))).contains("by 155562 days, the server being behind");
        assertThat(skewSummary(Duration.ofSeconds(Long.MIN_VALUE))).contains("days, the server being behind");
        assertThat(skewSummary(Duration.ofSeconds(Long.MAX_VALUE, 999_999_999))).contains("days, the server being ahead");
    }

    private static String skewSummary(Duration skew) {
        // No server time: an instant skew away from START may lie outside Instant's range; the text does not use it.
        NtlmServerInfo n = new NtlmServerInfo("EXAMPLE", "RDS01", "EXAMPLE", null, null, null, "10.0.17763", 17763, null,
                null, skew, 0xE28A8215L);
        return Diagnoser.diagnose(healthy().server(f -> f.withCredssp(CredSspFacts.challenge(6, false, n))).build()).summary();
    }

    /** The same outcome measured again an hour later: every measured time a little different, nothing else. */
    private static ConnectionOutcome laterRun(ConnectionOutcome o) {
        Duration jitter = Duration.ofMillis(7).plusNanos(123_456);
        List<PhaseResult> phases = o.phases().stream().map(p -> {
            Optional<Failure> f = p.failure().orElse(null) instanceof Failure.UdpNoAnswer n
                    ? Optional.of(new Failure.UdpNoAnswer(n.attempts(), n.waited().plus(jitter))) : p.failure();
            boolean ran = p.status() != PhaseStatus.SKIPPED && p.status() != PhaseStatus.NOT_REACHED;
            return new PhaseResult(p.phase(), p.status(), ran ? p.startOffset().plus(jitter) : p.startOffset(),
                    ran ? p.elapsed().plus(jitter) : p.elapsed(), f, p.note());
        }).toList();
        ServerFacts s = o.server();
        if (s.udp().flatMap(UdpFacts::roundTrip).isPresent()) {
            UdpFacts u = s.udp().orElseThrow();
            s = s.withUdp(new UdpFacts(u.answered(), u.attempts(), u.roundTrip().map(r -> r.plus(jitter)), u.roundTripFromSyn(), u.udpVersion(),
                    u.upstreamMtu(), u.downstreamMtu(), u.receiveWindow()));
        }
        if (s.credssp().flatMap(CredSspFacts::ntlm).map(NtlmServerInfo::clockSkew).isPresent()) {
            CredSspFacts c = s.credssp().orElseThrow();
            NtlmServerInfo n = c.ntlm().orElseThrow();
            NtlmServerInfo later = new NtlmServerInfo(n.targetName(), n.netbiosComputerName(), n.netbiosDomainName(),
                    n.dnsComputerName(), n.dnsDomainName(), n.dnsTreeName(), n.osVersion(), n.osBuild(), n.windowsRelease(),
                    n.serverTime() == null ? null : n.serverTime().plus(Duration.ofHours(1)).plus(jitter),
                    n.clockSkew().plus(jitter), n.negotiateFlags());
            s = s.withCredssp(new CredSspFacts(c.version(), c.spnegoWrapped(), Optional.of(later), c.errorCode(), c.errorName()));
        }
        return new ConnectionOutcome(o.target(), o.startedAt().plus(Duration.ofHours(1)), o.total().plus(jitter), phases, s,
                o.findings(), null);
    }

    @Test
    void anOutcomeThatCouldNotBeInterpretedGetsTheInternalErrorEntry() {
        ConnectionOutcome outcome = healthy().build();
        Diagnosis d = Diagnoser.internalError(outcome, new Failure.Internal("deriving the findings", "ArithmeticException: / by zero"));
        assertThat(d.code()).isEqualTo(DiagnosisCode.INTERNAL_ERROR);
        assertThat(d.summary()).contains(outcome.target().toString(), "deriving the findings", "/ by zero").doesNotContain("{");
        assertThat(d.remedies()).hasSameSizeAs(DiagnosisTable.standard().entry(DiagnosisCode.INTERNAL_ERROR).remedyTemplates());
    }

    private static String summary(Map<String, Map.Entry<DiagnosisCode, ConnectionOutcome>> s, String key) {
        return Diagnoser.diagnose(s.get(key).getValue()).summary();
    }

    @Test
    void aTimeOutIsSilentOnlyWithoutAByteAndTheProbersOnlyWithLag() {
        for (Phase phase : List.of(Phase.X224_NEGOTIATION, Phase.TLS_HANDSHAKE, Phase.CREDSSP)) {
            assertThat(Diagnoser.diagnose(failingAt(phase, stalled("x", 0, 5000)).build()).code().name()).endsWith("_SILENT");
            assertThat(Diagnoser.diagnose(failingAt(phase, stalled("x", 1, 5000)).build()).code().name()).endsWith("_STALLED");
            Failure.TimedOut lagged = new Failure.TimedOut(Duration.ofMillis(1000), 1, "x", Failure.TimedOut.LimitKind.PHASE_LIMIT,
                    Duration.ofMillis(900), Duration.ofMillis(201));
            assertThat(Diagnoser.diagnose(failingAt(phase, lagged).build()).code()).as("lag over a fifth of the limit, no finding needed")
                    .isEqualTo(DiagnosisCode.LOCAL_OVERLOAD);
            Failure.TimedOut jitter = new Failure.TimedOut(Duration.ofMillis(1000), 0, "x", Failure.TimedOut.LimitKind.PHASE_LIMIT,
                    Duration.ofMillis(1000), Duration.ofMillis(199));
            assertThat(Diagnoser.diagnose(failingAt(phase, jitter).build()).code().name()).endsWith("_SILENT");
        }
    }

    @Test
    void handshakeFailureAlertSaysVersionOrCipherAndUsesEnumerationWhenPresent() {
        Diagnosis plain = Diagnoser.diagnose(failingAt(Phase.TLS_HANDSHAKE, new Failure.TlsAlert(40, "handshake_failure", true)).build());
        assertThat(plain.summary()).contains("no common TLS version or no common cipher suite", "enumeration");

        ConnectionOutcome enumerated = failingAt(Phase.TLS_HANDSHAKE, new Failure.TlsAlert(40, "handshake_failure", true))
                .server(f -> f.withTls(tlsWithVersions(List.of(
                        new TlsVersionSupport(TlsVersion.TLS_1_0, true, Optional.of("TLS_RSA_WITH_AES_128_CBC_SHA"), Optional.empty()),
                        TlsVersionSupport.refused(TlsVersion.TLS_1_2, "handshake_failure")))))
                .build();
        assertThat(Diagnoser.diagnose(enumerated).summary()).contains("accepted TLSv1", "refused TLSv1.2 (handshake_failure)");
    }

    @Test
    void credSspErrorWithAKnownStatusShowsTheMappedWindowsCode() {
        Diagnosis d = Diagnoser.diagnose(failingAt(Phase.CREDSSP, new Failure.CredSspError(0xC000006DL, "STATUS_LOGON_FAILURE")).build());
        assertThat(d.code()).isEqualTo(DiagnosisCode.CREDSSP_ERROR);
        assertThat(d.windowsError()).contains(new WindowsError(0x807, 0, WindowsErrorConfidence.LIKELY));
        assertThat(d.summary()).contains("STATUS_LOGON_FAILURE (0xC000006D)");
    }

    @Test
    void closedUdpPortNextToHealthyTcpIsHealthyWithARemark() {
        Diagnosis d = Diagnoser.diagnose(healthy().udpFailed(new Failure.UdpPortClosed())
                .finding(FindingCode.UDP_CLOSED, "UDP 3389 is closed").build());
        assertThat(d.code()).isEqualTo(DiagnosisCode.HEALTHY);
        assertThat(d.summary()).contains("UDP 3389 is closed", "TCP only", "1 finding to review: UDP_CLOSED");
    }

    @Test
    void aFailedTcpPhaseOutranksFindings() {
        ConnectionOutcome outcome = failingAt(Phase.CREDSSP, new Failure.ClosedByPeer(0))
                .finding(FindingCode.CERT_EXPIRED, "expired").finding(FindingCode.UDP_BLOCKED, "blocked").build();
        assertThat(Diagnoser.diagnose(outcome).code()).isEqualTo(DiagnosisCode.CREDSSP_CLOSED);
    }

    @Test
    void findingsFollowThePriorityOrder() {
        ConnectionOutcome all = healthy()
                .udpFailed(new Failure.UdpNoAnswer(3, Duration.ofSeconds(9)))
                .finding(FindingCode.STANDARD_RDP_SECURITY_SELECTED, "rdp")
                .finding(FindingCode.UDP_BLOCKED, "udp")
                .finding(FindingCode.CLOCK_SKEW, "skew of 20 minutes")
                .finding(FindingCode.CERT_EXPIRED, "expired")
                .build();
        assertThat(Diagnoser.diagnose(all).code()).isEqualTo(DiagnosisCode.CERT_EXPIRED);
        ConnectionOutcome noCert = healthy().udpFailed(new Failure.UdpNoAnswer(3, Duration.ofSeconds(9)))
                .finding(FindingCode.STANDARD_RDP_SECURITY_SELECTED, "rdp").finding(FindingCode.CLOCK_SKEW, "skew of 20 minutes").build();
        Diagnosis skew = Diagnoser.diagnose(noCert);
        assertThat(skew.code()).isEqualTo(DiagnosisCode.CLOCK_SKEW);
        ConnectionOutcome udpAndRdp = healthy().udpFailed(new Failure.UdpNoAnswer(3, Duration.ofSeconds(9)))
                .finding(FindingCode.STANDARD_RDP_SECURITY_SELECTED, "rdp").build();
        assertThat(Diagnoser.diagnose(udpAndRdp).code()).isEqualTo(DiagnosisCode.UDP_BLOCKED);
    }

    @Test
    void smallClockSkewIsHealthy() {
        assertThat(Diagnoser.diagnose(healthy().server(f -> f.withCredssp(
                CredSspFacts.challenge(6, false, ntlm(Duration.ofMinutes(4))))).build()).code())
                .isEqualTo(DiagnosisCode.HEALTHY);
    }

    @Test
    void localErrorInTlsThatIsNotAboutTlsIsALocalError() {
        Diagnosis d = Diagnoser.diagnose(failingAt(Phase.TLS_HANDSHAKE, new Failure.LocalError("out of file descriptors")).build());
        assertThat(d.code()).isEqualTo(DiagnosisCode.LOCAL_ERROR);
        assertThat(d.summary()).contains("TLS_HANDSHAKE", "out of file descriptors");
    }

    @Test
    void remediesNameTheTargetsPortAndHost() {
        ConnectionOutcome outcome = failingAt(Phase.TCP_CONNECT, timeout("SYN-ACK")).target(Target.of("fe80::1", 3390)).build();
        Diagnosis d = Diagnoser.diagnose(outcome);
        assertThat(d.summary()).contains("[fe80::1]:3390", "port 3390");
        assertThat(d.remedies().get(0)).contains("Allow TCP 3390");
        Diagnosis healthy = Diagnoser.diagnose(healthy().build());
        assertThat(healthy.remedies()).anySatisfy(r -> assertThat(r).contains("cmdkey /delete:TERMSRV/rds01.example.com"));
    }

    @Test
    void summariesOfEveryCodeAreDistinctSentences() {
        Map<DiagnosisCode, String> first = new EnumMap<>(DiagnosisCode.class);
        scenarios().values().forEach(e -> first.putIfAbsent(e.getKey(), Diagnoser.diagnose(e.getValue()).summary()));
        assertThat(first.values()).doesNotHaveDuplicates();
    }
}
