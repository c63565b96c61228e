package dev.rdpprobe.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rdpprobe.core.outcome.NegotiationFailure;
import dev.rdpprobe.core.outcome.SecurityProtocolSet;
import dev.rdpprobe.core.outcome.SecurityProtocol;
import dev.rdpprobe.core.RdpProber;
import dev.rdpprobe.core.outcome.DiagnosisCode;
import dev.rdpprobe.core.outcome.ConnectionOutcome;
import dev.rdpprobe.core.outcome.Failure;
import dev.rdpprobe.core.outcome.FindingCode;
import dev.rdpprobe.core.outcome.NtlmServerInfo;
import dev.rdpprobe.core.outcome.Phase;
import dev.rdpprobe.core.outcome.PhaseStatus;
import dev.rdpprobe.core.outcome.SecurityLayerSupport;
import dev.rdpprobe.core.internal.pdu.credssp.ClientNegotiate;
import dev.rdpprobe.core.internal.pdu.credssp.CredSspMessages;
import dev.rdpprobe.core.internal.pdu.x224.SecurityProtocols;
import io.netty.buffer.Unpooled;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The CREDSSP phase and security-layer enumeration through whole probes against the fake server. */
class CredSspProbeTest {

    static RdpProber prober;

    @BeforeAll
    static void start() {
        prober = RdpProber.builder().udp(false).phaseTimeout(Duration.ofSeconds(2)).deadline(Duration.ofSeconds(10)).build();
    }

    @AfterAll
    static void stop() {
        prober.close();
    }

    static ConnectionOutcome probe(CredSspStep step) {
        return probe(prober, Scenario.healthy().withCredSsp(step));
    }

    static ConnectionOutcome probe(RdpProber p, Scenario scenario) {
        try (FakeRdpServer server = FakeRdpServer.start(scenario)) {
            return p.probe(server.target()).join();
        }
    }

    @Test
    void healthyServerRevealsItsIdentity() {
        ConnectionOutcome o = probe(CredSspStep.challenge());
        assertThat(o.phase(Phase.CREDSSP).status()).isEqualTo(PhaseStatus.OK);
        assertThat(o.server().negotiation().orElseThrow().selected()).contains(SecurityProtocol.HYBRID_EX);
        assertThat(o.server().credssp().orElseThrow().version()).isEqualTo(6);
        assertThat(o.server().credssp().orElseThrow().spnegoWrapped()).isFalse();
        NtlmServerInfo ntlm = o.server().credssp().orElseThrow().ntlm().orElseThrow();
        assertThat(ntlm.netbiosComputerName()).isEqualTo("FAKE-RDP");
        assertThat(ntlm.dnsComputerName()).isEqualTo("FAKE-RDP");
        assertThat(ntlm.osVersion()).isEqualTo("10.0.20348");
        assertThat(ntlm.osBuild()).isEqualTo(20348);
        assertThat(ntlm.windowsRelease()).contains("2022");
        assertThat(ntlm.clockSkew().abs()).isLessThan(Duration.ofMinutes(1));
        assertThat(o.findings()).extracting(f -> f.code()).doesNotContain(FindingCode.CLOCK_SKEW);
        assertThat(o.diagnosis().code()).isEqualTo(DiagnosisCode.HEALTHY);
    }

    @Test
    void aDomainMemberRevealsItsDomainAndForest() {
        ConnectionOutcome o = probe(CredSspStep.challenge(NtlmIdentity.domainMember("RDS01", "CORP", "corp.example.com", 10, 0, 17763)));
        assertThat(o.phase(Phase.CREDSSP).status()).isEqualTo(PhaseStatus.OK);
        NtlmServerInfo ntlm = o.server().credssp().orElseThrow().ntlm().orElseThrow();
        assertThat(ntlm.targetName()).isEqualTo("CORP");
        assertThat(ntlm.netbiosComputerName()).isEqualTo("RDS01");
        assertThat(ntlm.netbiosDomainName()).isEqualTo("CORP");
        assertThat(ntlm.dnsComputerName()).isEqualTo("rds01.corp.example.com");
        assertThat(ntlm.dnsDomainName()).isEqualTo("corp.example.com");
        assertThat(ntlm.dnsTreeName()).isEqualTo("corp.example.com");
        assertThat(ntlm.windowsRelease()).contains("2019");
    }

    @Test
    void theProbeSendsNoCredentials() throws Exception {
        try (FakeRdpServer server = FakeRdpServer.start(Scenario.healthy())) {
            prober.probe(server.target()).join();
            byte[] sent = server.awaitConnections(1, Duration.ofSeconds(5)).get(0).tsRequest().orElseThrow();
            ClientNegotiate request = CredSspMessages.readClientRequest(Unpooled.wrappedBuffer(sent));
            assertThat(request.request().version()).isEqualTo(6);
            assertThat(request.request().authInfo()).isNull();
            assertThat(request.request().pubKeyAuth()).isNull();
            assertThat(request.negotiate().domain()).isNullOrEmpty();
            assertThat(request.negotiate().workstation()).isNullOrEmpty();
            assertThat(request.request().clientNonce()).hasSize(32);
        }
    }

    @Test
    void spnegoWrappedChallengeIsUnderstood() {
        ConnectionOutcome o = probe(CredSspStep.spnegoChallenge());
        assertThat(o.phase(Phase.CREDSSP).status()).isEqualTo(PhaseStatus.OK);
        assertThat(o.server().credssp().orElseThrow().spnegoWrapped()).isTrue();
        assertThat(o.server().credssp().orElseThrow().ntlm().orElseThrow().netbiosComputerName()).isEqualTo("FAKE-RDP");
    }

    @Test
    void olderServerVersionAndBuild() {
        ConnectionOutcome o = probe(CredSspStep.challenge("W7HOST", 6, 1, 7601));
        assertThat(o.server().credssp().orElseThrow().ntlm().orElseThrow().windowsRelease()).contains("Windows 7");
    }

    @Test
    void clockSkewBeyondFiveMinutesIsFound() {
        ConnectionOutcome o = probe(CredSspStep.challengeWithClockOffset(Duration.ofHours(-1)));
        assertThat(o.hasFinding(FindingCode.CLOCK_SKEW)).isTrue();
        assertThat(o.server().credssp().orElseThrow().ntlm().orElseThrow().clockSkew()).isLessThan(Duration.ofMinutes(-55));
        assertThat(o.diagnosis().code()).isEqualTo(DiagnosisCode.CLOCK_SKEW);
    }

    @Test
    void errorCodeIsDecodedByName() {
        ConnectionOutcome o = probe(CredSspStep.error(0xC000006DL));
        assertThat(o.phase(Phase.CREDSSP).failure()).contains(new Failure.CredSspError(0xC000006DL, "STATUS_LOGON_FAILURE"));
        assertThat(o.diagnosis().code()).isEqualTo(DiagnosisCode.CREDSSP_ERROR);
        Failure.CredSspError unknown = (Failure.CredSspError) probe(CredSspStep.error(0xC0FFEE01L)).phase(Phase.CREDSSP).failure().orElseThrow();
        assertThat(unknown.name()).containsIgnoringCase("c0ffee01");
    }

    @Test
    void closeDuringTheSecurityHandshake() {
        ConnectionOutcome o = probe(CredSspStep.close());
        assertThat(o.phase(Phase.CREDSSP).failure().orElseThrow()).isInstanceOfAny(Failure.ClosedByPeer.class);
        assertThat(o.diagnosis().code()).isEqualTo(DiagnosisCode.CREDSSP_CLOSED);
    }

    @Test
    void resetDuringTheSecurityHandshake() {
        assertThat(probe(CredSspStep.reset()).phase(Phase.CREDSSP).failure().orElseThrow()).isInstanceOf(Failure.Reset.class);
    }

    @Test
    void stallTimesOut() {
        ConnectionOutcome o;
        try (RdpProber quick = RdpProber.builder().udp(false).phaseTimeout(Duration.ofSeconds(2)).credsspTimeout(Duration.ofMillis(150)).build()) {
            o = probe(quick, Scenario.healthy().withCredSsp(CredSspStep.stall()));
        }
        assertThat(o.phase(Phase.CREDSSP).status()).isEqualTo(PhaseStatus.TIMED_OUT);
        assertThat(o.diagnosis().code()).isEqualTo(DiagnosisCode.CREDSSP_SILENT);
    }

    @Test
    void garbageIsNotCredSsp() {
        ConnectionOutcome o = probe(CredSspStep.raw("hello there\r\n".getBytes()));
        assertThat(o.phase(Phase.CREDSSP).failure().orElseThrow()).isInstanceOf(Failure.NotRdp.class);
        assertThat(o.diagnosis().code()).isEqualTo(DiagnosisCode.CREDSSP_NOT_CREDSSP);
    }

    @Test
    void oversizeDerLengthIsRefusedBeforeAllocating() {
        ConnectionOutcome o = probe(CredSspStep.oversizeDer());
        assertThat(o.phase(Phase.CREDSSP).failure().orElseThrow()).isInstanceOf(Failure.MalformedPdu.class);
    }

    @Test
    void xrdpStyleUltimatumIsNamed() {
        ConnectionOutcome o = probe(CredSspStep.disconnectProviderUltimatum());
        assertThat(o.phase(Phase.CREDSSP).failure().orElseThrow())
                .isEqualTo(new Failure.UnexpectedPdu("CredSSP TSRequest", "MCS Disconnect Provider Ultimatum"));
    }

    @Test
    void securityLayerEnumerationOfAnNlaOnlyServer() {
        try (RdpProber enumerating = RdpProber.builder().udp(false).enumerateSecurityLayers(true).build()) {
            ConnectionOutcome o = probe(enumerating, Scenario.healthy());
            assertThat(o.server().nlaRequired()).contains(true);
            assertThat(o.server().securityLayers().orElseThrow()).extracting(SecurityLayerSupport::protocol, SecurityLayerSupport::accepted)
                    .contains(org.assertj.core.groups.Tuple.tuple(SecurityProtocol.RDP, false), org.assertj.core.groups.Tuple.tuple(SecurityProtocol.SSL, false),
                            org.assertj.core.groups.Tuple.tuple(SecurityProtocol.HYBRID, true), org.assertj.core.groups.Tuple.tuple(SecurityProtocol.HYBRID_EX, true));
            assertThat(o.server().securityLayers().orElseThrow().get(0).failure())
                .contains(NegotiationFailure.of(NegotiationFailure.Reason.HYBRID_REQUIRED_BY_SERVER));
            assertThat(o.hasFinding(FindingCode.NLA_NOT_REQUIRED)).isFalse();
        }
    }

    @Test
    void securityLayerEnumerationOfAPermissiveServer() {
        try (RdpProber enumerating = RdpProber.builder().udp(false).enumerateSecurityLayers(true).build()) {
            Scenario permissive = Scenario.supporting(SecurityProtocol.SSL, SecurityProtocol.HYBRID, SecurityProtocol.HYBRID_EX, SecurityProtocol.RDP)
                    .withTls(TlsStep.healthy()).withCredSsp(CredSspStep.challenge());
            ConnectionOutcome o = probe(enumerating, permissive);
            assertThat(o.server().nlaRequired()).contains(false);
            assertThat(o.hasFinding(FindingCode.NLA_NOT_REQUIRED)).isTrue();
            assertThat(o.hasFinding(FindingCode.STANDARD_RDP_SECURITY_ALLOWED)).isTrue();
        }
    }

    @Test
    void enumerationDoesNotTrustASelectionOtherThanTheRequest() {
        try (RdpProber enumerating = RdpProber.builder().udp(false).enumerateSecurityLayers(true).build()) {
            // xrdp's habit: answers every request by selecting PROTOCOL_RDP.
            ConnectionOutcome o = probe(enumerating, Scenario.selecting(SecurityProtocol.RDP));
            SecurityLayerSupport hybrid = o.server().securityLayers().orElseThrow().stream()
                .filter(l -> l.protocol() == SecurityProtocol.HYBRID).findFirst().orElseThrow();
            assertThat(hybrid.accepted()).isFalse();
            assertThat(hybrid.selected()).contains(SecurityProtocolSet.of(SecurityProtocol.RDP));
        }
    }
}
