package dev.rdpprobe.core.internal.sequence;

import dev.rdpprobe.core.internal.pdu.x224.SecurityProtocols;
import dev.rdpprobe.core.outcome.Failure;
import dev.rdpprobe.core.outcome.NegotiationFacts;
import dev.rdpprobe.core.outcome.Phase;
import dev.rdpprobe.core.outcome.PhaseResult;
import dev.rdpprobe.core.outcome.PhaseStatus;
import dev.rdpprobe.core.outcome.SecurityLayerSupport;
import dev.rdpprobe.core.outcome.TlsVersionSupport;
import dev.rdpprobe.core.tls.TlsRequest;
import java.util.List;

/**
 * The security-layer and TLS-version enumerations, without I/O: which extra runs to make (each a narrowed
 * {@link SequencePlan}), what each run's result says, and what NLA support the layers add up to. The driver only
 * runs the plans and hands back their results.
 */
public final class Enumerations {

    /** The protocols the security-layer enumeration requests one at a time, in this order. */
    public static final List<SecurityProtocols> LAYERS = List.of(SecurityProtocols.RDP,
            SecurityProtocols.of(SecurityProtocols.SSL), SecurityProtocols.of(SecurityProtocols.HYBRID),
            SecurityProtocols.of(SecurityProtocols.HYBRID_EX), SecurityProtocols.of(SecurityProtocols.RDSTLS));

    /** The TLS versions the version enumeration offers one at a time, in this order. */
    public static final List<String> VERSIONS = TlsRequest.ALL_VERSIONS;

    /** One run of an enumeration: what it asks for, and its plan. */
    public record LayerRun(SecurityProtocols protocol, SequencePlan plan) {
    }

    /** One run of the TLS-version enumeration: the version it offers alone, and its plan. */
    public record VersionRun(String version, SequencePlan plan) {
    }

    private Enumerations() {
    }

    /** One run per protocol of {@link #LAYERS}, each requesting it alone and stopping after X.224. */
    public static List<LayerRun> securityLayerRuns(SequencePlan probe) {
        return LAYERS.stream().map(p -> new LayerRun(p, probe.narrowed(p, probe.tlsVersions(), Phase.X224_NEGOTIATION)))
                .toList();
    }

    /** One run per version of {@link #VERSIONS}, each offering it alone and stopping after TLS. */
    public static List<VersionRun> tlsVersionRuns(SequencePlan probe) {
        return VERSIONS.stream().map(v -> new VersionRun(v, probe.narrowed(probe.requested(), List.of(v), Phase.TLS_HANDSHAKE)))
                .toList();
    }

    /** What one security-layer run found: accepted, refused with a code, another protocol selected, or no answer. */
    public static SecurityLayerSupport layerSupport(SecurityProtocols alone, SequenceResult r) {
        String name = alone.toString();
        PhaseResult x224 = r.tcpPhases().get(Phase.X224_NEGOTIATION.ordinal());
        NegotiationFacts negotiation = r.facts().negotiation();
        if (x224.status() == PhaseStatus.OK && negotiation != null && negotiation.selected() != null) {
            boolean accepted = negotiation.selected().bits() == alone.bits();
            return new SecurityLayerSupport(name, accepted, negotiation.selected().toString(), null,
                    accepted ? null : "the server selected " + negotiation.selected() + " instead");
        }
        if (negotiation != null && negotiation.failureCode() != null) {
            return new SecurityLayerSupport(name, false, null, negotiation.failureCode().name(), null);
        }
        PhaseResult problem = r.tcpPhases().stream().filter(p -> p.status().isProblem()).findFirst().orElse(x224);
        return new SecurityLayerSupport(name, false, null, null, problem.phase() + " " + problem.status()
                + (problem.failure() == null ? "" : ": " + problem.failure().message()));
    }

    /** The entry of a security-layer run that rdp-probe lost (the run failed, or reading it did). */
    public static SecurityLayerSupport layerLost(SecurityProtocols alone, Failure.Internal failure) {
        return new SecurityLayerSupport(alone.toString(), false, null, null, failure.message());
    }

    /** What one TLS-version run found: accepted, another version negotiated, or the phase that failed. */
    public static TlsVersionSupport versionSupport(String version, SequenceResult r) {
        PhaseResult t = r.tcpPhases().get(Phase.TLS_HANDSHAKE.ordinal());
        if (t.status() == PhaseStatus.OK && r.facts().tls() != null) {
            boolean same = version.equals(r.facts().tls().protocolVersion());
            return new TlsVersionSupport(version, same, r.facts().tls().cipherSuite(),
                    same ? null : "negotiated " + r.facts().tls().protocolVersion() + " instead");
        }
        PhaseResult problem = r.tcpPhases().stream().filter(p -> p.status() != PhaseStatus.OK && p.status() != PhaseStatus.SKIPPED)
                .findFirst().orElse(t);
        String detail = problem.failure() != null ? problem.phase() + ": " + problem.failure().message()
                : problem.phase() + " " + problem.status() + (problem.note() == null ? "" : " (" + problem.note() + ")");
        return new TlsVersionSupport(version, false, null, detail);
    }

    /** The entry of a TLS-version run that rdp-probe lost. */
    public static TlsVersionSupport versionLost(String version, Failure.Internal failure) {
        return new TlsVersionSupport(version, false, null, failure.message());
    }

    /**
     * Whether the server requires NLA, from the security-layer runs (in the order of {@link #LAYERS}): false when
     * RDP or SSL was accepted; true when HYBRID or HYBRID_EX was accepted and both RDP and SSL were clearly refused
     * (a failure code, or another protocol selected); else unknown ({@code null}).
     *
     * @param protocols the protocol of each run
     * @param layers what each run found, in the same order
     */
    public static Boolean nlaRequired(List<SecurityProtocols> protocols, List<SecurityLayerSupport> layers) {
        if (protocols.size() != layers.size()) {
            throw new IllegalArgumentException(protocols.size() + " protocols for " + layers.size() + " results");
        }
        boolean hybrid = false;
        boolean withoutNla = false;
        boolean refusedClearly = true;
        for (int i = 0; i < layers.size(); i++) {
            SecurityProtocols p = protocols.get(i);
            SecurityLayerSupport l = layers.get(i);
            if (p.requiresCredSsp()) {
                hybrid |= l.accepted();
            } else if (p.isStandardRdpSecurity() || p.bits() == SecurityProtocols.SSL) {
                withoutNla |= l.accepted();
                refusedClearly &= l.accepted() || l.failureCode() != null || l.selected() != null;
            }
        }
        if (withoutNla) {
            return false;
        }
        return hybrid && refusedClearly ? Boolean.TRUE : null;
    }
}
