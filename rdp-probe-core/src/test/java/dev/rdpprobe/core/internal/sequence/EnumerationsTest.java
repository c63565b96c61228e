package dev.rdpprobe.core.internal.sequence;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rdpprobe.core.internal.pdu.x224.SecurityProtocols;
import dev.rdpprobe.core.outcome.Phase;
import dev.rdpprobe.core.outcome.SecurityLayerSupport;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The enumerations' planning and interpretation, without I/O. */
class EnumerationsTest {

    static final List<SecurityProtocols> LAYERS = Enumerations.LAYERS;

    static SecurityLayerSupport accepted(SecurityProtocols p) {
        return new SecurityLayerSupport(p.toString(), true, p.toString(), null, null);
    }

    static SecurityLayerSupport refusedWithCode(SecurityProtocols p) {
        return new SecurityLayerSupport(p.toString(), false, null, "HYBRID_REQUIRED_BY_SERVER", null);
    }

    static SecurityLayerSupport noAnswer(SecurityProtocols p) {
        return new SecurityLayerSupport(p.toString(), false, null, null, "X224_NEGOTIATION TIMED_OUT");
    }

    @Test
    void eachLayerRunRequestsOneProtocolAndStopsAfterX224WithoutUdp() {
        SequencePlan probe = MachineContractTest.plan("127.0.0.1", true, true);
        List<Enumerations.LayerRun> runs = Enumerations.securityLayerRuns(probe);
        assertThat(runs).extracting(Enumerations.LayerRun::protocol).containsExactlyElementsOf(LAYERS);
        assertThat(runs).allMatch(r -> r.plan().requested().equals(r.protocol()) && r.plan().lastPhase() == Phase.X224_NEGOTIATION
                && !r.plan().udp() && r.plan().tcp());
        List<Enumerations.VersionRun> versions = Enumerations.tlsVersionRuns(probe);
        assertThat(versions).allMatch(v -> v.plan().tlsVersions().equals(List.of(v.version()))
                && v.plan().lastPhase() == Phase.TLS_HANDSHAKE && !v.plan().udp());
    }

    @Test
    void nlaIsRequiredWhenOnlyTheCredSspProtocolsAreAcceptedAndTheOthersClearlyRefused() {
        List<SecurityLayerSupport> layers = List.of(refusedWithCode(LAYERS.get(0)), refusedWithCode(LAYERS.get(1)),
                accepted(LAYERS.get(2)), accepted(LAYERS.get(3)), noAnswer(LAYERS.get(4)));
        assertThat(Enumerations.nlaRequired(LAYERS, layers)).isTrue();
    }

    @Test
    void nlaIsNotRequiredWhenSslIsAccepted() {
        List<SecurityLayerSupport> layers = List.of(refusedWithCode(LAYERS.get(0)), accepted(LAYERS.get(1)),
                accepted(LAYERS.get(2)), accepted(LAYERS.get(3)), noAnswer(LAYERS.get(4)));
        assertThat(Enumerations.nlaRequired(LAYERS, layers)).isFalse();
    }

    @Test
    void nlaIsUnknownWhenSslGaveNoClearAnswer() {
        List<SecurityLayerSupport> layers = List.of(refusedWithCode(LAYERS.get(0)), noAnswer(LAYERS.get(1)),
                accepted(LAYERS.get(2)), accepted(LAYERS.get(3)), noAnswer(LAYERS.get(4)));
        assertThat(Enumerations.nlaRequired(LAYERS, layers)).isNull();
    }

    @Test
    void nlaIsReadFromTheProtocolsNotFromTheirNames() {
        // the entries' names are display text; a renamed entry must not change the inference
        List<SecurityLayerSupport> layers = List.of(
                new SecurityLayerSupport("PROTOCOL_RDP", false, null, "SSL_REQUIRED_BY_SERVER", null),
                new SecurityLayerSupport("PROTOCOL_SSL", false, null, "HYBRID_REQUIRED_BY_SERVER", null),
                new SecurityLayerSupport("PROTOCOL_HYBRID", true, "HYBRID", null, null),
                noAnswer(LAYERS.get(3)), noAnswer(LAYERS.get(4)));
        assertThat(Enumerations.nlaRequired(LAYERS, layers)).isTrue();
    }
}
