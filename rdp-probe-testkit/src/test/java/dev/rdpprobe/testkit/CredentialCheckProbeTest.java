package dev.rdpprobe.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rdpprobe.core.ProbeOptions;
import dev.rdpprobe.core.RdpProber;
import dev.rdpprobe.core.outcome.ConnectionOutcome;
import dev.rdpprobe.core.outcome.CredentialCheck;
import dev.rdpprobe.core.outcome.CredentialVerdict;
import dev.rdpprobe.core.outcome.DiagnosisCode;
import dev.rdpprobe.core.outcome.Failure;
import dev.rdpprobe.core.outcome.FindingCode;
import dev.rdpprobe.core.outcome.Phase;
import dev.rdpprobe.core.outcome.PhaseStatus;
import dev.rdpprobe.core.outcome.SecurityProtocol;
import dev.rdpprobe.core.target.Credentials;
import dev.rdpprobe.testkit.tls.TestCertificate;
import dev.rdpprobe.testkit.tls.TestCertificates;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The credential check (CREDSSP_AUTH) through whole probes against the fake NLA server, which verifies the NTLMv2
 * response, the MIC, the channel bindings and the pubKeyAuth for real. No probe ever sends authInfo.
 */
class CredentialCheckProbeTest {

    static final String PASSWORD = "S3cret-pass!";
    /** The server's certificate: self-signed, so the check needs its thumbprint pinned. */
    static final TestCertificate CERT = TestCertificates.localhost();

    /** A healthy NLA server presenting {@link #CERT}, answering CredSSP as {@code step} says. */
    static Scenario nla(CredSspStep step) {
        return Scenario.healthy().withTls(TlsStep.with(CERT)).withCredSsp(step);
    }

    static String pin() throws Exception {
        byte[] der = CERT.der();
        return HexFormat.ofDelimiter(":").formatHex(MessageDigest.getInstance("SHA-256").digest(der)).toLowerCase(Locale.ROOT);
    }

    static ProbeOptions.Builder options(Credentials credentials) throws Exception {
        return ProbeOptions.builder().udp(false).phaseTimeout(Duration.ofSeconds(2)).deadline(Duration.ofSeconds(10))
                .credentials(credentials).trustThumbprint(pin());
    }

    record Probe(ConnectionOutcome outcome, RecordedConnection connection) {
        CredentialCheck check() {
            return outcome.server().credentialCheck().orElseThrow();
        }
    }

    static Probe probe(ProbeOptions options, Scenario scenario) throws InterruptedException {
        try (RdpProber prober = RdpProber.builder().options(options).build(); FakeRdpServer server = FakeRdpServer.start(scenario)) {
            ConnectionOutcome o = prober.probe(server.target()).join();
            RecordedConnection c = server.takeConnection(Duration.ofSeconds(5)).orElseThrow();
            return new Probe(o, c);
        }
    }

    static Probe probe(String account, String password, CredSspStep step) throws Exception {
        return probe(options(Credentials.parse(account, password.toCharArray())).build(), nla(step));
    }

    static final CredSspStep.Nla ALICE = CredSspStep.nla(NlaAccount.accepting("alice", PASSWORD));

    @Test
    void theRightPasswordIsAcceptedAfterTheServersPubKeyAuthVerifiesAndNothingIsDelegated() throws Exception {
        Probe p = probe("LAB\\alice", PASSWORD, ALICE);
        assertThat(p.outcome().phase(Phase.CREDSSP_AUTH).status()).isEqualTo(PhaseStatus.OK);
        assertThat(p.check().verdict()).isEqualTo(CredentialVerdict.ACCEPTED);
        assertThat(p.check().account()).isEqualTo("LAB\\alice");
        assertThat(p.check().credsspVersion()).contains(6);
        assertThat(p.outcome().diagnosis().code()).isEqualTo(DiagnosisCode.CREDENTIALS_ACCEPTED);
        NlaVerification v = p.connection().nlaVerification().orElseThrow();
        assertThat(v.allValid()).as(v.toString()).isTrue();
        assertThat(v.user()).isEqualTo("alice");
        assertThat(v.domain()).isEqualTo("LAB");
        assertThat(v.targetName()).contains("TERMSRV/127.0.0.1");
        assertThat(p.connection().authInfoReceived()).isFalse();
        assertThat(p.connection().laterTsRequests()).hasSize(1);
    }

    @Test
    void credSspVersion3BindsTheKeyItselfAndIsAcceptedToo() throws Exception {
        Probe p = probe("alice", PASSWORD, ALICE.version(3));
        assertThat(p.check().verdict()).isEqualTo(CredentialVerdict.ACCEPTED);
        assertThat(p.check().credsspVersion()).contains(3);
        assertThat(p.connection().nlaVerification().orElseThrow().allValid()).isTrue();
        assertThat(p.connection().authInfoReceived()).isFalse();
    }

    @Test
    void aWrongPasswordFailsTheCryptoAndIsRejected() throws Exception {
        Probe p = probe("alice", "wrong", ALICE);
        assertThat(p.connection().nlaVerification().orElseThrow().responseValid()).isFalse();
        assertThat(p.check().verdict()).isEqualTo(CredentialVerdict.REJECTED);
        assertThat(p.check().statusName()).contains("STATUS_LOGON_FAILURE");
        assertThat(p.outcome().phase(Phase.CREDSSP_AUTH).failure()).containsInstanceOf(Failure.CredentialsRefused.class);
        assertThat(p.outcome().diagnosis().code()).isEqualTo(DiagnosisCode.CREDENTIALS_REJECTED);
        assertThat(p.outcome().diagnosis().windowsError().orElseThrow().disconnectReason()).isEqualTo(0x807);
        assertThat(p.connection().authInfoReceived()).isFalse();
    }

    @Test
    void anUnknownUserIsRejected() throws Exception {
        Probe p = probe("mallory", PASSWORD, ALICE);
        assertThat(p.connection().nlaVerification().orElseThrow().knownUser()).isFalse();
        assertThat(p.check().verdict()).isEqualTo(CredentialVerdict.REJECTED);
    }

    @Test
    void aServerThatClosesAfterAWrongPasswordIsNeverReadAsAcceptance() throws Exception {
        Probe p = probe("alice", "wrong", CredSspStep.nlaClosingOnFailure(NlaAccount.accepting("alice", PASSWORD)));
        assertThat(p.check().verdict()).isEqualTo(CredentialVerdict.CLOSED);
        assertThat(p.check().verdict().accepted()).isFalse();
        assertThat(p.outcome().diagnosis().code()).isEqualTo(DiagnosisCode.CREDSSP_AUTH_CLOSED);
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource({
        "0xC0000234, ACCOUNT_LOCKED_OUT, ACCOUNT_LOCKED_OUT, 0xD07",
        "0xC0000072, ACCOUNT_DISABLED, ACCOUNT_DISABLED, 0xB07",
        "0xC0000193, ACCOUNT_EXPIRED, ACCOUNT_EXPIRED, 0xE07",
        "0xC0000071, PASSWORD_EXPIRED, PASSWORD_EXPIRED, 0xF07",
        "0xC0000224, PASSWORD_MUST_CHANGE, PASSWORD_MUST_CHANGE, 0x1207",
        "0xC000006F, ACCOUNT_RESTRICTED, ACCOUNT_RESTRICTED, 0x1007",
        "0xC0000070, ACCOUNT_RESTRICTED, ACCOUNT_RESTRICTED, 0x1107",
        "0xC000006E, ACCOUNT_RESTRICTED, ACCOUNT_RESTRICTED, 0xC07",
        "0xC0000418, NTLM_REFUSED, NTLM_REFUSED, 0",
        "0xC0000064, REJECTED, CREDENTIALS_REJECTED, 0xA07",
        "0xC000006A, REJECTED, CREDENTIALS_REJECTED, 0x807",
    })
    void eachNtStatusIsItsOwnTypedOutcome(String status, CredentialVerdict verdict, DiagnosisCode code, String windows) throws Exception {
        long ntStatus = Long.decode(status);
        Probe p = probe("alice", PASSWORD, CredSspStep.nla(NlaAccount.answering("alice", PASSWORD, NlaAnswer.status(ntStatus))));
        assertThat(p.connection().nlaVerification().orElseThrow().allValid()).isTrue();
        assertThat(p.check().verdict()).isEqualTo(verdict);
        assertThat(p.check().ntStatus()).contains(ntStatus);
        assertThat(p.outcome().diagnosis().code()).isEqualTo(code);
        int disconnect = Integer.decode(windows);
        if (disconnect != 0) {
            assertThat(p.outcome().diagnosis().windowsError().orElseThrow().disconnectReason()).isEqualTo(disconnect);
        }
        assertThat(p.connection().authInfoReceived()).isFalse();
    }

    @Test
    void aWrongPubKeyAuthIsAFindingThatTlsEndsInBetweenNotAnAcceptance() throws Exception {
        Probe p = probe("alice", PASSWORD, CredSspStep.nla(NlaAccount.answering("alice", PASSWORD, new NlaAnswer.WrongPubKeyAuth())));
        assertThat(p.check().verdict()).isEqualTo(CredentialVerdict.PUBKEYAUTH_WRONG);
        assertThat(p.outcome().hasFinding(FindingCode.TLS_TERMINATED_IN_BETWEEN)).isTrue();
        assertThat(p.outcome().diagnosis().code()).isEqualTo(DiagnosisCode.PUBKEYAUTH_INVALID);
        assertThat(p.connection().authInfoReceived()).isFalse();
    }

    @Test
    void aMissingPubKeyAuthIsNotAnAcceptanceEither() throws Exception {
        Probe p = probe("alice", PASSWORD, CredSspStep.nla(NlaAccount.answering("alice", PASSWORD, new NlaAnswer.NoPubKeyAuth())));
        assertThat(p.check().verdict()).isEqualTo(CredentialVerdict.PUBKEYAUTH_MISSING);
        assertThat(p.outcome().phase(Phase.CREDSSP_AUTH).failure()).containsInstanceOf(Failure.PubKeyAuthInvalid.class);
    }

    @Test
    void silenceAfterTheAuthenticateTimesOut() throws Exception {
        ProbeOptions o = options(Credentials.of("alice", "", PASSWORD.toCharArray())).credsspTimeout(Duration.ofMillis(300)).build();
        Probe p = probe(o, nla(CredSspStep.nla(NlaAccount.answering("alice", PASSWORD, new NlaAnswer.Silent()))));
        assertThat(p.check().verdict()).isEqualTo(CredentialVerdict.TIMED_OUT);
        assertThat(p.outcome().phase(Phase.CREDSSP_AUTH).status()).isEqualTo(PhaseStatus.TIMED_OUT);
        assertThat(p.outcome().diagnosis().code()).isEqualTo(DiagnosisCode.CREDSSP_AUTH_SILENT);
    }

    @Test
    void anUnverifiedCertificateGetsNothingUnlessTheCallerOptsIn() throws Exception {
        Credentials alice = Credentials.of("alice", "", PASSWORD.toCharArray());
        ProbeOptions unpinned = ProbeOptions.builder().udp(false).credentials(alice).build();
        Probe refused = probe(unpinned, nla(ALICE));
        assertThat(refused.check().verdict()).isEqualTo(CredentialVerdict.NOT_CHECKED_CERTIFICATE_NOT_VERIFIED);
        assertThat(refused.outcome().phase(Phase.CREDSSP_AUTH).status()).isEqualTo(PhaseStatus.SKIPPED);
        assertThat(refused.connection().laterTsRequests()).isEmpty();
        assertThat(refused.outcome().diagnosis().code()).isEqualTo(DiagnosisCode.CREDENTIALS_NOT_CHECKED_UNVERIFIED);
        Probe allowed = probe(unpinned.toBuilder().sendCredentialsToUnverifiedServer(true).build(), nla(ALICE));
        assertThat(allowed.check().verdict()).isEqualTo(CredentialVerdict.ACCEPTED);
    }

    @Test
    void aServerWithoutNlaIsNotCheckedAndGetsNothing() throws Exception {
        Credentials alice = Credentials.of("alice", "", PASSWORD.toCharArray());
        for (Scenario noNla : new Scenario[] {Scenario.healthyTlsOnly(), Scenario.selecting(SecurityProtocol.RDP)}) {
            Probe p = probe(options(alice).build(), noNla);
            assertThat(p.check().verdict()).isEqualTo(CredentialVerdict.NOT_CHECKED_NO_NLA);
            assertThat(p.check().verdict().responseSent()).isFalse();
            assertThat(p.outcome().phase(Phase.CREDSSP_AUTH).status()).isEqualTo(PhaseStatus.SKIPPED);
            assertThat(p.outcome().phase(Phase.CREDSSP_AUTH).note().orElseThrow()).contains("no NLA");
            assertThat(p.connection().tsRequest()).isEmpty();
            assertThat(p.outcome().diagnosis().code()).isEqualTo(DiagnosisCode.CREDENTIALS_NOT_CHECKED_NO_NLA);
            assertThat(p.outcome().hasFinding(FindingCode.CREDENTIALS_NOT_CHECKED_NO_NLA)).isTrue();
        }
    }

    @Test
    void destroyedCredentialsAreNotUsed() throws Exception {
        Credentials alice = Credentials.of("alice", "", PASSWORD.toCharArray());
        ProbeOptions o = options(alice).build();
        alice.destroy();
        Probe p = probe(o, nla(ALICE));
        assertThat(p.check().verdict()).isEqualTo(CredentialVerdict.NOT_CHECKED_LOCAL);
        assertThat(p.connection().laterTsRequests()).isEmpty();
    }
}
