package dev.rdpprobe.core.internal.sequence;

import dev.rdpprobe.core.outcome.EncryptionLevel;
import dev.rdpprobe.core.outcome.EncryptionMethod;
import dev.rdpprobe.core.outcome.EncryptionMethodSupport;
import dev.rdpprobe.core.outcome.Failure;
import dev.rdpprobe.core.outcome.McsFacts;
import dev.rdpprobe.core.outcome.NegotiationFailure;
import dev.rdpprobe.core.outcome.NegotiationFacts;
import dev.rdpprobe.core.outcome.Phase;
import dev.rdpprobe.core.outcome.PhaseResult;
import dev.rdpprobe.core.outcome.PhaseStatus;
import dev.rdpprobe.core.outcome.SecurityLayerSupport;
import dev.rdpprobe.core.outcome.SecurityProtocol;
import dev.rdpprobe.core.outcome.SecurityProtocolSet;
import dev.rdpprobe.core.outcome.TlsFacts;
import dev.rdpprobe.core.outcome.TlsVersion;
import dev.rdpprobe.core.outcome.TlsVersionSupport;
import java.util.List;
import java.util.Optional;

/**
 * The security-layer and TLS-version enumerations, without I/O: which extra runs to make (each a narrowed
 * {@link SequencePlan}), what each run's result says, and what NLA support the layers add up to. The driver only
 * runs the plans and hands back their results.
 */
public final class Enumerations {

    /** The protocols the security-layer enumeration requests one at a time, in this order. */
    public static final List<SecurityProtocol> LAYERS = List.of(SecurityProtocol.RDP, SecurityProtocol.SSL,
            SecurityProtocol.HYBRID, SecurityProtocol.HYBRID_EX, SecurityProtocol.RDSTLS);

    /** The TLS versions the version enumeration offers one at a time, in this order. */
    public static final List<TlsVersion> VERSIONS = TlsVersion.all();

    /** One run of an enumeration: what it asks for, and its plan. */
    public record LayerRun(SecurityProtocol protocol, SequencePlan plan) {
    }

    /** The encryption methods the method enumeration offers one at a time under Standard RDP Security, in this order. */
    public static final List<EncryptionMethod> METHODS = List.of(EncryptionMethod.NONE, EncryptionMethod.RC4_40BIT,
            EncryptionMethod.RC4_56BIT, EncryptionMethod.RC4_128BIT, EncryptionMethod.FIPS);

    /** One run of the encryption-method enumeration: the method its Connect Initial offers alone, and its plan. */
    public record MethodRun(EncryptionMethod method, SequencePlan plan) {
    }

    /** One run of the TLS-version enumeration: the version it offers alone, and its plan. */
    public record VersionRun(TlsVersion version, SequencePlan plan) {
    }

    private Enumerations() {
    }

    /** One run per protocol of {@link #LAYERS}, each requesting it alone and stopping after X.224. */
    public static List<LayerRun> securityLayerRuns(SequencePlan probe) {
        return LAYERS.stream().map(p -> new LayerRun(p,
                probe.narrowed(SecurityProtocolSet.of(p), probe.tlsVersions(), Phase.X224_NEGOTIATION))).toList();
    }

    /**
     * One run per method of {@link #METHODS}, each requesting Standard RDP Security alone and offering that method
     * alone in the Connect Initial (NONE: no method bit), as rdp-sec-check and nmap's rdp-enum-encryption do.
     */
    public static List<MethodRun> encryptionMethodRuns(SequencePlan probe) {
        return METHODS.stream().map(m -> new MethodRun(m, probe.offering(m.wire()))).toList();
    }

    /**
     * What one encryption-method run found: accepted (the Connect Response chose that method), another method chosen,
     * or where the run ended (Standard RDP Security refused at X.224, a close or ultimatum at MCS_CONNECT …).
     */
    public static EncryptionMethodSupport methodSupport(EncryptionMethod offered, SequenceResult r) {
        PhaseResult mcs = r.tcpPhases().get(Phase.MCS_CONNECT.ordinal());
        Optional<McsFacts> facts = r.facts().mcs();
        Optional<EncryptionLevel> level = facts.flatMap(McsFacts::encryptionLevel);
        if (mcs.status() == PhaseStatus.OK && facts.isPresent()) {
            Optional<EncryptionMethod> chosen = facts.get().encryptionMethod();
            boolean accepted = chosen.equals(Optional.of(offered));
            return new EncryptionMethodSupport(offered, accepted, level, accepted ? "the server chose " + offered.label()
                    : "the server chose " + chosen.map(EncryptionMethod::label).orElse("an unknown method") + " instead");
        }
        PhaseResult problem = r.tcpPhases().stream().filter(p -> p.status().isProblem()).findFirst().orElse(mcs);
        String detail = problem.failure().map(f -> problem.phase() + ": " + f.message())
                .orElseGet(() -> problem.phase() + " " + problem.status() + problem.note().map(n -> " (" + n + ")").orElse(""));
        return new EncryptionMethodSupport(offered, false, level, detail);
    }

    /** The entry of an encryption-method run that rdp-probe lost. */
    public static EncryptionMethodSupport methodLost(EncryptionMethod offered, Failure.Internal failure) {
        return new EncryptionMethodSupport(offered, false, Optional.empty(), failure.message());
    }

    /** One run per version of {@link #VERSIONS}, each offering it alone and stopping after TLS. */
    public static List<VersionRun> tlsVersionRuns(SequencePlan probe) {
        return VERSIONS.stream().map(v -> new VersionRun(v, probe.narrowed(probe.requested(), List.of(v), Phase.TLS_HANDSHAKE)))
                .toList();
    }

    /** What one security-layer run found: accepted, refused with a code, another protocol selected, or no answer. */
    public static SecurityLayerSupport layerSupport(SecurityProtocol alone, SequenceResult r) {
        PhaseResult x224 = r.tcpPhases().get(Phase.X224_NEGOTIATION.ordinal());
        Optional<NegotiationFacts> negotiation = r.facts().negotiation();
        Optional<SecurityProtocolSet> selected = negotiation.flatMap(NegotiationFacts::selectedValue);
        if (x224.status() == PhaseStatus.OK && selected.isPresent()) {
            boolean accepted = selected.get().equals(SecurityProtocolSet.of(alone));
            return new SecurityLayerSupport(alone, accepted, selected, Optional.empty(),
                    accepted ? Optional.empty() : Optional.of("the server selected " + selected.get() + " instead"));
        }
        Optional<NegotiationFailure> refusal = negotiation.flatMap(NegotiationFacts::failure);
        if (refusal.isPresent()) {
            return new SecurityLayerSupport(alone, false, Optional.empty(), refusal, Optional.empty());
        }
        PhaseResult problem = r.tcpPhases().stream().filter(p -> p.status().isProblem()).findFirst().orElse(x224);
        return SecurityLayerSupport.unanswered(alone, problem.phase() + " " + problem.status()
                + problem.failure().map(f -> ": " + f.message()).orElse(""));
    }

    /** The entry of a security-layer run that rdp-probe lost (the run failed, or reading it did). */
    public static SecurityLayerSupport layerLost(SecurityProtocol alone, Failure.Internal failure) {
        return SecurityLayerSupport.unanswered(alone, failure.message());
    }

    /** What one TLS-version run found: accepted, another version negotiated, or the phase that failed. */
    public static TlsVersionSupport versionSupport(TlsVersion version, SequenceResult r) {
        PhaseResult t = r.tcpPhases().get(Phase.TLS_HANDSHAKE.ordinal());
        Optional<TlsFacts> tls = r.facts().tls();
        if (t.status() == PhaseStatus.OK && tls.isPresent()) {
            Optional<TlsVersion> negotiated = tls.get().protocolVersion();
            boolean same = negotiated.equals(Optional.of(version));
            return new TlsVersionSupport(version, same, tls.get().cipherSuite(), same ? Optional.empty()
                    : Optional.of("negotiated " + negotiated.map(TlsVersion::jdkName).orElse("an unknown version") + " instead"));
        }
        PhaseResult problem = r.tcpPhases().stream().filter(p -> p.status() != PhaseStatus.OK && p.status() != PhaseStatus.SKIPPED)
                .findFirst().orElse(t);
        String detail = problem.failure().map(f -> problem.phase() + ": " + f.message())
                .orElseGet(() -> problem.phase() + " " + problem.status() + problem.note().map(n -> " (" + n + ")").orElse(""));
        return TlsVersionSupport.refused(version, detail);
    }

    /** The entry of a TLS-version run that rdp-probe lost. */
    public static TlsVersionSupport versionLost(TlsVersion version, Failure.Internal failure) {
        return TlsVersionSupport.refused(version, failure.message());
    }

    /**
     * Whether the server requires NLA, from the security-layer runs: false when RDP or SSL was accepted; true when
     * HYBRID or HYBRID_EX was accepted and both RDP and SSL were clearly refused (a failure code, or another protocol
     * selected); else unknown ({@code null}).
     *
     * @param layers what each run found
     */
    public static Boolean nlaRequired(List<SecurityLayerSupport> layers) {
        boolean hybrid = false;
        boolean withoutNla = false;
        boolean refusedClearly = true;
        for (SecurityLayerSupport l : layers) {
            SecurityProtocol p = l.protocol();
            if (p.requiresCredSsp()) {
                hybrid |= l.accepted();
            } else if (p == SecurityProtocol.RDP || p == SecurityProtocol.SSL) {
                withoutNla |= l.accepted();
                refusedClearly &= l.accepted() || l.failure().isPresent() || l.selected().isPresent();
            }
        }
        if (withoutNla) {
            return false;
        }
        return hybrid && refusedClearly ? Boolean.TRUE : null;
    }
}
