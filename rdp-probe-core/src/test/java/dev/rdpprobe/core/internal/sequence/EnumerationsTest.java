package dev.rdpprobe.core.internal.sequence;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rdpprobe.core.outcome.Phase;
import dev.rdpprobe.core.outcome.NegotiationFailure;
import dev.rdpprobe.core.outcome.SecurityLayerSupport;
import dev.rdpprobe.core.outcome.SecurityProtocol;
import dev.rdpprobe.core.outcome.SecurityProtocolSet;
import java.util.Optional;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The enumerations' planning and interpretation, without I/O. */
class EnumerationsTest {

    static final List<SecurityProtocol> LAYERS = Enumerations.LAYERS;

    static SecurityLayerSupport accepted(SecurityProtocol p) {
        return new SecurityLayerSupport(p, true, Optional.of(SecurityProtocolSet.of(p)), Optional.empty(), Optional.empty());
    }

    static SecurityLayerSupport refusedWithCode(SecurityProtocol p) {
        return new SecurityLayerSupport(p, false, Optional.empty(),
                Optional.of(NegotiationFailure.of(NegotiationFailure.Reason.HYBRID_REQUIRED_BY_SERVER)), Optional.empty());
    }

    static SecurityLayerSupport noAnswer(SecurityProtocol p) {
        return SecurityLayerSupport.unanswered(p, "X224_NEGOTIATION TIMED_OUT");
    }

    @Test
    void eachLayerRunRequestsOneProtocolAndStopsAfterX224WithoutUdp() {
        SequencePlan probe = MachineContractTest.plan("127.0.0.1", true, true);
        List<Enumerations.LayerRun> runs = Enumerations.securityLayerRuns(probe);
        assertThat(runs).extracting(Enumerations.LayerRun::protocol).containsExactlyElementsOf(LAYERS);
        assertThat(runs).allMatch(r -> r.plan().requested().equals(SecurityProtocolSet.of(r.protocol())) && r.plan().lastPhase() == Phase.X224_NEGOTIATION
                && !r.plan().udp() && r.plan().tcp());
        List<Enumerations.VersionRun> versions = Enumerations.tlsVersionRuns(probe);
        assertThat(versions).allMatch(v -> v.plan().tlsVersions().equals(List.of(v.version()))
                && v.plan().lastPhase() == Phase.TLS_HANDSHAKE && !v.plan().udp());
    }

    @Test
    void nlaIsRequiredWhenOnlyTheCredSspProtocolsAreAcceptedAndTheOthersClearlyRefused() {
        List<SecurityLayerSupport> layers = List.of(refusedWithCode(LAYERS.get(0)), refusedWithCode(LAYERS.get(1)),
                accepted(LAYERS.get(2)), accepted(LAYERS.get(3)), noAnswer(LAYERS.get(4)));
        assertThat(Enumerations.nlaRequired(layers)).isTrue();
    }

    @Test
    void nlaIsNotRequiredWhenSslIsAccepted() {
        List<SecurityLayerSupport> layers = List.of(refusedWithCode(LAYERS.get(0)), accepted(LAYERS.get(1)),
                accepted(LAYERS.get(2)), accepted(LAYERS.get(3)), noAnswer(LAYERS.get(4)));
        assertThat(Enumerations.nlaRequired(layers)).isFalse();
    }

    @Test
    void nlaIsUnknownWhenSslGaveNoClearAnswer() {
        List<SecurityLayerSupport> layers = List.of(refusedWithCode(LAYERS.get(0)), noAnswer(LAYERS.get(1)),
                accepted(LAYERS.get(2)), accepted(LAYERS.get(3)), noAnswer(LAYERS.get(4)));
        assertThat(Enumerations.nlaRequired(layers)).isNull();
    }

    @Test
    void nlaIsReadFromEachEntrysTypedProtocolInAnyOrder() {
        // the inference reads each entry's protocol, not its position in the list
        List<SecurityLayerSupport> layers = List.of(
                accepted(SecurityProtocol.HYBRID),
                noAnswer(SecurityProtocol.RDSTLS),
                refusedWithCode(SecurityProtocol.SSL),
                noAnswer(SecurityProtocol.HYBRID_EX),
                new SecurityLayerSupport(SecurityProtocol.RDP, false, Optional.empty(),
                        Optional.of(NegotiationFailure.of(NegotiationFailure.Reason.SSL_REQUIRED_BY_SERVER)), Optional.empty()));
        assertThat(Enumerations.nlaRequired(layers)).isTrue();
    }
}
