package dev.rdpprobe.testkit.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.KeyStore;
import java.util.List;
import org.junit.jupiter.api.Test;

class TestkitTlsPiecesTest {

    @Test
    void aFatalAlertRecordIsSevenBytes() {
        assertThat(TlsRecords.fatalAlert(0x0303, 40)).containsExactly(21, 3, 3, 0, 2, 2, 40);
        assertThat(TlsRecords.fatalAlert(TlsRecords.TLS_1_0, TlsRecords.PROTOCOL_VERSION)).containsExactly(21, 3, 1, 0, 2, 2, 70);
        assertThatThrownBy(() -> TlsRecords.fatalAlert(0x10000, 40)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TlsRecords.fatalAlert(0x0303, 256)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theRsa2048KeyPairIsGeneratedOnceAndReused() {
        TestCertificate a = TestCertificates.localhost();
        TestCertificate b = TestCertificates.expired();
        assertThat(a.certificate().getPublicKey()).isEqualTo(b.certificate().getPublicKey());
        assertThat(a.certificate().getSerialNumber()).isNotEqualTo(b.certificate().getSerialNumber());
        assertThat(TestCertificates.testCa().certificate().getPublicKey()).isNotEqualTo(a.certificate().getPublicKey());
        assertThat(TestCertificates.testCa()).isSameAs(TestCertificates.testCa());
    }

    @Test
    void aCertificateBecomesATrustStore() throws Exception {
        KeyStore store = TestCertificates.testCa().asTrustStore();
        assertThat(store.isCertificateEntry("anchor")).isTrue();
        assertThat(store.getCertificate("anchor")).isEqualTo(TestCertificates.testCa().certificate());
    }

    @Test
    void serverHandlersRejectUnknownVersions() {
        assertThatThrownBy(() -> TlsServerHandlers.newServerHandler(TestCertificates.localhost(), List.of("SSLv3")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("TLSv1.3");
        assertThatThrownBy(() -> TlsServerHandlers.newServerHandler(TestCertificates.localhost(), List.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
