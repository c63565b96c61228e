package dev.rdpprobe.core.target;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class CertificatePinTest {

    static final String SHA1 = "A9BA5B82AFA2FDB69EE6617DF0D0F41FBD65335A";
    static final String SHA256 = "0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF";

    @Test
    void sha1AndSha256InAnyCaseWithOrWithoutColons() {
        CertificatePin sha1 = CertificatePin.parse("a9:ba:5b:82:af:a2:fd:b6:9e:e6:61:7d:f0:d0:f4:1f:bd:65:33:5a");
        assertThat(sha1.algorithm()).isEqualTo(CertificatePin.Algorithm.SHA1);
        assertThat(sha1.hex()).isEqualTo(SHA1);
        assertThat(sha1.matches(SHA1.toLowerCase(), null)).isTrue();
        assertThat(sha1.matches(null, SHA256)).isFalse();
        CertificatePin sha256 = CertificatePin.parse(SHA256.toLowerCase());
        assertThat(sha256.algorithm()).isEqualTo(CertificatePin.Algorithm.SHA256);
        assertThat(sha256.matches(SHA1, SHA256)).isTrue();
        assertThat(sha256.matches(SHA1, SHA256.replace('0', '1'))).isFalse();
        assertThat(CertificatePin.parse("01 23" + SHA256.substring(4))).isEqualTo(sha256);
    }

    @Test
    void anythingElseIsRefusedWithTheReason() {
        assertThatThrownBy(() -> CertificatePin.parse(SHA1.substring(2))).hasMessageContaining("38 digits");
        assertThatThrownBy(() -> CertificatePin.parse(SHA1.substring(1) + "g")).hasMessageContaining("'g'");
        assertThatThrownBy(() -> CertificatePin.parse("")).hasMessageContaining("0 digits");
    }
}
