package dev.rdpprobe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class StartupWarmUpTest {

    @Test
    void theProbesWorkIsWarmedOnlyForARunThatProbes() {
        assertThat(StartupWarmUp.willProbe(new String[] {"127.0.0.1"})).isTrue();
        assertThat(StartupWarmUp.willProbe(new String[] {"--json", "--targets", "hosts.txt"})).isTrue();
        assertThat(StartupWarmUp.willProbe(new String[] {"demo"})).isTrue();
        for (String[] args : new String[][] {{}, {"--help"}, {"-h"}, {"--version"}, {"-V"}, {"127.0.0.1", "--help"},
                {"explain", "0x904", "0x7"}}) {
            assertThat(StartupWarmUp.willProbe(args)).as(String.join(" ", args)).isFalse();
        }
    }

    @Test
    void theOptionHoldersItReadsAreTheRootCommandAndItsMixins() {
        // a mixin added to the root command and not to the list only loses its head start; the list should stay whole
        List<Class<?>> expected = new ArrayList<>(List.of(RdpProbeCommand.class));
        for (Field field : RdpProbeCommand.class.getDeclaredFields()) {
            if (field.isAnnotationPresent(CommandLine.Mixin.class)) {
                expected.add(field.getType());
            }
        }
        assertThat(StartupWarmUp.OPTION_HOLDERS).containsExactlyInAnyOrderElementsOf(expected);
    }
}
