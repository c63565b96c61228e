package dev.rdpprobe.it;

import static dev.rdpprobe.it.Probes.describe;
import static dev.rdpprobe.it.Probes.probe;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rdpprobe.core.outcome.CertificateReport;
import dev.rdpprobe.core.outcome.ConnectionOutcome;
import dev.rdpprobe.core.outcome.Failure;
import dev.rdpprobe.core.outcome.FindingCode;
import dev.rdpprobe.core.outcome.NegotiationFacts;
import dev.rdpprobe.core.outcome.Phase;
import dev.rdpprobe.core.outcome.PhaseStatus;
import dev.rdpprobe.core.outcome.TlsFacts;
import dev.rdpprobe.core.outcome.TlsVersionSupport;
import dev.rdpprobe.core.outcome.Verdict;
import dev.rdpprobe.core.outcome.NegotiationFailure;
import dev.rdpprobe.core.outcome.SecurityProtocol;
import dev.rdpprobe.core.outcome.SecurityProtocolSet;
import dev.rdpprobe.core.outcome.TlsVersion;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * xrdp 0.9.21 on loopback (started by .ci/realservers/start.sh): X.224 + TLS or Standard RDP
 * Security, no NLA. Expected behaviour as observed and recorded in shared/peers.md.
 */
@Tag("realserver")
class XrdpRealServerTest {

    static final SecurityProtocol SSL = SecurityProtocol.SSL;
    static final SecurityProtocolSet HYBRID_ONLY = SecurityProtocolSet.of(SecurityProtocol.HYBRID);

    static RealServers servers;

    @BeforeAll
    static void readPorts() {
        servers = RealServers.fromSystemProperty();
    }

    // ------------------------------------------------------------------ X.224

    @Test
    void negotiateSelectsSslForTheDefaultRequest() {
        ConnectionOutcome o = probe(servers.target(RealServers.XRDP_NEGOTIATE));
        String why = describe(o);
        assertThat(o.phase(Phase.X224_NEGOTIATION).status()).as(why).isEqualTo(PhaseStatus.OK);
        NegotiationFacts n = o.server().negotiation().orElseThrow();
        assertThat(n.requested()).as(why).isEqualTo(SecurityProtocolSet.DEFAULT_REQUEST);
        assertThat(n.selected()).as(why).contains(SSL);
        assertThat(n.legacyConfirm()).as(why).isFalse();
        assertThat(n.failure()).as(why).isEmpty();
        assertThat(o.hasFinding(FindingCode.NLA_NOT_REQUIRED)).as(why).isTrue();
        assertThat(o.hasFinding(FindingCode.STANDARD_RDP_SECURITY_SELECTED)).as(why).isFalse();
    }

    @Test
    void negotiateAnswersAHybridOnlyRequestWithStandardRdpSecurity() {
        ConnectionOutcome o = probe(servers.target(RealServers.XRDP_NEGOTIATE), b -> b.requestedProtocols(HYBRID_ONLY));
        String why = describe(o);
        assertThat(o.phase(Phase.X224_NEGOTIATION).status()).as(why).isEqualTo(PhaseStatus.OK);
        assertThat(o.server().negotiation().orElseThrow().selected()).as(why).contains(SecurityProtocol.RDP);
        assertThat(o.server().negotiation().orElseThrow().legacyConfirm()).as(why).isFalse();
        assertThat(o.hasFinding(FindingCode.STANDARD_RDP_SECURITY_SELECTED)).as(why).isTrue();
        assertThat(o.phase(Phase.TLS_HANDSHAKE).status()).as(why).isEqualTo(PhaseStatus.SKIPPED);
        assertThat(o.phase(Phase.CREDSSP).status()).as(why).isEqualTo(PhaseStatus.SKIPPED);
        assertThat(o.verdict()).as(why).isEqualTo(Verdict.OK);
    }

    /** Requests without SSL: HYBRID alone and Standard RDP Security alone. */
    @ParameterizedTest(name = "requested bits {0}")
    @ValueSource(strings = {"HYBRID", "RDP"})
    void tlsRefusesARequestWithoutSslWithFailureCode1(SecurityProtocol requested) {
        ConnectionOutcome o = probe(servers.target(RealServers.XRDP_TLS), b -> b.requestedProtocols(SecurityProtocolSet.of(requested)));
        String why = describe(o);
        assertThat(o.failedPhase()).as(why).contains(Phase.X224_NEGOTIATION);
        assertThat(o.phase(Phase.X224_NEGOTIATION).status()).as(why).isEqualTo(PhaseStatus.FAILED);
        assertThat(o.phase(Phase.X224_NEGOTIATION).failure().orElseThrow()).as(why)
                .isEqualTo(new Failure.NegotiationFailed(NegotiationFailure.of(NegotiationFailure.Reason.SSL_REQUIRED_BY_SERVER)));
        assertThat(o.server().negotiation().orElseThrow().failure()).as(why)
                .contains(NegotiationFailure.of(NegotiationFailure.Reason.SSL_REQUIRED_BY_SERVER));
        assertThat(o.server().negotiation().orElseThrow().selected()).as(why).isEmpty();
        assertThat(o.phase(Phase.TLS_HANDSHAKE).status()).as(why).isEqualTo(PhaseStatus.NOT_REACHED);
        assertThat(o.verdict()).as(why).isEqualTo(Verdict.FAILED);
    }

    @Test
    void tlsSelectsSslForTheDefaultRequest() {
        ConnectionOutcome o = probe(servers.target(RealServers.XRDP_TLS));
        String why = describe(o);
        assertThat(o.phase(Phase.X224_NEGOTIATION).status()).as(why).isEqualTo(PhaseStatus.OK);
        assertThat(o.server().negotiation().orElseThrow().selected()).as(why).contains(SSL);
    }

    @Test
    void rdpSelectsStandardRdpSecurityForTheDefaultRequest() {
        ConnectionOutcome o = probe(servers.target(RealServers.XRDP_RDP));
        String why = describe(o);
        assertThat(o.phase(Phase.X224_NEGOTIATION).status()).as(why).isEqualTo(PhaseStatus.OK);
        assertThat(o.server().negotiation().orElseThrow().selected()).as(why).contains(SecurityProtocol.RDP);
        assertThat(o.server().negotiation().orElseThrow().legacyConfirm()).as(why).isFalse();
        assertThat(o.hasFinding(FindingCode.STANDARD_RDP_SECURITY_SELECTED)).as(why).isTrue();
        assertThat(o.phase(Phase.TLS_HANDSHAKE).status()).as(why).isEqualTo(PhaseStatus.SKIPPED);
        assertThat(o.phase(Phase.CREDSSP).status()).as(why).isEqualTo(PhaseStatus.SKIPPED);
        assertThat(o.verdict()).as(why).isEqualTo(Verdict.OK);
    }

    @Test
    void negotiateSecurityLayerEnumerationShowsNoNla() {
        ConnectionOutcome o = probe(servers.target(RealServers.XRDP_NEGOTIATE), b -> b.enumerateSecurityLayers(true));
        String why = describe(o) + "\n  layers: " + o.server().securityLayers();
        Map<SecurityProtocol, Boolean> accepted = o.server().securityLayers().orElseThrow().stream()
                .collect(Collectors.toMap(l -> l.protocol(), l -> l.accepted()));
        assertThat(accepted).as(why).containsEntry(SecurityProtocol.RDP, true).containsEntry(SecurityProtocol.SSL, true)
                .containsEntry(SecurityProtocol.HYBRID, false);
        assertThat(o.server().securityLayers().orElseThrow()).as(why)
                .filteredOn(l -> l.protocol() == SecurityProtocol.HYBRID).singleElement()
                .satisfies(l -> assertThat(l.selected()).contains(SecurityProtocolSet.of(SecurityProtocol.RDP)));
        assertThat(o.server().nlaRequired()).as(why).contains(false);
        assertThat(o.hasFinding(FindingCode.NLA_NOT_REQUIRED)).as(why).isTrue();
        assertThat(o.hasFinding(FindingCode.STANDARD_RDP_SECURITY_ALLOWED)).as(why).isTrue();
    }

    // ------------------------------------------------------------------ TLS

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {RealServers.XRDP_NEGOTIATE, RealServers.XRDP_TLS})
    void tlsHandshakeRevealsTheGeneratedSelfSignedCertificate(String server) {
        ConnectionOutcome o = probe(servers.target(server));
        String why = describe(o);
        assertThat(o.phase(Phase.TLS_HANDSHAKE).status()).as(why).isEqualTo(PhaseStatus.OK);
        assertThat(o.server().tls()).as(why).isPresent();
        TlsFacts tls = o.server().tls().orElseThrow();
        assertThat(tls.protocolVersion().orElseThrow()).as(why).isIn(TlsVersion.TLS_1_2, TlsVersion.TLS_1_3);
        assertThat(tls.cipherSuite().orElseThrow()).as(why).isNotBlank();
        assertThat(tls.leaf()).as(why).isPresent();
        CertificateReport leaf = tls.leaf().orElseThrow();
        assertThat(leaf.subject()).as(why).contains("CN=" + RealServers.XRDP_CN);
        assertThat(leaf.issuer()).as(why).contains("CN=" + RealServers.XRDP_CN);
        assertThat(leaf.selfSigned()).as(why).isTrue();
        assertThat(leaf.expired()).as(why).isFalse();
        assertThat(leaf.keyType()).as(why).contains("RSA");
        assertThat(leaf.keyBits()).as(why).isEqualTo(2048);
        assertThat(leaf.hostnameMatches()).as(why).contains(false);
        assertThat(tls.trusted()).as(why).contains(false);
        assertThat(o.hasFinding(FindingCode.CERT_SELF_SIGNED)).as(why).isTrue();
        assertThat(o.hasFinding(FindingCode.CERT_NAME_MISMATCH)).as(why).isTrue();
        assertThat(o.hasFinding(FindingCode.CERT_EXPIRED)).as(why).isFalse();
        // SSL was selected: there is no CredSSP to run, so the TCP path ends OK after TLS.
        assertThat(o.phase(Phase.CREDSSP).status()).as(why).isEqualTo(PhaseStatus.SKIPPED);
        assertThat(o.verdict()).as(why).isEqualTo(Verdict.OK);
    }

    @Test
    void expiredCertificateIsReported() {
        ConnectionOutcome o = probe(servers.target(RealServers.XRDP_EXPIRED));
        String why = describe(o);
        assertThat(o.phase(Phase.X224_NEGOTIATION).status()).as(why).isEqualTo(PhaseStatus.OK);
        assertThat(o.server().negotiation().orElseThrow().selected()).as(why).contains(SSL);
        assertThat(o.phase(Phase.TLS_HANDSHAKE).status()).as(why).isEqualTo(PhaseStatus.OK);
        assertThat(o.server().tls().orElseThrow().leaf()).as(why).isPresent();
        CertificateReport leaf = o.server().tls().orElseThrow().leaf().orElseThrow();
        assertThat(leaf.subject()).as(why).contains("CN=" + RealServers.EXPIRED_CN);
        // faketime's clock starts at 2020-01-01 00:00:00 and keeps running, so openssl stamps it a moment later.
        assertThat(leaf.notAfter().orElseThrow()).as(why).isBetween(RealServers.EXPIRED_NOT_AFTER, RealServers.EXPIRED_NOT_AFTER.plusSeconds(60));
        assertThat(leaf.expired()).as(why).isTrue();
        assertThat(leaf.daysLeft()).as(why).isNegative();
        assertThat(o.hasFinding(FindingCode.CERT_EXPIRED)).as(why).isTrue();
        assertThat(o.hasFinding(FindingCode.CERT_SELF_SIGNED)).as(why).isTrue();
    }

    @Test
    void tlsVersionEnumerationShowsOnlyTls12And13() {
        ConnectionOutcome o = probe(servers.target(RealServers.XRDP_TLS), b -> b.enumerateTlsVersions(true));
        String why = describe(o);
        assertThat(o.server().tls()).as(why).isPresent();
        assertThat(o.server().tls().orElseThrow().versions()).as(why).isPresent();
        List<TlsVersionSupport> versions = o.server().tls().orElseThrow().versions().orElseThrow();
        why += "\n  versions: " + versions;
        Map<TlsVersion, Boolean> accepted = versions.stream().collect(Collectors.toMap(TlsVersionSupport::version, TlsVersionSupport::accepted));
        assertThat(accepted).as(why).containsEntry(TlsVersion.TLS_1_0, false).containsEntry(TlsVersion.TLS_1_1, false)
                .containsEntry(TlsVersion.TLS_1_2, true).containsEntry(TlsVersion.TLS_1_3, true);
        assertThat(o.hasFinding(FindingCode.TLS_LEGACY_ENABLED)).as(why).isFalse();
        assertThat(o.hasFinding(FindingCode.TLS_LEGACY_ONLY)).as(why).isFalse();
    }
}
