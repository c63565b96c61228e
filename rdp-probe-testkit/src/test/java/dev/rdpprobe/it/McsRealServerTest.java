package dev.rdpprobe.it;

import static dev.rdpprobe.it.Probes.describe;
import static dev.rdpprobe.it.Probes.probe;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rdpprobe.core.internal.sequence.ConnectionSequence;
import dev.rdpprobe.core.outcome.ConnectionOutcome;
import dev.rdpprobe.core.outcome.EncryptionLevel;
import dev.rdpprobe.core.outcome.EncryptionMethod;
import dev.rdpprobe.core.outcome.EncryptionMethodSupport;
import dev.rdpprobe.core.outcome.FindingCode;
import dev.rdpprobe.core.outcome.McsFacts;
import dev.rdpprobe.core.outcome.Phase;
import dev.rdpprobe.core.outcome.PhaseStatus;
import dev.rdpprobe.core.outcome.RdpServerCertificate;
import dev.rdpprobe.core.outcome.SecurityProtocol;
import dev.rdpprobe.core.outcome.SecurityProtocolSet;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * MCS_CONNECT against xrdp 0.9.21 (security_layer=rdp at each crypt_level, and tls) and the FreeRDP 2.11 shadow
 * server: the version, method and level agree with what nmap 7.93's rdp-enum-encryption reports on the same servers
 * (.ci/realservers/compare-nmap-encryption.sh).
 */
@Tag("realserver")
class McsRealServerTest {

    static RealServers servers;

    @BeforeAll
    static void readPorts() {
        servers = RealServers.fromSystemProperty();
    }

    /** crypt_level → the method xrdp chooses from the probe's offer of every method, and the level it states. */
    static Stream<Arguments> levels() {
        return Stream.of(
                Arguments.of("none", EncryptionMethod.NONE, EncryptionLevel.NONE),
                Arguments.of("low", EncryptionMethod.RC4_40BIT, EncryptionLevel.LOW),
                Arguments.of("medium", EncryptionMethod.RC4_40BIT, EncryptionLevel.CLIENT_COMPATIBLE),
                Arguments.of("high", EncryptionMethod.RC4_128BIT, EncryptionLevel.HIGH),
                Arguments.of("fips", EncryptionMethod.FIPS, EncryptionLevel.FIPS));
    }

    @ParameterizedTest(name = "crypt_level={0}")
    @MethodSource("levels")
    void xrdpStandardSecurityStatesVersionMethodAndLevel(String level, EncryptionMethod method, EncryptionLevel enforced) {
        ConnectionOutcome o = probe(servers.target(RealServers.XRDP_RDP_AT + level));
        String why = describe(o) + "  mcs: " + o.server().mcs();
        assertThat(o.phase(Phase.MCS_CONNECT).status()).as(why).isEqualTo(PhaseStatus.OK);
        McsFacts mcs = o.server().mcs().orElseThrow();
        assertThat(mcs.insideTls()).as(why).isFalse();
        assertThat(mcs.serverVersion().orElseThrow().name()).as(why).isEqualTo("RDP 5.0–8.1");
        assertThat(mcs.encryptionMethod()).as(why).contains(method);
        assertThat(mcs.encryptionLevel()).as(why).contains(enforced);
        if (enforced == EncryptionLevel.NONE) {
            assertThat(mcs.certificate()).as(why).isEmpty();
            assertThat(o.hasFinding(FindingCode.NULL_RDP_ENCRYPTION)).as(why).isTrue();
        } else {
            assertThat(mcs.serverRandomLength()).as(why).isEqualTo(32);
            assertThat(mcs.certificate().orElseThrow().kind()).as(why).isEqualTo(RdpServerCertificate.Kind.PROPRIETARY);
            assertThat(mcs.rsaKeyBits()).as(why).isPresent();
        }
        assertThat(mcs.offersUdp()).as(why).isFalse();
    }

    @Test
    void xrdpAtLowAcceptsOnly40BitRc4WhenEachMethodIsOfferedAlone() {
        ConnectionOutcome o = probe(servers.target(RealServers.XRDP_RDP_AT + "low"), b -> b.enumerateSecurityLayers(true));
        List<EncryptionMethodSupport> methods = o.server().encryptionMethods().orElseThrow();
        String why = describe(o) + "  methods: " + methods;
        assertThat(methods).as(why).filteredOn(EncryptionMethodSupport::accepted).extracting(EncryptionMethodSupport::method)
                .containsExactly(EncryptionMethod.RC4_40BIT);
        assertThat(o.hasFinding(FindingCode.WEAK_RDP_ENCRYPTION)).as(why).isTrue();
        // xrdp chooses 40-bit RC4 whatever was offered; "selects RDP" for every protocol requested: RDP is all it does
        assertThat(methods).as(why).allSatisfy(m -> assertThat(m.level()).contains(EncryptionLevel.LOW));
        assertThat(o.hasFinding(FindingCode.ONLY_STANDARD_RDP_SECURITY)).as(why).isTrue();
        assertThat(o.hasFinding(FindingCode.NLA_NOT_SUPPORTED)).as(why).isTrue();
    }

    @Test
    void xrdpTlsAnswersInsideTlsWithoutStandardSecurity() {
        ConnectionOutcome o = probe(servers.target(RealServers.XRDP_TLS));
        String why = describe(o) + "  mcs: " + o.server().mcs();
        assertThat(o.phase(Phase.MCS_CONNECT).status()).as(why).isEqualTo(PhaseStatus.OK);
        McsFacts mcs = o.server().mcs().orElseThrow();
        assertThat(mcs.insideTls()).as(why).isTrue();
        assertThat(mcs.serverVersion().orElseThrow().name()).as(why).isEqualTo("RDP 5.0–8.1");
        assertThat(mcs.encryptionMethod()).as(why).contains(EncryptionMethod.NONE);
        assertThat(mcs.certificate()).as(why).isEmpty();
    }

    @Test
    void freeRdpShadowAnswersUnderStandardSecurityAndTls() {
        // FreeRDP's /sec:rdp refuses a request with TLS (failure 2): ask for Standard RDP Security alone
        ConnectionOutcome rdp = probe(servers.target(RealServers.FREERDP_RDP),
                b -> b.requestedProtocols(SecurityProtocolSet.of(SecurityProtocol.RDP)));
        String why = describe(rdp) + "  mcs: " + rdp.server().mcs();
        assertThat(rdp.phase(Phase.MCS_CONNECT).status()).as(why).isEqualTo(PhaseStatus.OK);
        assertThat(rdp.server().mcs().orElseThrow().insideTls()).as(why).isFalse();
        assertThat(rdp.server().mcs().orElseThrow().serverVersion()).as(why).isPresent();
        ConnectionOutcome tls = probe(servers.target(RealServers.FREERDP_TLS));
        String whyTls = describe(tls) + "  mcs: " + tls.server().mcs();
        assertThat(tls.phase(Phase.MCS_CONNECT).status()).as(whyTls).isEqualTo(PhaseStatus.OK);
        assertThat(tls.server().mcs().orElseThrow().insideTls()).as(whyTls).isTrue();
    }

    @Test
    void nlaServerDoesNotReachMcs() {
        ConnectionOutcome o = probe(servers.target(RealServers.FREERDP_NLA));
        String why = describe(o);
        assertThat(o.phase(Phase.MCS_CONNECT).status()).as(why).isEqualTo(PhaseStatus.NOT_REACHED);
        assertThat(o.phase(Phase.MCS_CONNECT).note()).as(why).contains(ConnectionSequence.MCS_AFTER_NLA);
    }
}
