package dev.rdpprobe.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rdpprobe.core.RdpProber;
import dev.rdpprobe.core.UdpMode;
import org.junit.jupiter.api.Test;

/** What --concurrency becomes under an open-file limit, and what the command says about it. */
class FileDescriptorBudgetTest {

    @Test
    void eachProbeHoldsItsTcpAndUdpSocketsAndOnePerEnumeratedConnection() {
        assertThat(FileDescriptorBudget.socketsPerProbe(RdpProber.builder().options())).isEqualTo(2);
        assertThat(FileDescriptorBudget.socketsPerProbe(RdpProber.builder().udpMode(UdpMode.OFF).options())).isEqualTo(1);
        assertThat(FileDescriptorBudget.socketsPerProbe(RdpProber.builder().udpMode(UdpMode.ONLY).options())).isEqualTo(1);
        assertThat(FileDescriptorBudget.socketsPerProbe(RdpProber.builder().enumerateSecurityLayers(true)
                .enumerateTlsVersions(true).options())).isEqualTo(2 + 5 + 4);
        assertThatThrownBy(() -> RdpProber.builder().udpMode(UdpMode.ONLY).enumerateSecurityLayers(true).options())
                .as("a UDP-only probe cannot enumerate: the options refuse the pair, so the budget never sees it")
                .hasMessageContaining("enumerateSecurityLayers(true) needs TCP");
    }

    @Test
    void theDefaultIsLoweredToWhatFitsAndTheCommandSaysSo() {
        FileDescriptorBudget limit = new FileDescriptorBudget(64, 20);
        FileDescriptorBudget.Choice c = limit.choose(32, false, 200, 2);
        assertThat(c.concurrency()).isEqualTo((64 - 20 - FileDescriptorBudget.RESERVE) / 2);
        assertThat(c.message()).contains("--concurrency lowered from its default 32 to 6", "ulimit -n", "is 64", "2 sockets",
                "raise ulimit -n");
    }

    @Test
    void anExplicitValueAboveTheLimitIsKeptWithAWarning() {
        FileDescriptorBudget limit = new FileDescriptorBudget(1024, 40);
        FileDescriptorBudget.Choice c = limit.choose(4096, true, 10_000, 2);
        assertThat(c.concurrency()).isEqualTo(4096);
        assertThat(c.message()).contains("warning", "--concurrency 4096 needs about 8192 file descriptors", "is 1024",
                "beyond about 476 probes in flight", "OUT_OF_FILE_DESCRIPTORS", "lower --concurrency or raise ulimit -n");
    }

    @Test
    void nothingIsSaidWhenTheBatchFits() {
        FileDescriptorBudget limit = new FileDescriptorBudget(1024, 40);
        assertThat(limit.choose(32, false, 10_000, 2)).isEqualTo(new FileDescriptorBudget.Choice(32, null));
        assertThat(limit.choose(4096, true, 100, 2)).as("only 100 targets: at most 100 in flight")
                .isEqualTo(new FileDescriptorBudget.Choice(4096, null));
        FileDescriptorBudget tight = new FileDescriptorBudget(64, 20);
        assertThat(tight.choose(32, false, 1, 2)).as("one target always fits").isEqualTo(new FileDescriptorBudget.Choice(32, null));
    }

    @Test
    void anUnknownLimitChangesNothing() {
        FileDescriptorBudget unknown = new FileDescriptorBudget(-1, -1);
        assertThat(unknown.choose(32, false, 10_000, 11)).isEqualTo(new FileDescriptorBudget.Choice(32, null));
    }

    @Test
    void atLeastOneProbeRunsEvenWithNoDescriptorToSpare() {
        FileDescriptorBudget full = new FileDescriptorBudget(40, 39);
        assertThat(full.choose(32, false, 100, 2).concurrency()).isEqualTo(1);
    }

    @Test
    void thisProcessHasALimitOnUnix() {
        FileDescriptorBudget mine = FileDescriptorBudget.ofThisProcess();
        if (mine.maxOpen() >= 0) {
            assertThat(mine.open()).isPositive().isLessThanOrEqualTo(mine.maxOpen());
        }
    }
}
