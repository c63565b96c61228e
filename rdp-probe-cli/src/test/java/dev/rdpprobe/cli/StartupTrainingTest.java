package dev.rdpprobe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The launcher's training run (the class-data archive is made from it): every command it runs gives
 * the exit code it should, so the archive holds what real runs load — a help text, a usage error, and
 * probes through CredSSP that succeed.
 */
class StartupTrainingTest {

    @Test
    void everyTrainingCommandEndsAsItShould() throws Exception {
        assertThat(StartupTraining.train()).isEmpty();
    }
}
