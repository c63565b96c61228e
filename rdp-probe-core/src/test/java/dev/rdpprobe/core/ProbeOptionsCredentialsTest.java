package dev.rdpprobe.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rdpprobe.core.outcome.SecurityProtocol;
import dev.rdpprobe.core.outcome.SecurityProtocolSet;
import dev.rdpprobe.core.target.CertificatePin;
import dev.rdpprobe.core.target.Credentials;
import org.junit.jupiter.api.Test;

/** The credential check's options: defaults, contradictions named, never a password in a message. */
class ProbeOptionsCredentialsTest {

    static final String SHA256 = "0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF";

    @Test
    void noCredentialsNoPinsAndNoOptInByDefault() {
        assertThat(ProbeOptions.DEFAULTS.credentials()).isNull();
        assertThat(ProbeOptions.DEFAULTS.trustedThumbprints()).isEmpty();
        assertThat(ProbeOptions.DEFAULTS.sendCredentialsToUnverifiedServer()).isFalse();
    }

    @Test
    void pinsAddUpAndTheOptionsPrintTheAccountOnly() {
        Credentials alice = Credentials.of("alice", "LAB", "s3cret-pw".toCharArray());
        ProbeOptions o = ProbeOptions.builder().credentials(alice).trustThumbprint(SHA256).trustThumbprint(SHA256.substring(0, 40)).build();
        assertThat(o.trustedThumbprints()).extracting(CertificatePin::algorithm)
                .containsExactly(CertificatePin.Algorithm.SHA256, CertificatePin.Algorithm.SHA1);
        assertThat(o.toString()).contains("LAB\\alice").doesNotContain("s3cret-pw");
        assertThat(o.toBuilder().build()).isEqualTo(o);
    }

    @Test
    void credentialsNeedCredSspAndAnNlaRequestAndSayWhy() {
        Credentials alice = Credentials.of("alice", "", "s3cret-pw".toCharArray());
        assertThatThrownBy(() -> ProbeOptions.builder().credentials(alice).credssp(false).build())
                .hasMessageContaining("credssp(false)").hasMessageNotContaining("s3cret-pw");
        assertThatThrownBy(() -> ProbeOptions.builder().credentials(alice).requestedProtocols(SecurityProtocolSet.of(SecurityProtocol.SSL)).build())
                .hasMessageContaining("neither HYBRID nor HYBRID_EX").hasMessageNotContaining("s3cret-pw");
        assertThatThrownBy(() -> ProbeOptions.builder().credentials(alice).udpMode(UdpMode.ONLY).build())
                .hasMessageContaining("needs TCP");
        assertThatThrownBy(() -> ProbeOptions.builder().trustThumbprint("abc")).isInstanceOf(IllegalArgumentException.class);
    }
}
