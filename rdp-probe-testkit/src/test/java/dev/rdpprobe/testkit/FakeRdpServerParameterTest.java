package dev.rdpprobe.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rdpprobe.core.RdpProber;
import dev.rdpprobe.core.outcome.ConnectionOutcome;
import dev.rdpprobe.core.outcome.Failure;
import dev.rdpprobe.core.outcome.NegotiationFailure;
import dev.rdpprobe.core.outcome.Phase;
import dev.rdpprobe.core.outcome.PhaseStatus;
import dev.rdpprobe.core.outcome.Verdict;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;

/** The extension as {@code @ExtendWith}, injecting a server parameter, its scenario chosen by {@link FakeScenario}. */
@ExtendWith(FakeRdpServerExtension.class)
class FakeRdpServerParameterTest {

    static RdpProber prober;

    @BeforeAll
    static void start() {
        prober = RdpProber.builder().udp(false).phaseTimeout(Duration.ofSeconds(2)).build();
    }

    @AfterAll
    static void stop() {
        prober.close();
    }

    /** A scenario factory a {@link FakeScenario} names. */
    static Scenario tls10Only() {
        return Scenario.healthyTlsOnly().withTls(TlsStep.versions("TLSv1"));
    }

    @Test
    void theDefaultServerIsHealthyUpToCredSsp(FakeRdpServer server) throws Exception {
        ConnectionOutcome o = prober.probe(server.target()).join();
        assertThat(o.phase(Phase.TLS_HANDSHAKE).status()).isEqualTo(PhaseStatus.OK);
        assertThat(o.phase(Phase.CREDSSP).status()).isEqualTo(PhaseStatus.OK);
        assertThat(o.verdict()).isEqualTo(Verdict.OK);
        RecordedConnection c = server.takeConnection(Duration.ofSeconds(5)).orElseThrow();
        assertThat(c.tlsCompleted()).isTrue();
        assertThat(c.tsRequestVersion()).isPresent();
    }

    @Test
    void parameterServerCanBeRescripted(FakeRdpServer server) {
        server.setDefault(Scenario.closingOnConnectionRequest());
        ConnectionOutcome o = prober.probe(server.target()).join();
        assertThat(o.phase(Phase.X224_NEGOTIATION).failure()).contains(new Failure.ClosedByPeer(0));
    }

    @Test
    @FakeScenario("nla-required")
    void aNamedScenario(FakeRdpServer server) {
        ConnectionOutcome o = prober.probe(server.target()).join();
        assertThat(o.phase(Phase.X224_NEGOTIATION).failure()).contains(new Failure.NegotiationFailed(NegotiationFailure.of(NegotiationFailure.Reason.HYBRID_REQUIRED_BY_SERVER)));
    }

    @Test
    @FakeScenario("tls10Only")
    void aStaticFactoryOfTheTestClass(FakeRdpServer server) throws Exception {
        prober.probe(server.target()).join();
        assertThat(server.takeConnection(Duration.ofSeconds(5)).orElseThrow().tlsVersion()).contains("TLSv1");
    }

    @Test
    @FakeScenario("dev.rdpprobe.testkit.FakeRdpServerParameterTest#tls10Only")
    void aStaticFactoryOfAnotherClass(FakeRdpServer server) throws Exception {
        prober.probe(server.target()).join();
        assertThat(server.takeConnection(Duration.ofSeconds(5)).orElseThrow().tlsVersion()).contains("TLSv1");
    }

    @Nested
    @FakeScenario("closing")
    class AnnotatedClass {
        @Test
        void everyTestOfTheClassGetsTheClassScenario(FakeRdpServer server) {
            ConnectionOutcome o = prober.probe(server.target()).join();
            assertThat(o.phase(Phase.X224_NEGOTIATION).failure()).contains(new Failure.ClosedByPeer(0));
        }

        @Test
        @FakeScenario("tls10Only")
        void aMethodAnnotationWinsOverTheClassAndFindsAnEnclosingClassFactory(FakeRdpServer server) throws Exception {
            prober.probe(server.target()).join();
            assertThat(server.takeConnection(Duration.ofSeconds(5)).orElseThrow().tlsVersion()).contains("TLSv1");
        }
    }

    @Test
    void anUnknownNameSaysWhatWouldHaveWorked() {
        assertThatThrownBy(() -> FakeRdpServerExtension.resolve("no-such-scenario", FakeRdpServerParameterTest.class))
                .isInstanceOf(ExtensionConfigurationException.class)
                .hasMessageContaining("no-such-scenario").hasMessageContaining("nla-healthy");
        assertThatThrownBy(() -> FakeRdpServerExtension.resolve("java.lang.String#valueOf", FakeRdpServerParameterTest.class))
                .isInstanceOf(ExtensionConfigurationException.class).hasMessageContaining("returning Scenario");
    }

    @Test
    void everyNamedScenarioExists() {
        for (String name : Scenario.NAMES) {
            assertThat(Scenario.named(name)).as(name).isNotNull();
        }
    }
}
