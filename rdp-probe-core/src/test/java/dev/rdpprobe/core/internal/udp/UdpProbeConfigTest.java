package dev.rdpprobe.core.internal.udp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class UdpProbeConfigTest {

    @Test
    void defaults() {
        assertThat(UdpProbeConfig.DEFAULTS.attempts()).isEqualTo(3);
        assertThat(UdpProbeConfig.DEFAULTS.initialRetransmit()).isEqualTo(Duration.ofMillis(500));
        assertThat(UdpProbeConfig.DEFAULTS.offeredVersion()).isEqualTo(2);
        assertThat(UdpProbeConfig.DEFAULTS.correlationIdOrNull()).isNull();
    }

    @Test
    void version3IsRefusedWithTheReason() {
        assertThatThrownBy(() -> UdpProbeConfig.DEFAULTS.withOfferedVersion(3))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cannot be offered standalone").hasMessageContaining("cookie hash");
        assertThatThrownBy(() -> UdpProbeConfig.DEFAULTS.withOfferedVersion(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThat(UdpProbeConfig.DEFAULTS.withOfferedVersion(0).offeredVersion()).isZero();
        assertThat(UdpProbeConfig.DEFAULTS.withOfferedVersion(1).offeredVersion()).isEqualTo(1);
    }

    @Test
    void rangesAreChecked() {
        assertThatThrownBy(() -> UdpProbeConfig.DEFAULTS.withAttempts(0)).hasMessageContaining("1..10");
        assertThatThrownBy(() -> UdpProbeConfig.DEFAULTS.withAttempts(11)).hasMessageContaining("1..10");
        assertThatThrownBy(() -> UdpProbeConfig.DEFAULTS.withInitialRetransmit(Duration.ZERO)).hasMessageContaining("positive");
        assertThatThrownBy(() -> UdpProbeConfig.DEFAULTS.withInitialRetransmit(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> UdpProbeConfig.DEFAULTS.withCorrelationId(new byte[16])).hasMessageContaining("0x00");
    }

    @Test
    void correlationIdIsCopied() {
        byte[] id = new byte[16];
        id[0] = 1;
        UdpProbeConfig config = UdpProbeConfig.DEFAULTS.withCorrelationId(id);
        id[1] = 9;
        assertThat(config.correlationIdOrNull()[1]).isZero();
        assertThat(config).isEqualTo(UdpProbeConfig.DEFAULTS.withCorrelationId(config.correlationIdOrNull()));
    }
}
