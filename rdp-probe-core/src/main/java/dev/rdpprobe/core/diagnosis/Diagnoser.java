package dev.rdpprobe.core.diagnosis;

import dev.rdpprobe.core.outcome.WindowsError;
import dev.rdpprobe.core.outcome.Diagnosis;
import dev.rdpprobe.core.outcome.DiagnosisCode;
import dev.rdpprobe.core.outcome.DiagnosisEntry;

import dev.rdpprobe.core.outcome.CertificateReport;
import dev.rdpprobe.core.outcome.ConnectionOutcome;
import dev.rdpprobe.core.outcome.CredSspFacts;
import dev.rdpprobe.core.outcome.Failure;
import dev.rdpprobe.core.outcome.FindingCode;
import dev.rdpprobe.core.outcome.NegotiationFacts;
import dev.rdpprobe.core.outcome.Phase;
import dev.rdpprobe.core.outcome.PhaseResult;
import dev.rdpprobe.core.outcome.PhaseStatus;
import dev.rdpprobe.core.outcome.TlsFacts;
import dev.rdpprobe.core.outcome.NegotiationFailure;
import dev.rdpprobe.core.outcome.SecurityProtocol;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.HashSet;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Turns a {@link ConnectionOutcome} into a {@link Diagnosis}: a pure function of the outcome (its
 * own {@code diagnosis} field is ignored and may be {@code null}).
 *
 * <p>Rules, in priority order:
 * <ol>
 *   <li>A time-out during which the prober's own event loop lagged ({@link FindingCode#LOCAL_OVERLOAD},
 *       {@link DiagnosisLimits#proberLagged}) is {@link DiagnosisCode#LOCAL_OVERLOAD}: the facts cannot
 *       tell the server's silence from the prober's, so the server is not blamed.</li>
 *   <li>The first TCP-path phase that failed or timed out decides, by its {@link Failure} type
 *       (for example TCP_CONNECT + {@link Failure.TimedOut} is {@link DiagnosisCode#TCP_FILTERED},
 *       X224_NEGOTIATION + a close before any byte is {@link DiagnosisCode#SERVER_DENIED_CONNECTION},
 *       CREDSSP + a close is {@link DiagnosisCode#CREDSSP_CLOSED}). A time-out after the server sent
 *       part of its answer is that phase's STALLED code, one with no byte its SILENT code.
 *       A failure of the probing machine
 *       itself decides whatever the phase: {@link Failure.OutOfFileDescriptors} is
 *       {@link DiagnosisCode#OUT_OF_FILE_DESCRIPTORS} and {@link Failure.Internal} is
 *       {@link DiagnosisCode#INTERNAL_ERROR}, in the UDP phase next to a healthy TCP path too.</li>
 *   <li>A UDP-only probe (TCP_CONNECT skipped) is diagnosed from the UDP phase alone.</li>
 *   <li>With a healthy TCP path, findings and facts decide: an expired or not-yet-valid
 *       certificate, a certificate that could not be parsed, clock skew, a server that accepts only TLS 1.0/1.1, UDP blocked, an invalid UDP
 *       answer, Standard RDP Security; otherwise {@link DiagnosisCode#HEALTHY}.</li>
 * </ol>
 * A closed UDP port (ICMP port unreachable) next to a healthy TCP path is HEALTHY, and the summary
 * says that UDP is closed: the answer is definite, clients fall back to TCP at once, and TCP-only is
 * a legitimate configuration. {@link DiagnosisCode#UDP_CLOSED} is the diagnosis of a UDP-only probe.
 *
 * <p>The texts come from {@link DiagnosisTable} ({@code diagnoses.txt}), filled with the outcome's
 * facts; the Windows error pair comes from the same table, except that a CredSSP errorCode (of the first
 * TSRequest or of the credential check's refusal) listed in
 * {@link WindowsCodeTable} yields the disconnect reason mapped to that NTSTATUS.
 */
public final class Diagnoser {

    /** NLA (Kerberos) breaks beyond this clock difference. */

    private static final int ALERT_CLOSE_NOTIFY = 0;
    private static final int ALERT_HANDSHAKE_FAILURE = 40;
    private static final int ALERT_PROTOCOL_VERSION = 70;
    private static final int ALERT_INSUFFICIENT_SECURITY = 71;

    /** Each entry's templates, split once, and the variables they use: only those are computed for a probe. */
    private static final Map<DiagnosisCode, EntryTexts> TEXTS = entryTexts();

    private Diagnoser() {
    }

    /**
     * One entry's templates as {@link Templates#compile} split them.
     *
     * @param variables the template variables the summary and the remedies use
     * @param summary the summary
     * @param remedies the remedies, in order
     */
    private record EntryTexts(Set<String> variables, Templates.Compiled summary, List<Templates.Compiled> remedies) {

        String summary(Map<String, String> facts) {
            return summary.render(facts);
        }

        List<String> remedies(Map<String, String> facts) {
            String[] filled = new String[remedies.size()];
            for (int i = 0; i < filled.length; i++) {
                filled[i] = remedies.get(i).render(facts);
            }
            return List.of(filled);
        }
    }

    private static Map<DiagnosisCode, EntryTexts> entryTexts() {
        Map<DiagnosisCode, EntryTexts> texts = new EnumMap<>(DiagnosisCode.class);
        for (DiagnosisEntry entry : DiagnosisTable.standard().entries()) {
            Set<String> names = new HashSet<>(Templates.placeholders(entry.summaryTemplate()));
            entry.remedyTemplates().forEach(t -> names.addAll(Templates.placeholders(t)));
            texts.put(entry.code(), new EntryTexts(Set.copyOf(names), Templates.compile(entry.summaryTemplate()),
                    entry.remedyTemplates().stream().map(Templates::compile).toList()));
        }
        return texts;
    }

    /**
     * Diagnoses an outcome.
     *
     * @param outcome the outcome; its {@code diagnosis} may be {@code null}
     * @return the diagnosis, with its summary and remedies filled from the outcome's facts
     */
    public static Diagnosis diagnose(ConnectionOutcome outcome) {
        Objects.requireNonNull(outcome, "outcome");
        Decision decision = decide(outcome);
        DiagnosisEntry entry = DiagnosisTable.standard().entry(decision.code());
        EntryTexts texts = TEXTS.get(decision.code());
        Map<String, String> facts = OutcomeFacts.of(outcome, decision.phase(), decision.failure(), texts.variables());
        return new Diagnosis(decision.code(), texts.summary(facts), windowsError(entry, decision.failure()), texts.remedies(facts));
    }

    /** The code alone, with the phase and failure it rests on. */
    record Decision(DiagnosisCode code, Phase phase, Failure failure) {
    }

    static Decision decide(ConnectionOutcome outcome) {
        if (outcome.failedPhase().isPresent()) {
            Phase phase = outcome.failedPhase().get();
            Failure failure = outcome.phase(phase).failure().orElseThrow();
            if (failure instanceof Failure.TimedOut t && (outcome.hasFinding(FindingCode.LOCAL_OVERLOAD) || DiagnosisLimits.proberLagged(t))) {
                return new Decision(DiagnosisCode.LOCAL_OVERLOAD, phase, failure);
            }
            return new Decision(fromFailure(phase, failure), phase, failure);
        }
        PhaseResult udp = outcome.phase(Phase.UDP_TRANSPORT);
        if (outcome.phase(Phase.TCP_CONNECT).status() == PhaseStatus.SKIPPED) {
            return udpOnly(outcome, udp);
        }
        return fromHealthyTcp(outcome, udp);
    }

    private static Decision udpOnly(ConnectionOutcome outcome, PhaseResult udp) {
        switch (udp.status()) {
            case OK:
                return new Decision(DiagnosisCode.HEALTHY, Phase.UDP_TRANSPORT, null);
            case FAILED:
            case TIMED_OUT:
                Failure failure = udp.failure().orElseThrow();
                return new Decision(fromFailure(Phase.UDP_TRANSPORT, failure), Phase.UDP_TRANSPORT, failure);
            default:
                Failure nothing = new Failure.LocalError("every phase was skipped, so nothing was probed");
                return new Decision(DiagnosisCode.LOCAL_ERROR, Phase.UDP_TRANSPORT, nothing);
        }
    }

    private static Decision fromHealthyTcp(ConnectionOutcome outcome, PhaseResult udp) {
        TlsFacts tls = outcome.server().tls().orElse(null);
        CertificateReport leaf = tls == null ? null : tls.leaf().orElse(null);
        if (outcome.hasFinding(FindingCode.CERT_EXPIRED) || (leaf != null && leaf.expired())) {
            return new Decision(DiagnosisCode.CERT_EXPIRED, Phase.TLS_HANDSHAKE, null);
        }
        if (outcome.hasFinding(FindingCode.CERT_NOT_YET_VALID) || (leaf != null && leaf.notYetValid())) {
            return new Decision(DiagnosisCode.CERT_NOT_YET_VALID, Phase.TLS_HANDSHAKE, null);
        }
        if (outcome.hasFinding(FindingCode.CERT_UNPARSEABLE) || (tls != null && anyUnparsed(tls.chain()))) {
            return new Decision(DiagnosisCode.CERT_UNPARSEABLE, Phase.TLS_HANDSHAKE, null);
        }
        if (outcome.hasFinding(FindingCode.CLOCK_SKEW)
                || outcome.server().credssp().map(DiagnosisLimits::clockSkewBeyondLimit).orElse(false)) {
            return new Decision(DiagnosisCode.CLOCK_SKEW, Phase.CREDSSP, null);
        }
        if (outcome.hasFinding(FindingCode.TLS_LEGACY_ONLY)) {
            return new Decision(DiagnosisCode.TLS_VERSION_MISMATCH, Phase.TLS_HANDSHAKE, null);
        }
        DiagnosisCode credentials = outcome.server().credentialCheck().map(c -> switch (c.verdict()) {
            case ACCEPTED -> DiagnosisCode.CREDENTIALS_ACCEPTED;
            case NOT_CHECKED_NO_NLA -> DiagnosisCode.CREDENTIALS_NOT_CHECKED_NO_NLA;
            case NOT_CHECKED_CERTIFICATE_NOT_VERIFIED -> DiagnosisCode.CREDENTIALS_NOT_CHECKED_UNVERIFIED;
            case NOT_CHECKED_LOCAL -> DiagnosisCode.CREDENTIALS_NOT_CHECKED_LOCAL;
            default -> null;
        }).orElse(null);
        if (credentials != null && credentials != DiagnosisCode.CREDENTIALS_ACCEPTED) {
            return new Decision(credentials, Phase.CREDSSP_AUTH, null);
        }
        Failure udpFailure = udp.failure().orElse(null);
        DiagnosisCode udpNotProbed = probingMachine(udpFailure);
        if (udpNotProbed != null) {
            // The UDP phase did not run as asked: "healthy" would claim more than was probed.
            return new Decision(udpNotProbed, Phase.UDP_TRANSPORT, udpFailure);
        }
        boolean udpNotOffered = outcome.server().mcs().map(m -> m.successful() && !m.offersUdp()).orElse(false);
        if (udpFailure instanceof Failure.UdpNoAnswer && udpNotOffered) {
            // the server's own Connect Response says it offers no UDP: its silence is not a blocked path
            return new Decision(DiagnosisCode.UDP_NOT_OFFERED, Phase.UDP_TRANSPORT, udpFailure);
        }
        if (outcome.hasFinding(FindingCode.UDP_BLOCKED) || udpFailure instanceof Failure.UdpNoAnswer) {
            return new Decision(DiagnosisCode.UDP_BLOCKED, Phase.UDP_TRANSPORT, udpFailure);
        }
        if (udpFailure instanceof Failure.UdpInvalidAnswer) {
            return new Decision(DiagnosisCode.UDP_INVALID, Phase.UDP_TRANSPORT, udpFailure);
        }
        if (outcome.hasFinding(FindingCode.STANDARD_RDP_SECURITY_SELECTED)
                || outcome.hasFinding(FindingCode.LEGACY_NEGOTIATION)
                || outcome.server().negotiation().map(Diagnoser::selectedStandardSecurityAgainstRequest).orElse(false)) {
            return new Decision(DiagnosisCode.STANDARD_RDP_SECURITY_ONLY, Phase.X224_NEGOTIATION, null);
        }
        if (credentials != null) {
            return new Decision(credentials, Phase.CREDSSP_AUTH, null);
        }
        return new Decision(DiagnosisCode.HEALTHY, null, null);
    }

    private static boolean anyUnparsed(List<CertificateReport> chain) {
        for (int i = 0; i < chain.size(); i++) {
            if (chain.get(i).parseError().isPresent()) {
                return true;
            }
        }
        return false;
    }

    private static boolean selectedStandardSecurityAgainstRequest(NegotiationFacts neg) {
        return neg.selected().equals(Optional.of(SecurityProtocol.RDP)) && !neg.requested().contains(SecurityProtocol.RDP);
    }

    /** The code for the first failed TCP-path phase. */
    static DiagnosisCode fromFailure(Phase phase, Failure failure) {
        DiagnosisCode local = probingMachine(failure);
        if (local != null) {
            return local;
        }
        DiagnosisCode specific = switch (phase) {
            case RESOLVE -> failure instanceof Failure.DnsFailed || failure instanceof Failure.TimedOut ? DiagnosisCode.DNS_FAILED : null;
            case TCP_CONNECT -> tcpConnect(failure);
            case X224_NEGOTIATION -> x224(failure);
            case TLS_HANDSHAKE -> tls(failure);
            case CREDSSP -> credssp(failure);
            case MCS_CONNECT -> mcs(failure);
            case CREDSSP_AUTH -> credentialCheck(failure);
            case UDP_TRANSPORT -> fromUdpFailure(failure);
        };
        return specific != null ? specific : byFailureType(phase, failure);
    }

    /** Failures of the probing machine itself, whatever the phase: they say nothing about the server. */
    private static DiagnosisCode probingMachine(Failure failure) {
        if (failure instanceof Failure.Internal) {
            return DiagnosisCode.INTERNAL_ERROR;
        }
        if (failure instanceof Failure.OutOfFileDescriptors) {
            return DiagnosisCode.OUT_OF_FILE_DESCRIPTORS;
        }
        return null;
    }

    private static DiagnosisCode tcpConnect(Failure failure) {
        if (failure instanceof Failure.SelfConnected) {
            return DiagnosisCode.TCP_SELF_CONNECTED;
        }
        if (failure instanceof Failure.Refused || failure instanceof Failure.Reset) {
            return DiagnosisCode.TCP_REFUSED;
        }
        if (failure instanceof Failure.TimedOut) {
            return DiagnosisCode.TCP_FILTERED;
        }
        if (failure instanceof Failure.Unreachable) {
            return DiagnosisCode.TCP_UNREACHABLE;
        }
        return null;
    }

    private static DiagnosisCode x224(Failure failure) {
        if (failure instanceof Failure.NotRdp) {
            return DiagnosisCode.NOT_RDP;
        }
        if (failure instanceof Failure.TimedOut t) {
            return t.answerBegan() ? DiagnosisCode.X224_STALLED : DiagnosisCode.X224_SILENT;
        }
        if (failure instanceof Failure.ClosedByPeer c) {
            return c.bytesSeen() == 0 ? DiagnosisCode.SERVER_DENIED_CONNECTION : DiagnosisCode.X224_CLOSED;
        }
        if (failure instanceof Failure.Reset r) {
            return r.bytesSeen() == 0 ? DiagnosisCode.SERVER_DENIED_CONNECTION : DiagnosisCode.X224_CLOSED;
        }
        if (failure instanceof Failure.MalformedPdu || failure instanceof Failure.UnexpectedPdu) {
            return DiagnosisCode.X224_MALFORMED;
        }
        return null;
    }

    private static DiagnosisCode negotiation(NegotiationFailure failure) {
        return failure.reason().map(reason -> switch (reason) {
            case HYBRID_REQUIRED_BY_SERVER -> DiagnosisCode.NLA_REQUIRED_BY_SERVER;
            case SSL_REQUIRED_BY_SERVER -> DiagnosisCode.SSL_REQUIRED_BY_SERVER;
            case SSL_NOT_ALLOWED_BY_SERVER -> DiagnosisCode.SSL_NOT_ALLOWED_BY_SERVER;
            case SSL_CERT_NOT_ON_SERVER -> DiagnosisCode.SSL_CERT_NOT_ON_SERVER;
            case SSL_WITH_USER_AUTH_REQUIRED_BY_SERVER -> DiagnosisCode.CLIENT_CERT_REQUIRED;
            case INCONSISTENT_FLAGS -> DiagnosisCode.NEGOTIATION_REFUSED;
        }).orElse(DiagnosisCode.NEGOTIATION_REFUSED);
    }

    private static DiagnosisCode tls(Failure failure) {
        if (failure instanceof Failure.ProbeLimitExceeded) {
            return DiagnosisCode.PROBE_LIMIT_EXCEEDED;
        }
        if (failure instanceof Failure.LocalWorkTimedOut) {
            return DiagnosisCode.CERT_INSPECTION_TIMED_OUT;
        }
        if (failure instanceof Failure.TlsVersionRefused) {
            return DiagnosisCode.TLS_VERSION_MISMATCH;
        }
        if (failure instanceof Failure.TlsNoSharedCipher) {
            return DiagnosisCode.TLS_NO_SHARED_CIPHER;
        }
        if (failure instanceof Failure.ClosedByPeer || failure instanceof Failure.Reset) {
            return DiagnosisCode.TLS_CUT;
        }
        if (failure instanceof Failure.TimedOut t) {
            return t.answerBegan() ? DiagnosisCode.TLS_STALLED : DiagnosisCode.TLS_SILENT;
        }
        if (failure instanceof Failure.TlsAlert a) {
            return switch (a.code()) {
                case ALERT_PROTOCOL_VERSION -> DiagnosisCode.TLS_VERSION_MISMATCH;
                case ALERT_HANDSHAKE_FAILURE -> DiagnosisCode.TLS_VERSION_OR_CIPHER_MISMATCH;
                case ALERT_INSUFFICIENT_SECURITY -> DiagnosisCode.TLS_NO_SHARED_CIPHER;
                case ALERT_CLOSE_NOTIFY -> DiagnosisCode.TLS_CUT;
                default -> DiagnosisCode.TLS_ALERT;
            };
        }
        if (failure instanceof Failure.NotTls || failure instanceof Failure.NotRdp) {
            return DiagnosisCode.NOT_TLS;
        }
        if (failure instanceof Failure.TlsError || failure instanceof Failure.MalformedPdu || failure instanceof Failure.UnexpectedPdu) {
            return DiagnosisCode.TLS_ERROR;
        }
        if (failure instanceof Failure.TlsEngineUnavailable) {
            return DiagnosisCode.TLS_UNAVAILABLE;
        }
        if (failure instanceof Failure.LocalError) {
            return DiagnosisCode.LOCAL_ERROR;
        }
        return null;
    }

    private static DiagnosisCode credssp(Failure failure) {
        if (failure instanceof Failure.ClosedByPeer || failure instanceof Failure.Reset) {
            return DiagnosisCode.CREDSSP_CLOSED;
        }
        if (failure instanceof Failure.TimedOut t) {
            return t.answerBegan() ? DiagnosisCode.CREDSSP_STALLED : DiagnosisCode.CREDSSP_SILENT;
        }
        if (failure instanceof Failure.CredSspError) {
            return DiagnosisCode.CREDSSP_ERROR;
        }
        if (failure instanceof Failure.NotRdp || failure instanceof Failure.MalformedPdu || failure instanceof Failure.UnexpectedPdu) {
            return DiagnosisCode.CREDSSP_NOT_CREDSSP;
        }
        if (failure instanceof Failure.TlsAlert || failure instanceof Failure.TlsError) {
            // The server tore TLS down (close_notify or an alert) instead of answering the TSRequest.
            return DiagnosisCode.CREDSSP_CLOSED;
        }
        return null;
    }

    private static DiagnosisCode mcs(Failure failure) {
        if (failure instanceof Failure.ClosedByPeer || failure instanceof Failure.Reset
                || failure instanceof Failure.TlsAlert) {
            return DiagnosisCode.MCS_CLOSED;
        }
        if (failure instanceof Failure.TimedOut t) {
            return t.answerBegan() ? DiagnosisCode.MCS_STALLED : DiagnosisCode.MCS_SILENT;
        }
        if (failure instanceof Failure.UnexpectedPdu u) {
            if (u.received().startsWith("MCS Disconnect Provider Ultimatum") || u.received().startsWith("X.224 Disconnect Request")) {
                return DiagnosisCode.MCS_CLOSED;
            }
            return u.received().startsWith("MCS Connect Response") ? DiagnosisCode.MCS_REFUSED : DiagnosisCode.MCS_MALFORMED;
        }
        if (failure instanceof Failure.NotRdp || failure instanceof Failure.MalformedPdu || failure instanceof Failure.TlsError) {
            return DiagnosisCode.MCS_MALFORMED;
        }
        return null;
    }

    private static DiagnosisCode credentialCheck(Failure failure) {
        if (failure instanceof Failure.CredentialsRefused refused) {
            return switch (refused.verdict()) {
                case REJECTED -> DiagnosisCode.CREDENTIALS_REJECTED;
                case ACCOUNT_LOCKED_OUT -> DiagnosisCode.ACCOUNT_LOCKED_OUT;
                case ACCOUNT_DISABLED -> DiagnosisCode.ACCOUNT_DISABLED;
                case ACCOUNT_EXPIRED -> DiagnosisCode.ACCOUNT_EXPIRED;
                case PASSWORD_EXPIRED -> DiagnosisCode.PASSWORD_EXPIRED;
                case PASSWORD_MUST_CHANGE -> DiagnosisCode.PASSWORD_MUST_CHANGE;
                case ACCOUNT_RESTRICTED -> DiagnosisCode.ACCOUNT_RESTRICTED;
                case NTLM_REFUSED -> DiagnosisCode.NTLM_REFUSED;
                default -> DiagnosisCode.CREDENTIALS_SERVER_ERROR;
            };
        }
        if (failure instanceof Failure.PubKeyAuthInvalid) {
            return DiagnosisCode.PUBKEYAUTH_INVALID;
        }
        if (failure instanceof Failure.ClosedByPeer || failure instanceof Failure.Reset || failure instanceof Failure.TlsAlert
                || failure instanceof Failure.TlsError) {
            return DiagnosisCode.CREDSSP_AUTH_CLOSED;
        }
        if (failure instanceof Failure.TimedOut) {
            return DiagnosisCode.CREDSSP_AUTH_SILENT;
        }
        if (failure instanceof Failure.MalformedPdu || failure instanceof Failure.UnexpectedPdu || failure instanceof Failure.NotRdp) {
            return DiagnosisCode.CREDENTIALS_SERVER_ERROR;
        }
        return null;
    }

    private static DiagnosisCode fromUdpFailure(Failure failure) {
        if (failure instanceof Failure.UdpNoAnswer || failure instanceof Failure.TimedOut) {
            return DiagnosisCode.UDP_BLOCKED;
        }
        if (failure instanceof Failure.UdpPortClosed) {
            return DiagnosisCode.UDP_CLOSED;
        }
        if (failure instanceof Failure.UdpInvalidAnswer || failure instanceof Failure.MalformedPdu) {
            return DiagnosisCode.UDP_INVALID;
        }
        return null;
    }

    /** A failure type the phase does not usually produce: decide by the type (and the phase where the type alone is ambiguous). */
    private static DiagnosisCode byFailureType(Phase phase, Failure failure) {
        if (failure instanceof Failure.DnsFailed) {
            return DiagnosisCode.DNS_FAILED;
        }
        if (failure instanceof Failure.Refused) {
            return DiagnosisCode.TCP_REFUSED;
        }
        if (failure instanceof Failure.SelfConnected) {
            return DiagnosisCode.TCP_SELF_CONNECTED;
        }
        if (failure instanceof Failure.Unreachable) {
            return DiagnosisCode.TCP_UNREACHABLE;
        }
        if (failure instanceof Failure.NegotiationFailed n) {
            return negotiation(n.failure());
        }
        if (failure instanceof Failure.ProtocolMismatch) {
            return DiagnosisCode.PROTOCOL_MISMATCH;
        }
        if (failure instanceof Failure.CredSspError) {
            return DiagnosisCode.CREDSSP_ERROR;
        }
        if (failure instanceof Failure.ProbeLimitExceeded) {
            return DiagnosisCode.PROBE_LIMIT_EXCEEDED;
        }
        DiagnosisCode tlsCode = failure instanceof Failure.TlsAlert || failure instanceof Failure.TlsVersionRefused
                || failure instanceof Failure.TlsNoSharedCipher || failure instanceof Failure.NotTls
                || failure instanceof Failure.TlsError ? tls(failure) : null;
        if (tlsCode != null) {
            return tlsCode;
        }
        DiagnosisCode udpCode = fromUdpFailure(failure);
        if (udpCode != null && !(failure instanceof Failure.TimedOut) && !(failure instanceof Failure.MalformedPdu)) {
            return udpCode;
        }
        if (failure instanceof Failure.TimedOut || failure instanceof Failure.ClosedByPeer || failure instanceof Failure.Reset) {
            // Only phases that cannot produce these get here; for RESOLVE it is a name lookup that never finished.
            return phase == Phase.RESOLVE ? DiagnosisCode.DNS_FAILED : DiagnosisCode.LOCAL_ERROR;
        }
        if (failure instanceof Failure.NotRdp) {
            return DiagnosisCode.NOT_RDP;
        }
        return DiagnosisCode.LOCAL_ERROR;
    }

    /**
     * The diagnosis of an outcome that rdp-probe could not finish interpreting (its findings or diagnosis
     * threw): {@link DiagnosisCode#INTERNAL_ERROR}, filled from the outcome and {@code failure}.
     *
     * @param outcome the outcome as far as it was assembled; its {@code diagnosis} may be {@code null}
     * @param failure what went wrong
     */
    public static Diagnosis internalError(ConnectionOutcome outcome, Failure.Internal failure) {
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(failure, "failure");
        DiagnosisEntry entry = DiagnosisTable.standard().entry(DiagnosisCode.INTERNAL_ERROR);
        EntryTexts texts = TEXTS.get(DiagnosisCode.INTERNAL_ERROR);
        Map<String, String> facts = OutcomeFacts.of(outcome, null, failure, texts.variables());
        return new Diagnosis(DiagnosisCode.INTERNAL_ERROR, texts.summary(facts), entry.windowsError(), texts.remedies(facts));
    }

    private static Optional<WindowsError> windowsError(DiagnosisEntry entry, Failure failure) {
        Long status = failure instanceof Failure.CredSspError c && entry.code() == DiagnosisCode.CREDSSP_ERROR ? (Long) c.ntStatus()
                : failure instanceof Failure.CredentialsRefused r ? (Long) r.ntStatus() : null;
        if (status != null) {
            var mapped = WindowsCodeTable.standard().ntStatus(status);
            if (mapped.isPresent()) {
                return Optional.of(new WindowsError((int) mapped.get().disconnectReason(), 0, mapped.get().confidence()));
            }
        }
        return entry.windowsError();
    }
}
