package dev.rdpprobe.core.diagnosis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rdpprobe.core.outcome.EncryptionLevel;
import dev.rdpprobe.core.outcome.EncryptionMethod;
import dev.rdpprobe.core.outcome.EncryptionMethodSupport;
import dev.rdpprobe.core.outcome.Failure;
import dev.rdpprobe.core.outcome.Finding;
import dev.rdpprobe.core.outcome.FindingCode;
import dev.rdpprobe.core.outcome.McsFacts;
import dev.rdpprobe.core.outcome.Phase;
import dev.rdpprobe.core.outcome.PhaseResult;
import dev.rdpprobe.core.outcome.RdpServerCertificate;
import dev.rdpprobe.core.outcome.RdpVersion;
import dev.rdpprobe.core.outcome.SecurityLayerSupport;
import dev.rdpprobe.core.outcome.SecurityProtocol;
import dev.rdpprobe.core.outcome.SecurityProtocolSet;
import dev.rdpprobe.core.outcome.ServerFacts;
import dev.rdpprobe.core.outcome.NegotiationFailure;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The findings of rdp-sec-check's meaning, and the multitransport ones, from MCS facts and the enumerations. */
class McsFindingsTest {

    /** MCS facts of a Standard RDP Security answer; {@code multitransport} {@code null} for no block. */
    static McsFacts standardSecurity(EncryptionMethod method, EncryptionLevel level, int keyBits, Long multitransport) {
        return new McsFacts(0, "rt-successful", false, 0x1B, Optional.of(new RdpVersion(0x00080004L)),
                Optional.of(SecurityProtocolSet.of(SecurityProtocol.RDP)), Optional.empty(), Optional.of((long) method.wire()),
                Optional.of((long) level.wire()), 32, Optional.of(new RdpServerCertificate(RdpServerCertificate.Kind.PROPRIETARY,
                        false, Optional.of(keyBits), Optional.of(65537L), 0, 0)),
                Optional.of(1003), List.of(), Optional.empty(), Optional.ofNullable(multitransport), List.of());
    }

    static List<PhaseResult> phases(Failure udpFailure) {
        List<PhaseResult> phases = new ArrayList<>();
        for (Phase p : Phase.values()) {
            phases.add(p == Phase.UDP_TRANSPORT && udpFailure != null
                    ? PhaseResult.failed(p, Duration.ZERO, Duration.ofMillis(900), udpFailure)
                    : PhaseResult.ok(p, Duration.ZERO, Duration.ofMillis(1)));
        }
        return phases;
    }

    static List<FindingCode> codes(ServerFacts facts, Failure udpFailure) {
        return FindingRules.derive(phases(udpFailure), facts).stream().map(Finding::code).toList();
    }

    static EncryptionMethodSupport accepted(EncryptionMethod m) {
        return new EncryptionMethodSupport(m, true, Optional.of(EncryptionLevel.CLIENT_COMPATIBLE), "the server chose " + m.label());
    }

    static EncryptionMethodSupport refused(EncryptionMethod m) {
        return new EncryptionMethodSupport(m, false, Optional.empty(), "MCS_CONNECT: the server closed the connection");
    }

    @Test
    void weakNullAndFipsNotRequiredFromTheEnumeration() {
        ServerFacts facts = ServerFacts.NONE.withEncryptionMethods(List.of(accepted(EncryptionMethod.NONE),
                accepted(EncryptionMethod.RC4_40BIT), refused(EncryptionMethod.RC4_56BIT), accepted(EncryptionMethod.RC4_128BIT),
                accepted(EncryptionMethod.FIPS)));
        List<Finding> findings = FindingRules.derive(phases(null), facts);
        assertThat(findings).extracting(Finding::code).contains(FindingCode.WEAK_RDP_ENCRYPTION, FindingCode.NULL_RDP_ENCRYPTION,
                FindingCode.FIPS_NOT_REQUIRED);
        assertThat(findings).filteredOn(f -> f.code() == FindingCode.WEAK_RDP_ENCRYPTION).singleElement()
                .satisfies(f -> assertThat(f.message()).contains("40-bit RC4").doesNotContain("56-bit"));
    }

    @Test
    void onlyFipsAcceptedIsNoFinding() {
        ServerFacts facts = ServerFacts.NONE.withEncryptionMethods(List.of(refused(EncryptionMethod.NONE),
                refused(EncryptionMethod.RC4_40BIT), refused(EncryptionMethod.RC4_56BIT), refused(EncryptionMethod.RC4_128BIT),
                accepted(EncryptionMethod.FIPS)));
        assertThat(codes(facts, null)).doesNotContain(FindingCode.WEAK_RDP_ENCRYPTION, FindingCode.NULL_RDP_ENCRYPTION,
                FindingCode.FIPS_NOT_REQUIRED);
    }

    @Test
    void theMainRunsChoiceAndKeyAreJudgedToo() {
        ServerFacts low = ServerFacts.NONE.withMcs(standardSecurity(EncryptionMethod.RC4_40BIT, EncryptionLevel.LOW, 512, null));
        assertThat(codes(low, null)).contains(FindingCode.WEAK_RDP_ENCRYPTION, FindingCode.RDP_KEY_WEAK);
        ServerFacts high = ServerFacts.NONE.withMcs(standardSecurity(EncryptionMethod.RC4_128BIT, EncryptionLevel.HIGH, 2048, null));
        assertThat(codes(high, null)).doesNotContain(FindingCode.WEAK_RDP_ENCRYPTION, FindingCode.RDP_KEY_WEAK);
        ServerFacts none = ServerFacts.NONE.withMcs(standardSecurity(EncryptionMethod.NONE, EncryptionLevel.NONE, 2048, null));
        assertThat(codes(none, null)).contains(FindingCode.NULL_RDP_ENCRYPTION);
    }

    @Test
    void udpNotOfferedReplacesUdpBlockedAndOfferedButSilentIsSaid() {
        ServerFacts notOffered = ServerFacts.NONE.withMcs(standardSecurity(EncryptionMethod.RC4_128BIT, EncryptionLevel.HIGH, 2048, null));
        assertThat(codes(notOffered, new Failure.UdpNoAnswer(3, Duration.ofMillis(900))))
                .contains(FindingCode.UDP_NOT_OFFERED).doesNotContain(FindingCode.UDP_BLOCKED);
        ServerFacts offered = ServerFacts.NONE.withMcs(standardSecurity(EncryptionMethod.RC4_128BIT, EncryptionLevel.HIGH, 2048, 0x105L));
        assertThat(codes(offered, new Failure.UdpNoAnswer(3, Duration.ofMillis(900))))
                .contains(FindingCode.UDP_OFFERED_BUT_BLOCKED, FindingCode.UDP_BLOCKED).doesNotContain(FindingCode.UDP_NOT_OFFERED);
        assertThat(codes(offered, null)).doesNotContain(FindingCode.UDP_OFFERED_BUT_BLOCKED, FindingCode.UDP_NOT_OFFERED);
    }

    static SecurityLayerSupport layer(SecurityProtocol p, boolean accepted) {
        return accepted ? new SecurityLayerSupport(p, true, Optional.of(SecurityProtocolSet.of(p)), Optional.empty(), Optional.empty())
                : new SecurityLayerSupport(p, false, Optional.empty(),
                        Optional.of(NegotiationFailure.of(NegotiationFailure.Reason.SSL_NOT_ALLOWED_BY_SERVER)), Optional.empty());
    }

    @Test
    void securityLayerVerdictsOfRdpSecCheck() {
        ServerFacts rdpOnly = ServerFacts.NONE.withSecurityLayers(List.of(layer(SecurityProtocol.RDP, true),
                layer(SecurityProtocol.SSL, false), layer(SecurityProtocol.HYBRID, false), layer(SecurityProtocol.HYBRID_EX, false)), false);
        assertThat(codes(rdpOnly, null)).contains(FindingCode.ONLY_STANDARD_RDP_SECURITY, FindingCode.NLA_NOT_SUPPORTED)
                .doesNotContain(FindingCode.TLS_NOT_REQUIRED);
        ServerFacts negotiate = ServerFacts.NONE.withSecurityLayers(List.of(layer(SecurityProtocol.RDP, true),
                layer(SecurityProtocol.SSL, true), layer(SecurityProtocol.HYBRID, false), layer(SecurityProtocol.HYBRID_EX, false)), false);
        assertThat(codes(negotiate, null)).contains(FindingCode.TLS_NOT_REQUIRED, FindingCode.NLA_NOT_SUPPORTED, FindingCode.NLA_NOT_REQUIRED)
                .doesNotContain(FindingCode.ONLY_STANDARD_RDP_SECURITY);
        ServerFacts nlaOnly = ServerFacts.NONE.withSecurityLayers(List.of(layer(SecurityProtocol.RDP, false),
                layer(SecurityProtocol.SSL, false), layer(SecurityProtocol.HYBRID, true), layer(SecurityProtocol.HYBRID_EX, true)), true);
        assertThat(codes(nlaOnly, null)).doesNotContain(FindingCode.TLS_NOT_REQUIRED, FindingCode.NLA_NOT_SUPPORTED,
                FindingCode.ONLY_STANDARD_RDP_SECURITY, FindingCode.NLA_NOT_REQUIRED);
    }
}
