package dev.rdpprobe.core.internal.sequence;

import dev.rdpprobe.core.outcome.Phase;
import dev.rdpprobe.core.outcome.SecurityProtocol;
import dev.rdpprobe.core.outcome.SecurityProtocolSet;
import dev.rdpprobe.core.outcome.TlsVersion;
import dev.rdpprobe.core.target.Target;
import java.time.Clock;
import java.util.List;
import java.util.Objects;

/**
 * What one run of the {@link ConnectionSequence} should do: the values of the probe's options it needs, plus
 * what an enumeration run narrows (one security protocol, one TLS version, stop early, no UDP).
 *
 * @param target the target
 * @param limits the phase limits and the deadline
 * @param cookie the mstshash cookie identifier, or {@code null} for none
 * @param requested the protocols to request in RDP_NEG_REQ
 * @param tlsVersions the TLS versions to offer
 * @param credssp whether the caller wants the CREDSSP phase (only names why it was skipped when {@code lastPhase}
 *     stops before it)
 * @param lastPhase the last TCP-path phase to run (X224_NEGOTIATION, TLS_HANDSHAKE or CREDSSP)
 * @param tcp whether to run the TCP path at all (false for a UDP-only probe: it stops after RESOLVE)
 * @param udp whether to start the UDP probe beside ({@link Action.StartUdp}) once an address is known
 * @param clock the wall clock (the server's clock skew is judged against it)
 * @param credentials the credential check to run after CREDSSP, or {@code null} for none
 * @param mcs whether to run MCS_CONNECT where it is reachable without credentials (Standard RDP Security, TLS alone)
 * @param encryptionMethods the Standard RDP Security methods the Connect Initial offers (TS_UD_CS_SEC bits)
 */
public record SequencePlan(Target target, PhaseLimits limits, String cookie, SecurityProtocolSet requested,
        List<TlsVersion> tlsVersions, boolean credssp, Phase lastPhase, boolean tcp, boolean udp, Clock clock,
        CredentialPlan credentials, boolean mcs, int encryptionMethods) {

    /** Every method a Windows client offers: 40-, 56- and 128-bit RC4 and FIPS (0x1B). */
    public static final int ALL_ENCRYPTION_METHODS = 0x1B;

    /** A plan without a credential check and without the MCS_CONNECT phase. */
    public SequencePlan(Target target, PhaseLimits limits, String cookie, SecurityProtocolSet requested,
            List<TlsVersion> tlsVersions, boolean credssp, Phase lastPhase, boolean tcp, boolean udp, Clock clock) {
        this(target, limits, cookie, requested, tlsVersions, credssp, lastPhase, tcp, udp, clock, null, false,
                ALL_ENCRYPTION_METHODS);
    }

    /** A plan with a credential check (or {@code null}) and without the MCS_CONNECT phase. */
    public SequencePlan(Target target, PhaseLimits limits, String cookie, SecurityProtocolSet requested,
            List<TlsVersion> tlsVersions, boolean credssp, Phase lastPhase, boolean tcp, boolean udp, Clock clock,
            CredentialPlan credentials) {
        this(target, limits, cookie, requested, tlsVersions, credssp, lastPhase, tcp, udp, clock, credentials, false,
                ALL_ENCRYPTION_METHODS);
    }

    /** A plan without a credential check, with or without the MCS_CONNECT phase. */
    public SequencePlan(Target target, PhaseLimits limits, String cookie, SecurityProtocolSet requested,
            List<TlsVersion> tlsVersions, boolean credssp, Phase lastPhase, boolean tcp, boolean udp, Clock clock, boolean mcs,
            int encryptionMethods) {
        this(target, limits, cookie, requested, tlsVersions, credssp, lastPhase, tcp, udp, clock, null, mcs, encryptionMethods);
    }

    /** Checks that the phase to stop after is one of the three the sequence can stop after. */
    public SequencePlan {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(requested, "requested");
        Objects.requireNonNull(clock, "clock");
        tlsVersions = List.copyOf(tlsVersions);
        if (lastPhase != Phase.X224_NEGOTIATION && lastPhase != Phase.TLS_HANDSHAKE && lastPhase != Phase.CREDSSP) {
            throw new IllegalArgumentException("lastPhase must be X224_NEGOTIATION, TLS_HANDSHAKE or CREDSSP, was " + lastPhase);
        }
        if (credentials != null && lastPhase != Phase.CREDSSP) {
            throw new IllegalArgumentException("a credential check needs CREDSSP as the last phase, not " + lastPhase);
        }
    }

    /**
     * This plan for an enumeration run: {@code requested} alone, {@code versions} offered, up to {@code last}, TCP only,
     * and never a credential check (credentials go to the main run's server only).
     */
    public SequencePlan narrowed(SecurityProtocolSet requested, List<TlsVersion> versions, Phase last) {
        return new SequencePlan(target, limits, cookie, requested, versions, credssp, last, true, false, clock, null, false,
                encryptionMethods);
    }

    /**
     * This plan for one run of the encryption-method enumeration: Standard RDP Security alone, the Connect
     * Initial offering {@code methods} only, TCP only, never a credential check.
     */
    public SequencePlan offering(int methods) {
        return new SequencePlan(target, limits, cookie, SecurityProtocolSet.of(SecurityProtocol.RDP), tlsVersions, false,
                Phase.CREDSSP, true, false, clock, null, true, methods);
    }
}
