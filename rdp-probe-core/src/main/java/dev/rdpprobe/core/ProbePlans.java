package dev.rdpprobe.core;

import dev.rdpprobe.core.tls.Md4Provider;
import dev.rdpprobe.core.internal.sequence.CredentialPlan;
import dev.rdpprobe.core.internal.sequence.PhaseLimits;
import dev.rdpprobe.core.internal.sequence.SequencePlan;
import dev.rdpprobe.core.internal.udp.UdpProbeConfig;
import dev.rdpprobe.core.outcome.Phase;
import dev.rdpprobe.core.target.Target;
import java.util.Optional;

/** The machines' plans for a probe with these options: the one place where options become plan values. */
final class ProbePlans {

    private ProbePlans() {
    }

    /** The plan of a probe's main run. */
    static SequencePlan sequence(Target target, ProbeOptions options) {
        PhaseLimits limits = new PhaseLimits(options.resolveTimeout(), options.connectTimeout(), options.x224Timeout(),
                options.tlsTimeout(), options.credsspTimeout(), options.deadline());
        return new SequencePlan(target, limits, options.cookie(), options.requestedProtocols(), options.tlsVersions(),
                options.credssp(), options.credssp() ? Phase.CREDSSP : Phase.TLS_HANDSHAKE,
                options.udpMode() != UdpMode.ONLY, options.udpMode() != UdpMode.OFF, options.clock(), credentials(options));
    }

    /** The credential check's plan, or {@code null} without credentials. */
    static CredentialPlan credentials(ProbeOptions options) {
        if (options.credentials() == null) {
            return null;
        }
        return new CredentialPlan(options.credentials(), options.trustedThumbprints(), options.sendCredentialsToUnverifiedServer(),
                Md4.PROVIDER.orElse(null));
    }

    /** The MD4 provider, looked up once. */
    private static final class Md4 {
        static final Optional<Md4Provider> PROVIDER = Md4Provider.installed();
    }

    /** The UDP probe's config: the options' attempts and initial retransmit, version 2 offered, no correlation id. */
    static UdpProbeConfig udp(ProbeOptions options) {
        return new UdpProbeConfig(options.udpAttempts(), options.udpInitialRetransmit(), 2, null);
    }
}
