package dev.rdpprobe.it;

import static dev.rdpprobe.it.Probes.describe;
import static dev.rdpprobe.it.Probes.probe;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rdpprobe.core.outcome.ConnectionOutcome;
import dev.rdpprobe.core.outcome.CredSspFacts;
import dev.rdpprobe.core.outcome.Failure;
import dev.rdpprobe.core.outcome.FindingCode;
import dev.rdpprobe.core.outcome.NtlmServerInfo;
import dev.rdpprobe.core.outcome.Phase;
import dev.rdpprobe.core.outcome.PhaseStatus;
import dev.rdpprobe.core.outcome.Verdict;
import dev.rdpprobe.core.outcome.NegotiationFailure;
import dev.rdpprobe.core.outcome.SecurityProtocol;
import dev.rdpprobe.core.outcome.SecurityProtocolSet;
import dev.rdpprobe.core.outcome.TlsVersion;
import java.util.Locale;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The FreeRDP 2.11 shadow server on loopback (started by .ci/realservers/start.sh under Xvfb), the
 * only NLA/CredSSP server available here. Expected behaviour as observed and recorded in
 * shared/peers.md. After an RDP_NEG_FAILURE this server keeps the socket open and silent: the
 * probe must close it and report the failure, not time out.
 */
@Tag("realserver")
class FreeRdpShadowRealServerTest {

    static final SecurityProtocol SSL = SecurityProtocol.SSL;
    static final SecurityProtocol HYBRID = SecurityProtocol.HYBRID;

    static RealServers servers;

    @BeforeAll
    static void readPorts() {
        servers = RealServers.fromSystemProperty();
    }

    // ------------------------------------------------------------------ /sec:nla

    @Test
    void nlaSelectsHybridForTheDefaultRequest() {
        ConnectionOutcome o = probe(servers.target(RealServers.FREERDP_NLA));
        String why = describe(o);
        assertThat(o.phase(Phase.X224_NEGOTIATION).status()).as(why).isEqualTo(PhaseStatus.OK);
        assertThat(o.server().negotiation().orElseThrow().selected()).as(why).contains(HYBRID);
        assertThat(o.hasFinding(FindingCode.NLA_NOT_REQUIRED)).as(why).isFalse();
    }

    @Test
    void nlaRefusesARequestWithoutHybridWithFailureCode5() {
        ConnectionOutcome o = probe(servers.target(RealServers.FREERDP_NLA), b -> b.requestedProtocols(SecurityProtocolSet.of(SSL)));
        String why = describe(o);
        assertThat(o.failedPhase()).as(why).contains(Phase.X224_NEGOTIATION);
        // FAILED, not TIMED_OUT: the server stays silent after the failure, the probe must not wait for a close.
        assertThat(o.phase(Phase.X224_NEGOTIATION).status()).as(why).isEqualTo(PhaseStatus.FAILED);
        assertThat(o.phase(Phase.X224_NEGOTIATION).failure().orElseThrow()).as(why).isEqualTo(
                new Failure.NegotiationFailed(NegotiationFailure.of(NegotiationFailure.Reason.HYBRID_REQUIRED_BY_SERVER)));
        assertThat(o.server().negotiation().orElseThrow().failure()).as(why)
                .contains(NegotiationFailure.of(NegotiationFailure.Reason.HYBRID_REQUIRED_BY_SERVER));
        assertThat(o.verdict()).as(why).isEqualTo(Verdict.FAILED);
    }

    @Test
    void nlaSecurityLayerEnumerationShowsNlaRequired() {
        ConnectionOutcome o = probe(servers.target(RealServers.FREERDP_NLA), b -> b.enumerateSecurityLayers(true));
        String why = describe(o) + "\n  layers: " + o.server().securityLayers();
        assertThat(o.server().securityLayers().orElseThrow()).as(why)
                .filteredOn(l -> l.protocol() == SecurityProtocol.HYBRID).singleElement()
                .satisfies(l -> assertThat(l.accepted()).isTrue());
        assertThat(o.server().securityLayers().orElseThrow()).as(why)
                .filteredOn(l -> l.protocol() == SecurityProtocol.RDP || l.protocol() == SecurityProtocol.SSL)
                .hasSize(2)
                .allSatisfy(l -> {
                    assertThat(l.accepted()).isFalse();
                    assertThat(l.failure()).contains(NegotiationFailure.of(NegotiationFailure.Reason.HYBRID_REQUIRED_BY_SERVER));
                });
        assertThat(o.server().nlaRequired()).as(why).contains(true);
        assertThat(o.hasFinding(FindingCode.NLA_NOT_REQUIRED)).as(why).isFalse();
        assertThat(o.hasFinding(FindingCode.STANDARD_RDP_SECURITY_ALLOWED)).as(why).isFalse();
    }

    @Test
    void nlaAnswersCredSspWithAnNtlmChallengeNamingThisHost() {
        ConnectionOutcome o = probe(servers.target(RealServers.FREERDP_NLA));
        String why = describe(o);
        assertThat(o.phase(Phase.TLS_HANDSHAKE).status()).as(why).isEqualTo(PhaseStatus.OK);
        assertThat(o.server().tls().orElseThrow().leaf()).as(why).isPresent();
        assertThat(o.server().tls().orElseThrow().leaf().orElseThrow().selfSigned()).as(why).isTrue();
        assertThat(o.phase(Phase.CREDSSP).status()).as(why).isEqualTo(PhaseStatus.OK);
        assertThat(o.server().credssp()).as(why).isPresent();
        CredSspFacts credssp = o.server().credssp().orElseThrow();
        // FreeRDP answers version 6 whatever the client sent.
        assertThat(credssp.version()).as(why).isEqualTo(6);
        assertThat(credssp.errorCode()).as(why).isEmpty();
        assertThat(credssp.ntlm()).as(why).isPresent();
        NtlmServerInfo ntlm = credssp.ntlm().orElseThrow();
        // WinPR names the NetBIOS computer in upper case (at most 15 characters), the DNS one as gethostname() has it.
        String host = RealServers.shortHostName();
        String netbios = host.toUpperCase(Locale.ROOT);
        assertThat(ntlm.netbiosComputerName()).as(why).isIn(netbios, netbios.substring(0, Math.min(15, netbios.length())));
        assertThat(ntlm.dnsComputerName()).as(why).isEqualTo(host);
        assertThat(ntlm.osVersion()).as(why).isEqualTo("6.1.7601");
        assertThat(ntlm.osBuild()).as(why).isEqualTo(7601);
        // Same machine, same clock.
        assertThat(ntlm.serverTime()).as(why).isNotNull();
        assertThat(o.hasFinding(FindingCode.CLOCK_SKEW)).as(why).isFalse();
        assertThat(o.verdict()).as(why).isEqualTo(Verdict.OK);
    }

    // ------------------------------------------------------------------ /sec:tls

    @Test
    void tlsRefusesAHybridOnlyRequestWithFailureCode1() {
        ConnectionOutcome o = probe(servers.target(RealServers.FREERDP_TLS), b -> b.requestedProtocols(SecurityProtocolSet.of(HYBRID)));
        String why = describe(o);
        assertThat(o.phase(Phase.X224_NEGOTIATION).status()).as(why).isEqualTo(PhaseStatus.FAILED);
        assertThat(o.phase(Phase.X224_NEGOTIATION).failure().orElseThrow()).as(why).isEqualTo(
                new Failure.NegotiationFailed(NegotiationFailure.of(NegotiationFailure.Reason.SSL_REQUIRED_BY_SERVER)));
        assertThat(o.verdict()).as(why).isEqualTo(Verdict.FAILED);
    }

    @Test
    void tlsSelectsSslForTheDefaultRequestAndNeedsNoNla() {
        ConnectionOutcome o = probe(servers.target(RealServers.FREERDP_TLS));
        String why = describe(o);
        assertThat(o.phase(Phase.X224_NEGOTIATION).status()).as(why).isEqualTo(PhaseStatus.OK);
        assertThat(o.server().negotiation().orElseThrow().selected()).as(why).contains(SSL);
        assertThat(o.hasFinding(FindingCode.NLA_NOT_REQUIRED)).as(why).isTrue();
    }

    @Test
    void tlsServesTheCertificateFreeRdpGeneratedForThisHost() {
        ConnectionOutcome o = probe(servers.target(RealServers.FREERDP_TLS));
        String why = describe(o);
        assertThat(o.phase(Phase.TLS_HANDSHAKE).status()).as(why).isEqualTo(PhaseStatus.OK);
        assertThat(o.server().tls().orElseThrow().protocolVersion().orElseThrow()).as(why).isIn(TlsVersion.TLS_1_2, TlsVersion.TLS_1_3);
        assertThat(o.server().tls().orElseThrow().cipherSuite().orElseThrow()).as(why).isNotBlank();
        assertThat(o.server().tls().orElseThrow().leaf().orElseThrow().subject().orElseThrow()).as(why).isEqualToIgnoringCase("CN=" + RealServers.shortHostName());
        assertThat(o.server().tls().orElseThrow().leaf().orElseThrow().selfSigned()).as(why).isTrue();
        assertThat(o.hasFinding(FindingCode.CERT_SELF_SIGNED)).as(why).isTrue();
        assertThat(o.phase(Phase.CREDSSP).status()).as(why).isEqualTo(PhaseStatus.SKIPPED);
        assertThat(o.verdict()).as(why).isEqualTo(Verdict.OK);
    }

    // ------------------------------------------------------------------ /sec:rdp

    @Test
    void rdpSelectsStandardRdpSecurityWhenAskedForItAlone() {
        ConnectionOutcome o = probe(servers.target(RealServers.FREERDP_RDP), b -> b.requestedProtocols(SecurityProtocolSet.of(SecurityProtocol.RDP)));
        String why = describe(o);
        assertThat(o.phase(Phase.X224_NEGOTIATION).status()).as(why).isEqualTo(PhaseStatus.OK);
        assertThat(o.server().negotiation().orElseThrow().selected()).as(why).contains(SecurityProtocol.RDP);
        assertThat(o.phase(Phase.TLS_HANDSHAKE).status()).as(why).isEqualTo(PhaseStatus.SKIPPED);
        assertThat(o.verdict()).as(why).isEqualTo(Verdict.OK);
    }

    @Test
    void rdpRefusesTheDefaultRequestWithFailureCode2() {
        ConnectionOutcome o = probe(servers.target(RealServers.FREERDP_RDP));
        String why = describe(o);
        assertThat(o.phase(Phase.X224_NEGOTIATION).status()).as(why).isEqualTo(PhaseStatus.FAILED);
        assertThat(o.phase(Phase.X224_NEGOTIATION).failure().orElseThrow()).as(why).isEqualTo(
                new Failure.NegotiationFailed(NegotiationFailure.of(NegotiationFailure.Reason.SSL_NOT_ALLOWED_BY_SERVER)));
        assertThat(o.verdict()).as(why).isEqualTo(Verdict.FAILED);
    }
}
