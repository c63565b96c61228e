package dev.rdpprobe.core;

import dev.rdpprobe.core.tls.Md4Provider;
import dev.rdpprobe.core.internal.sequence.CredentialPlan;
import dev.rdpprobe.core.internal.sequence.PhaseLimits;
import dev.rdpprobe.core.internal.sequence.SequencePlan;
import dev.rdpprobe.core.internal.udp.UdpProbeConfig;
import dev.rdpprobe.core.outcome.Phase;
import dev.rdpprobe.core.target.Target;
import java.time.Duration;
import java.util.Optional;

/** The machines' plans for a probe with these options: the one place where options become plan values. */
final class ProbePlans {

    private ProbePlans() {
    }

    /** The plan of a probe's main run. */
    static SequencePlan sequence(Target target, ProbeOptions options) {
        return sequence(target, options, options.deadline());
    }

    /**
     * The plan of a probe's main run under a deadline no later than the options' own: each phase limit is cut to
     * {@code deadline} as well, so that none could outlast it.
     */
    static SequencePlan sequence(Target target, ProbeOptions options, Duration deadline) {
        Duration cut = shorter(deadline, options.deadline());
        PhaseLimits limits = new PhaseLimits(shorter(options.resolveTimeout(), cut), shorter(options.connectTimeout(), cut),
                shorter(options.x224Timeout(), cut), shorter(options.tlsTimeout(), cut), shorter(options.credsspTimeout(), cut), cut,
                shorter(options.mcsTimeout(), cut));
        return new SequencePlan(target, limits, options.cookie(), options.requestedProtocols(), options.tlsVersions(),
                options.credssp(), options.credssp() ? Phase.CREDSSP : Phase.TLS_HANDSHAKE,
                options.udpMode() != UdpMode.ONLY, options.udpMode() != UdpMode.OFF, options.clock(), credentials(options),
                options.mcsConnect(), SequencePlan.ALL_ENCRYPTION_METHODS);
    }

    private static Duration shorter(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
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
