package dev.rdpprobe.core.outcome;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The typed values users compare: what each means on the wire, how it reads as text, and back. */
class TypedValuesTest {

    @Test
    void securityProtocolsCarryTheirWireBits() {
        assertThat(SecurityProtocol.RDP.bit()).isZero();
        assertThat(SecurityProtocol.SSL.bit()).isEqualTo(0x01);
        assertThat(SecurityProtocol.HYBRID.bit()).isEqualTo(0x02);
        assertThat(SecurityProtocol.RDSTLS.bit()).isEqualTo(0x04);
        assertThat(SecurityProtocol.HYBRID_EX.bit()).isEqualTo(0x08);
        assertThat(SecurityProtocol.RDSAAD.bit()).isEqualTo(0x10);
        for (SecurityProtocol p : SecurityProtocol.values()) {
            assertThat(SecurityProtocol.fromBits(p.bit())).contains(p);
            assertThat(SecurityProtocol.parse(p.name().toLowerCase())).isEqualTo(p);
            assertThat(SecurityProtocol.parse("PROTOCOL_" + p.name())).isEqualTo(p);
        }
        assertThat(SecurityProtocol.fromBits(0x03)).as("two protocols are no single one").isEmpty();
        assertThat(SecurityProtocol.fromBits(0x20)).isEmpty();
        assertThat(SecurityProtocol.HYBRID_EX.requiresCredSsp()).isTrue();
        assertThat(SecurityProtocol.SSL.requiresCredSsp()).isFalse();
        assertThat(SecurityProtocol.RDP.requiresTls()).isFalse();
        assertThatThrownBy(() -> SecurityProtocol.parse("tls")).hasMessageContaining("unknown security protocol 'tls'")
                .hasMessageContaining("rdp, ssl, hybrid, hybrid_ex, rdstls, rdsaad");
    }

    @Test
    void aProtocolSetKeepsUnknownBitsAndReadsAsItsNames() {
        SecurityProtocolSet request = SecurityProtocolSet.DEFAULT_REQUEST;
        assertThat(request.bits()).isEqualTo(0x0B);
        assertThat(request).hasToString("SSL|HYBRID|HYBRID_EX");
        assertThat(request.contains(SecurityProtocol.HYBRID)).isTrue();
        assertThat(request.contains(SecurityProtocol.RDSTLS)).isFalse();
        assertThat(request.contains(SecurityProtocol.RDP)).as("RDP alone is the empty set").isFalse();
        assertThat(request.protocols()).containsExactly(SecurityProtocol.SSL, SecurityProtocol.HYBRID, SecurityProtocol.HYBRID_EX);
        assertThat(SecurityProtocolSet.of(SecurityProtocol.RDP).names()).containsExactly("RDP");
        assertThat(SecurityProtocolSet.of(SecurityProtocol.RDP).contains(SecurityProtocol.RDP)).isTrue();

        SecurityProtocolSet odd = SecurityProtocolSet.fromBits(0x21);
        assertThat(odd.names()).containsExactly("SSL", "0x20");
        assertThat(odd.unknownBits()).isEqualTo(0x20);
        assertThat(odd.single()).isEmpty();
        assertThat(request.admits(odd)).isFalse();
        assertThat(request.admits(SecurityProtocolSet.of(SecurityProtocol.HYBRID_EX))).isTrue();
        assertThat(request.admits(SecurityProtocolSet.of(SecurityProtocol.RDP))).as("servers fall back to RDP").isTrue();

        assertThat(SecurityProtocolSet.parse("ssl, hybrid,hybrid_ex")).isEqualTo(request).hasSameHashCodeAs(request);
        assertThat(SecurityProtocolSet.parse("rdp")).isEqualTo(SecurityProtocolSet.of(SecurityProtocol.RDP));
    }

    @Test
    void anUnknownNegotiationFailureCodeIsKeptRaw() {
        NegotiationFailure unknown = new NegotiationFailure(0x99);
        assertThat(unknown.code()).isEqualTo(0x99);
        assertThat(unknown.reason()).isEmpty();
        assertThat(unknown.name()).isEqualTo("UNKNOWN_0x00000099");
        assertThat(unknown.meaning()).isEqualTo("a failure code not in the specification");
        assertThat(unknown).hasToString("UNKNOWN_0x00000099(153)");
        assertThat(new Failure.NegotiationFailed(unknown).message())
                .isEqualTo("the server refused the requested security protocols: UNKNOWN_0x00000099 (153)");
    }

    @Test
    void knownNegotiationFailureCodesHaveTheSpecsNames() {
        Map<Integer, NegotiationFailure.Reason> spec = Map.of(1, NegotiationFailure.Reason.SSL_REQUIRED_BY_SERVER,
                2, NegotiationFailure.Reason.SSL_NOT_ALLOWED_BY_SERVER, 3, NegotiationFailure.Reason.SSL_CERT_NOT_ON_SERVER,
                4, NegotiationFailure.Reason.INCONSISTENT_FLAGS, 5, NegotiationFailure.Reason.HYBRID_REQUIRED_BY_SERVER,
                6, NegotiationFailure.Reason.SSL_WITH_USER_AUTH_REQUIRED_BY_SERVER);
        spec.forEach((code, reason) -> {
            NegotiationFailure f = new NegotiationFailure(code);
            assertThat(f.reason()).contains(reason);
            assertThat(f.is(reason)).isTrue();
            assertThat(f.name()).isEqualTo(reason.name());
            assertThat(NegotiationFailure.of(reason)).isEqualTo(f);
        });
        assertThat(NegotiationFailure.Reason.values()).hasSize(spec.size());
    }

    /** Every spelling the CLI's --tls-versions and the JSON accept, to the version and back to the JDK name. */
    @ParameterizedTest
    @ValueSource(strings = {"1", "1.0", "1.1", "1.2", "1.3", "TLSv1", "TLSv1.1", "TLSv1.2", "TLSv1.3", "tls1.0", "tls1.2",
        "tlsv1.3", "TLS_1_2", " 1.2 "})
    void everyAcceptedTlsVersionNameRoundTrips(String name) {
        TlsVersion version = TlsVersion.parse(name);
        assertThat(TlsVersion.fromJdkName(version.jdkName())).contains(version);
        assertThat(TlsVersion.parse(version.jdkName())).isEqualTo(version);
        assertThat(TlsVersion.parse(version.name())).isEqualTo(version);
        assertThat(TlsVersion.fromWire(version.wireVersion() >> 8, version.wireVersion() & 0xFF)).contains(version);
        assertThat(version).hasToString(version.jdkName());
    }

    @Test
    void tlsVersionsMapToTheJdkNamesAndWireValuesOnce() {
        assertThat(TlsVersion.all()).extracting(TlsVersion::jdkName).containsExactly("TLSv1", "TLSv1.1", "TLSv1.2", "TLSv1.3");
        assertThat(TlsVersion.all()).extracting(TlsVersion::wireVersion).containsExactly(0x0301, 0x0302, 0x0303, 0x0304);
        assertThat(TlsVersion.all()).filteredOn(TlsVersion::isLegacy).containsExactly(TlsVersion.TLS_1_0, TlsVersion.TLS_1_1);
        assertThat(TlsVersion.fromJdkName("SSLv3")).isEmpty();
        assertThat(TlsVersion.fromWire(3, 0)).as("SSL 3.0").isEmpty();
        for (String bad : List.of("1.4", "SSLv3", "", "TLSv2")) {
            assertThatThrownBy(() -> TlsVersion.parse(bad)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("use 1.0, 1.1, 1.2 or 1.3");
        }
    }

    @Test
    void subjectAltNamesAreTypedAndKeepTheirTextForm() {
        assertThat(SubjectAltName.dns("rds01.example.com")).hasToString("DNS:rds01.example.com");
        assertThat(SubjectAltName.ip("127.0.0.1")).hasToString("IP:127.0.0.1");
        assertThat(new SubjectAltName(SubjectAltName.Type.EMAIL, "a@example.com")).hasToString("email:a@example.com");
        assertThat(new SubjectAltName(SubjectAltName.Type.OTHER_NAME, "1.3.6.1.4.1.311.20.2.3=u@x")).hasToString("otherName:1.3.6.1.4.1.311.20.2.3=u@x");
        assertThat(new SubjectAltName(SubjectAltName.Type.OTHER, "3:x400")).hasToString("type3:x400");
        assertThat(SubjectAltName.dns("a").type()).isEqualTo(SubjectAltName.Type.DNS);
    }

    @Test
    void anUnparseableCertificateHasEmptyFactsNotNulls() {
        CertificateReport c = CertificateReport.unparseable("AB", "CD", 412, "not an X.509 certificate");
        assertThat(c.subject()).isEmpty();
        assertThat(c.issuer()).isEmpty();
        assertThat(c.serialNumberHex()).isEmpty();
        assertThat(c.notBefore()).isEmpty();
        assertThat(c.notAfter()).isEmpty();
        assertThat(c.keyType()).isEmpty();
        assertThat(c.signatureAlgorithm()).isEmpty();
        assertThat(c.hostnameMatches()).isEmpty();
        assertThat(c.keyOverProbeLimit()).isEmpty();
        assertThat(c.parseError()).contains("not an X.509 certificate");
        assertThat(c.subjectAlternativeNames()).isEmpty();
    }

    @Test
    void windowsErrorConfidenceIsAnEnumWithTheTablesWords() {
        assertThat(WindowsErrorConfidence.parse("documented")).isEqualTo(WindowsErrorConfidence.DOCUMENTED);
        assertThat(WindowsErrorConfidence.parse("LIKELY")).isEqualTo(WindowsErrorConfidence.LIKELY);
        assertThat(WindowsErrorConfidence.LIKELY.label()).isEqualTo("likely");
        assertThatThrownBy(() -> WindowsErrorConfidence.parse("probably")).hasMessageContaining("neither documented nor likely");
        assertThat(new WindowsError(0x904, 0x7, WindowsErrorConfidence.LIKELY).display()).isEqualTo("0x904 / 0x7");
    }

    @Test
    void theTlsEngineMissingCaseIsItsOwnTypeAndKind() {
        Failure missing = new Failure.TlsEngineUnavailable("no TLS engine on the class path; add the dependency dev.rdpprobe:rdp-probe-tls");
        assertThat(missing.kind()).as("the JSON contract's kind").isEqualTo("TLS_ENGINE_UNAVAILABLE");
        assertThat(missing.message()).isEqualTo("local error: no TLS engine on the class path; add the dependency dev.rdpprobe:rdp-probe-tls");
        assertThat(missing).isNotInstanceOf(Failure.LocalError.class);
    }
}
