package dev.rdpprobe.core.internal.sequence;

import dev.rdpprobe.core.ProbeOptions;
import dev.rdpprobe.core.target.Target;
import dev.rdpprobe.core.outcome.Phase;
import dev.rdpprobe.core.outcome.SecurityProtocolSet;
import dev.rdpprobe.core.outcome.TlsVersion;
import java.util.List;
import java.util.Objects;

/**
 * What one run of the {@link ConnectionSequence} should do: the probe's options, plus what an
 * enumeration run narrows (one security protocol, one TLS version, stop early).
 *
 * @param target the target
 * @param options timeouts, cookie, clock …
 * @param requested the protocols to request in RDP_NEG_REQ
 * @param tlsVersions the TLS versions to offer
 * @param lastPhase the last TCP-path phase to run (X224_NEGOTIATION, TLS_HANDSHAKE or CREDSSP)
 * @param tcp whether to run the TCP path at all (false for a UDP-only probe: it stops after RESOLVE)
 */
public record SequencePlan(Target target, ProbeOptions options, SecurityProtocolSet requested, List<TlsVersion> tlsVersions,
        Phase lastPhase, boolean tcp) {

    public SequencePlan {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(requested, "requested");
        tlsVersions = List.copyOf(tlsVersions);
        if (lastPhase == Phase.RESOLVE || lastPhase == Phase.TCP_CONNECT || lastPhase == Phase.UDP_TRANSPORT) {
            throw new IllegalArgumentException("lastPhase must be X224_NEGOTIATION, TLS_HANDSHAKE or CREDSSP");
        }
    }

    /** The plan of a normal probe. */
    public static SequencePlan of(Target target, ProbeOptions options) {
        boolean tcp = options.udpMode() != dev.rdpprobe.core.UdpMode.ONLY;
        return new SequencePlan(target, options, options.requestedProtocols(), options.tlsVersions(),
                options.credssp() ? Phase.CREDSSP : Phase.TLS_HANDSHAKE, tcp);
    }
}
