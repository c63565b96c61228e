package dev.rdpprobe.tls;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rdpprobe.core.outcome.TlsVersion;
import org.bouncycastle.tls.CipherSuite;
import org.bouncycastle.tls.ProtocolVersion;
import org.junit.jupiter.api.Test;

class TlsNamesTest {

    @Test
    void cipherSuitesHaveIanaNames() {
        assertThat(TlsNames.cipherSuiteName(CipherSuite.TLS_AES_128_GCM_SHA256)).isEqualTo("TLS_AES_128_GCM_SHA256");
        assertThat(TlsNames.cipherSuiteName(0xC030)).isEqualTo("TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384");
        assertThat(TlsNames.cipherSuiteName(0x002F)).isEqualTo("TLS_RSA_WITH_AES_128_CBC_SHA");
        assertThat(TlsNames.cipherSuiteName(0xFAFA)).isEqualTo("0xFAFA");
        assertThat(TlsNames.ianaCipherSuiteName("SSL_RSA_WITH_3DES_EDE_CBC_SHA")).isEqualTo("TLS_RSA_WITH_3DES_EDE_CBC_SHA");
    }

    @Test
    void alertsHaveRfcNamesBothWays() {
        assertThat(TlsNames.alertName(40)).isEqualTo("handshake_failure");
        assertThat(TlsNames.alertName(70)).isEqualTo("protocol_version");
        assertThat(TlsNames.alertName(80)).isEqualTo("internal_error");
        assertThat(TlsNames.alertName(200)).isEqualTo("unknown_200");
        assertThat(TlsNames.alertNumber("handshake_failure")).isEqualTo(40);
        assertThat(TlsNames.alertNumber("no_such_alert")).isEqualTo(-1);
    }

    @Test
    void versionsRoundTripWithBouncyCastlesVersions() {
        for (TlsVersion version : TlsVersion.all()) {
            assertThat(TlsNames.version(TlsNames.protocolVersion(version))).contains(version);
        }
        assertThat(TlsNames.protocolVersion(TlsVersion.TLS_1_0)).isEqualTo(ProtocolVersion.TLSv10);
        assertThat(TlsNames.protocolVersion(TlsVersion.TLS_1_3)).isEqualTo(ProtocolVersion.TLSv13);
        assertThat(TlsNames.version(ProtocolVersion.SSLv3)).as("not a version the probe offers").isEmpty();
        assertThat(TlsNames.version(ProtocolVersion.DTLSv12)).isEmpty();
    }
}
