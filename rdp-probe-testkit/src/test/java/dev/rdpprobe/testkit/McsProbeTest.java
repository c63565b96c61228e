package dev.rdpprobe.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rdpprobe.core.RdpProber;
import dev.rdpprobe.core.internal.sequence.ConnectionSequence;
import dev.rdpprobe.core.outcome.ConnectionOutcome;
import dev.rdpprobe.core.outcome.DiagnosisCode;
import dev.rdpprobe.core.outcome.EncryptionLevel;
import dev.rdpprobe.core.outcome.EncryptionMethod;
import dev.rdpprobe.core.outcome.McsFacts;
import dev.rdpprobe.core.outcome.Phase;
import dev.rdpprobe.core.outcome.PhaseStatus;
import dev.rdpprobe.core.outcome.RdpServerCertificate;
import dev.rdpprobe.core.outcome.SecurityProtocol;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Whole probes through MCS_CONNECT against the fake server over real loopback sockets. */
class McsProbeTest {

    static RdpProber prober;

    @BeforeAll
    static void startProber() {
        prober = RdpProber.builder().udp(false).connectTimeout(X224ProbeTest.PHASE).phaseTimeout(X224ProbeTest.PHASE)
                .deadline(Duration.ofSeconds(10)).build();
    }

    @AfterAll
    static void stopProber() {
        prober.close();
    }

    static ConnectionOutcome probe(Scenario scenario) {
        try (FakeRdpServer server = FakeRdpServer.start(scenario)) {
            ConnectionOutcome o = prober.probe(server.target()).join();
            return o;
        }
    }

    @Test
    void standardRdpSecurityServerRevealsVersionMethodLevelAndKeyInTheClear() {
        ConnectionOutcome o = probe(Scenario.supporting(SecurityProtocol.RDP).withMcs(McsStep.xrdpLike(EncryptionLevel.LOW)));

        assertThat(o.phase(Phase.TLS_HANDSHAKE).status()).isEqualTo(PhaseStatus.SKIPPED);
        assertThat(o.phase(Phase.MCS_CONNECT).status()).isEqualTo(PhaseStatus.OK);
        McsFacts mcs = o.server().mcs().orElseThrow();
        assertThat(mcs.insideTls()).isFalse();
        assertThat(mcs.serverVersion().orElseThrow().name()).isEqualTo("RDP 5.0–8.1");
        assertThat(mcs.encryptionMethod()).contains(EncryptionMethod.RC4_40BIT);
        assertThat(mcs.encryptionLevel()).contains(EncryptionLevel.LOW);
        assertThat(mcs.serverRandomLength()).isEqualTo(32);
        assertThat(mcs.certificate().orElseThrow().kind()).isEqualTo(RdpServerCertificate.Kind.PROPRIETARY);
        assertThat(mcs.rsaKeyBits()).contains(512);
        assertThat(mcs.offersUdp()).isFalse();
        assertThat(o.diagnosis().code()).isEqualTo(DiagnosisCode.STANDARD_RDP_SECURITY_ONLY);
    }

    @Test
    void tlsOnlyServerAnswersInsideTlsAndOffersUdp() {
        ConnectionOutcome o = probe(Scenario.healthyTlsOnly());

        assertThat(o.phase(Phase.CREDSSP).status()).isEqualTo(PhaseStatus.SKIPPED);
        assertThat(o.phase(Phase.MCS_CONNECT).status()).isEqualTo(PhaseStatus.OK);
        McsFacts mcs = o.server().mcs().orElseThrow();
        assertThat(mcs.insideTls()).isTrue();
        assertThat(mcs.serverVersion().orElseThrow().name()).isEqualTo("RDP 10.7");
        assertThat(mcs.encryptionMethod()).contains(EncryptionMethod.NONE);
        assertThat(mcs.certificate()).isEmpty();
        assertThat(mcs.offersUdp()).isTrue();
        assertThat(mcs.multitransportFlagNames()).containsExactly("TRANSPORTTYPE_UDPFECR", "TRANSPORTTYPE_UDPFECL",
                "TRANSPORTTYPE_UDP_PREFERRED");
    }

    @Test
    void nlaServerDoesNotReachMcsAndSaysWhy() {
        ConnectionOutcome o = probe(Scenario.healthy());

        assertThat(o.phase(Phase.CREDSSP).status()).isEqualTo(PhaseStatus.OK);
        assertThat(o.phase(Phase.MCS_CONNECT).status()).isEqualTo(PhaseStatus.NOT_REACHED);
        assertThat(o.phase(Phase.MCS_CONNECT).note()).contains(ConnectionSequence.MCS_AFTER_NLA);
        assertThat(o.server().mcs()).isEmpty();
    }

    @Test
    void noAcceptableMethodEndsInTheUltimatumAndMcsClosed() {
        ConnectionOutcome o = probe(Scenario.supporting(SecurityProtocol.RDP)
                .withMcs(McsStep.xrdpLike(EncryptionLevel.HIGH)).withMcs(McsStep.xrdpLike(EncryptionLevel.FIPS)));
        // the probe offers every method, FIPS included: accepted
        assertThat(o.phase(Phase.MCS_CONNECT).status()).isEqualTo(PhaseStatus.OK);
        assertThat(o.server().mcs().orElseThrow().encryptionMethod()).contains(EncryptionMethod.FIPS);

        ConnectionOutcome closed = probe(Scenario.supporting(SecurityProtocol.RDP).withMcs(McsStep.acting(ConnectionEffect.close())));
        assertThat(closed.phase(Phase.MCS_CONNECT).status()).isEqualTo(PhaseStatus.FAILED);
        assertThat(closed.diagnosis().code()).isEqualTo(DiagnosisCode.MCS_CLOSED);
    }

    @Test
    void refusedResultIsMcsRefusedWithTheT125Name() {
        ConnectionOutcome o = probe(Scenario.supporting(SecurityProtocol.RDP).withMcs(McsStep.windowsLike().withResult(6)));
        assertThat(o.phase(Phase.MCS_CONNECT).status()).isEqualTo(PhaseStatus.FAILED);
        assertThat(o.server().mcs().orElseThrow().resultName()).isEqualTo("rt-not-admitted");
        assertThat(o.diagnosis().code()).isEqualTo(DiagnosisCode.MCS_REFUSED);
        assertThat(o.diagnosis().summary()).contains("rt-not-admitted");
    }

    @Test
    void silentServerTimesOutAsMcsSilent() {
        ConnectionOutcome o;
        try (RdpProber quick = RdpProber.builder().udp(false).connectTimeout(X224ProbeTest.PHASE).phaseTimeout(X224ProbeTest.PHASE)
                .mcsTimeout(Duration.ofMillis(500)).deadline(Duration.ofSeconds(10)).build();
                FakeRdpServer server = FakeRdpServer.start(Scenario.supporting(SecurityProtocol.RDP).withMcs(null))) {
            o = quick.probe(server.target()).join();
        }
        assertThat(o.phase(Phase.MCS_CONNECT).status()).isEqualTo(PhaseStatus.TIMED_OUT);
        assertThat(o.diagnosis().code()).isEqualTo(DiagnosisCode.MCS_SILENT);
    }

    @Test
    void theServerSeesTheSelectedProtocolEchoedAndEveryMethodOffered() {
        try (FakeRdpServer server = FakeRdpServer.start(Scenario.healthyTlsOnly())) {
            prober.probe(server.target()).join();
            RecordedConnection c = server.connections().get(0);
            assertThat(c.connectInitialSelectedProtocol()).hasValue(1);
            assertThat(c.connectInitialEncryptionMethods()).hasValue(0x1B);
        }
    }
}
