package dev.rdpprobe.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rdpprobe.core.internal.sequence.SequencePlan;
import dev.rdpprobe.core.internal.udp.UdpProbeConfig;
import dev.rdpprobe.core.outcome.Phase;
import dev.rdpprobe.core.target.Target;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Options become the machines' plans in one place. */
class ProbePlansTest {

    static final Target TARGET = Target.of("127.0.0.1", 3389);

    @Test
    void theDefaultOptionsGiveTheUdpMachinesDefaults() {
        assertThat(ProbePlans.udp(ProbeOptions.DEFAULTS)).isEqualTo(UdpProbeConfig.DEFAULTS);
    }

    @Test
    void theSequencePlanCarriesTheOptionsValues() {
        ProbeOptions o = RdpProber.builder().x224Timeout(Duration.ofMillis(700)).deadline(Duration.ofSeconds(9))
                .cookie("someone").credssp(false).udpMode(UdpMode.OFF).options();
        SequencePlan plan = ProbePlans.sequence(TARGET, o);
        assertThat(plan.limits().x224()).isEqualTo(Duration.ofMillis(700));
        assertThat(plan.limits().deadline()).isEqualTo(Duration.ofSeconds(9));
        assertThat(plan.cookie()).isEqualTo("someone");
        assertThat(plan.lastPhase()).isEqualTo(Phase.TLS_HANDSHAKE);
        assertThat(plan.tcp()).isTrue();
        assertThat(plan.udp()).isFalse();
    }

    @Test
    void udpModesDecideWhichPathsRun() {
        SequencePlan only = ProbePlans.sequence(TARGET, RdpProber.builder().udpMode(UdpMode.ONLY).options());
        assertThat(only.tcp()).isFalse();
        assertThat(only.udp()).isTrue();
        SequencePlan beside = ProbePlans.sequence(TARGET, RdpProber.builder().options());
        assertThat(beside.tcp()).isTrue();
        assertThat(beside.udp()).isTrue();
        assertThat(beside.lastPhase()).isEqualTo(Phase.CREDSSP);
    }

    @Test
    void anEarlierDeadlineCutsTheDeadlineAndEveryLongerPhaseLimit() {
        ProbeOptions o = RdpProber.builder().x224Timeout(Duration.ofMillis(700)).tlsTimeout(Duration.ofSeconds(4))
                .deadline(Duration.ofSeconds(9)).options();
        SequencePlan plan = ProbePlans.sequence(TARGET, o, Duration.ofSeconds(2));
        assertThat(plan.limits().deadline()).isEqualTo(Duration.ofSeconds(2));
        assertThat(plan.limits().x224()).isEqualTo(Duration.ofMillis(700));
        assertThat(plan.limits().tls()).isEqualTo(Duration.ofSeconds(2));
        assertThat(plan.limits().resolve()).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void aLaterDeadlineThanTheOptionsOwnChangesNothing() {
        ProbeOptions o = RdpProber.builder().deadline(Duration.ofSeconds(9)).options();
        assertThat(ProbePlans.sequence(TARGET, o, Duration.ofSeconds(60))).isEqualTo(ProbePlans.sequence(TARGET, o));
    }
}
