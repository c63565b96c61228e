package dev.rdpprobe.core.outcome;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * Why a phase failed: one type per way to fail. Every type has a stable {@link #kind()} (used in JSON)
 * and a one-line {@link #message()} for people.
 *
 * <p>A failure of the target never escapes a probe as an exception; it becomes one of these.
 */
public sealed interface Failure {

    /** Stable machine-readable name of this kind of failure, e.g. {@code "REFUSED"}. */
    String kind();

    /** One line for a person. */
    String message();

    /** Whether this failure means "we waited and nothing (more) came": the phase status is then TIMED_OUT. */
    default boolean isTimeout() {
        return false;
    }

    /** The name could not be resolved. */
    record DnsFailed(String host, String reason) implements Failure {
        public String kind() { return "DNS_FAILED"; }
        public String message() { return "could not resolve " + host + ": " + reason; }
    }

    /**
     * The awaited answer did not arrive, or not all of it, before the limit that applied to the phase.
     *
     * <p>{@code bytesSeen} tells a silent server (0) from one that began to answer and then stalled or
     * was too slow (more than 0): in the X.224 and TLS phases it counts every byte the server sent in
     * the phase, whole PDUs or not (bytes that arrived in the same segment as the previous phase's last
     * PDU included); in the CredSSP phase it counts the bytes of the server's answer inside TLS (the
     * decrypted bytes, plus the raw bytes of a TLS record that has begun and not finished), so that TLS
     * housekeeping such as a TLS 1.3 session ticket does not pass for an answer.
     *
     * @param limit the time the phase was allowed: its own limit, or what was left of the overall
     *     deadline when the phase began, whichever expired first ({@code limitKind} says which)
     * @param bytesSeen bytes of the answer received in this phase before it expired
     * @param waitingFor what the probe was waiting for, e.g. "X.224 Connection Confirm"
     * @param limitKind which limit expired
     * @param quietFor how long nothing of the answer had arrived when the phase expired (since the last
     *     byte, or since the phase began when none came); {@code null} when the driver did not measure it
     * @param localLag the largest lag of the prober's own event loop seen during the phase (a timer that
     *     fired late, a loop busy with other work): a time-out with a large lag may be the prober's, not
     *     the server's; {@link Duration#ZERO} when none was measured
     */
    record TimedOut(Duration limit, long bytesSeen, String waitingFor, LimitKind limitKind, Duration quietFor,
            Duration localLag) implements Failure {

        /** Which limit expired. */
        public enum LimitKind {
            /** The phase's own limit (connect, X.224, TLS or CredSSP timeout). */
            PHASE_LIMIT,
            /** The probe's overall deadline, which left the phase less time than its own limit. */
            OVERALL_DEADLINE
        }

        public TimedOut {
            Objects.requireNonNull(limit, "limit");
            Objects.requireNonNull(waitingFor, "waitingFor");
            Objects.requireNonNull(limitKind, "limitKind");
            Objects.requireNonNull(localLag, "localLag");
        }

        /** The phase's own limit expired; quiet time and loop lag not measured. */
        public TimedOut(Duration limit, long bytesSeen, String waitingFor) {
            this(limit, bytesSeen, waitingFor, LimitKind.PHASE_LIMIT, null, Duration.ZERO);
        }

        public String kind() { return "TIMED_OUT"; }
        public boolean isTimeout() { return true; }

        /** Whether the server began to answer (a stalled or too slow server) rather than staying silent. */
        public boolean answerBegan() {
            return bytesSeen > 0;
        }

        /** The limit for people: {@code "300 ms"}, or {@code "380 ms (what was left of the overall deadline)"}. */
        public String limitText() {
            return limit.toMillis() + " ms" + (limitKind == LimitKind.OVERALL_DEADLINE ? " (what was left of the overall deadline)" : "");
        }

        public String message() {
            String head = "no " + waitingFor + " within " + limitText();
            if (!answerBegan()) {
                return head;
            }
            return head + ": the server sent " + bytesSeen + (bytesSeen == 1 ? " byte" : " bytes") + ", then nothing"
                    + (quietFor == null ? " more" : " for " + quietFor.toMillis() + " ms");
        }
    }

    /** The host answered the TCP SYN with a reset: nothing listens on the port, or a host firewall rejects. */
    record Refused() implements Failure {
        public String kind() { return "REFUSED"; }
        public String message() { return "connection refused (TCP reset in reply to SYN)"; }
    }

    /** The network or host is unreachable (ICMP unreachable, no route). */
    record Unreachable(String detail) implements Failure {
        public String kind() { return "UNREACHABLE"; }
        public String message() { return "unreachable: " + detail; }
    }

    /**
     * The peer closed the connection in an orderly way (FIN) before the phase completed.
     *
     * @param bytesSeen bytes received in this phase before the close
     */
    record ClosedByPeer(long bytesSeen) implements Failure {
        public String kind() { return "CLOSED_BY_PEER"; }
        public String message() {
            return "the server closed the connection" + (bytesSeen == 0 ? " before sending anything" : " after " + bytesSeen + " bytes");
        }
    }

    /** The peer reset the connection (RST) before the phase completed. */
    record Reset(long bytesSeen) implements Failure {
        public String kind() { return "RESET"; }
        public String message() {
            return "the connection was reset" + (bytesSeen == 0 ? " before the server sent anything" : " after " + bytesSeen + " bytes");
        }
    }

    /**
     * The server refused the security negotiation with RDP_NEG_FAILURE.
     *
     * @param failure the failureCode (open value: unknown codes are kept)
     */
    record NegotiationFailed(NegotiationFailure failure) implements Failure {
        public NegotiationFailed {
            Objects.requireNonNull(failure, "failure");
        }
        public String kind() { return "NEGOTIATION_FAILURE"; }
        public String message() {
            return "the server refused the requested security protocols: " + failure.name() + " (" + failure.code() + ")";
        }
    }

    /**
     * The server selected a protocol that was not among the requested ones.
     *
     * @param requested what the probe requested
     * @param selected what the server selected
     */
    record ProtocolMismatch(SecurityProtocolSet requested, SecurityProtocolSet selected) implements Failure {
        public ProtocolMismatch {
            Objects.requireNonNull(requested, "requested");
            Objects.requireNonNull(selected, "selected");
        }
        public String kind() { return "PROTOCOL_MISMATCH"; }
        public String message() { return "the server selected " + selected + " although only " + requested + " was requested"; }
    }

    /** Something that is not RDP answered on the port. */
    record NotRdp(ForeignProtocol looksLike, String preview) implements Failure {
        public String kind() { return "NOT_RDP"; }
        public String message() { return "the reply is not RDP; it looks like " + looksLike.description() + (preview.isEmpty() ? "" : ": " + preview); }
    }

    /**
     * The peer sent bytes that do not decode as the expected PDU.
     *
     * @param pdu which PDU, e.g. "X.224 Connection Confirm"
     * @param field which field
     * @param offset byte offset of the field within the PDU
     * @param detail what was wrong
     */
    record MalformedPdu(String pdu, String field, int offset, String detail) implements Failure {
        public String kind() { return "MALFORMED_PDU"; }
        public String message() { return "malformed " + pdu + ": " + field + " at offset " + offset + ": " + detail; }
    }

    /** A well-formed PDU arrived, but not the one this phase waits for (for example an X.224 Disconnect Request). */
    record UnexpectedPdu(String expected, String received) implements Failure {
        public String kind() { return "UNEXPECTED_PDU"; }
        public String message() { return "expected " + expected + " but received " + received; }
    }

    /**
     * A TLS alert ended the handshake.
     *
     * @param code the alert description number (RFC 8446 / 5246)
     * @param name its name, e.g. handshake_failure
     * @param sentByPeer true if the server sent it, false if our engine raised it
     */
    record TlsAlert(int code, String name, boolean sentByPeer) implements Failure {
        public String kind() { return "TLS_ALERT"; }
        public String message() { return (sentByPeer ? "the server sent" : "our TLS engine raised") + " TLS alert " + name + " (" + code + ")"; }
    }

    /** No TLS version acceptable to both sides. */
    record TlsVersionRefused(String offered, String detail) implements Failure {
        public String kind() { return "TLS_VERSION_REFUSED"; }
        public String message() { return "no common TLS version (offered " + offered + "): " + detail; }
    }

    /** No cipher suite acceptable to both sides. */
    record TlsNoSharedCipher(String detail) implements Failure {
        public String kind() { return "TLS_NO_SHARED_CIPHER"; }
        public String message() { return "no common TLS cipher suite: " + detail; }
    }

    /** The peer answered the ClientHello with something that is not TLS. */
    record NotTls(String preview) implements Failure {
        public String kind() { return "NOT_TLS"; }
        public String message() { return "the server does not speak TLS here" + (preview.isEmpty() ? "" : "; it sent " + preview); }
    }

    /** Any other TLS handshake error, with the engine's words. */
    record TlsError(String detail) implements Failure {
        public String kind() { return "TLS_ERROR"; }
        public String message() { return "TLS handshake failed: " + detail; }
    }

    /**
     * The server answered CredSSP with an errorCode.
     *
     * @param ntStatus the NTSTATUS, as an unsigned 32-bit value
     * @param name its name, e.g. STATUS_LOGON_FAILURE, or the hex value if unknown
     */
    record CredSspError(long ntStatus, String name) implements Failure {
        public String kind() { return "CREDSSP_ERROR"; }
        public String message() { return "the server answered CredSSP with " + name + String.format(Locale.ROOT, " (0x%08X)", ntStatus); }
    }

    /**
     * The server refused the credentials of the credential check: it answered the AUTHENTICATE with an
     * errorCode ({@code ntStatus}, {@code name}) that {@code verdict} classifies.
     *
     * @param verdict what the code means for the account
     * @param ntStatus the NTSTATUS, as an unsigned 32-bit value
     * @param name its name, e.g. STATUS_LOGON_FAILURE, or the hex value if unknown
     */
    record CredentialsRefused(CredentialVerdict verdict, long ntStatus, String name) implements Failure {
        public CredentialsRefused {
            Objects.requireNonNull(verdict, "verdict");
            Objects.requireNonNull(name, "name");
        }
        public String kind() { return "CREDENTIALS_REFUSED"; }
        public String message() {
            return "the server refused the credentials: " + name + String.format(Locale.ROOT, " (0x%08X)", ntStatus);
        }
    }

    /**
     * The server answered the credential check without an error, but its {@code pubKeyAuth} is missing or
     * does not match the TLS key the probe saw ([MS-CSSP] 3.1.5 step 3): the TLS connection may end at
     * something in between, not at the server that checked the credentials.
     *
     * @param missing true when the answer had no {@code pubKeyAuth} at all
     * @param detail what was wrong
     */
    record PubKeyAuthInvalid(boolean missing, String detail) implements Failure {
        public PubKeyAuthInvalid {
            Objects.requireNonNull(detail, "detail");
        }
        public String kind() { return "PUBKEYAUTH_INVALID"; }
        public String message() {
            return (missing ? "the server sent no pubKeyAuth" : "the server's pubKeyAuth does not match the TLS key") + ": " + detail;
        }
    }

    /** An ICMP port unreachable came back for the UDP datagram: nothing listens on the UDP port. */
    record UdpPortClosed() implements Failure {
        public String kind() { return "UDP_PORT_CLOSED"; }
        public String message() { return "UDP port closed (ICMP port unreachable)"; }
    }

    /**
     * No SYN+ACK came back after every SYN was sent.
     *
     * @param attempts how many SYN datagrams were sent
     * @param waited how long the probe waited in total
     */
    record UdpNoAnswer(int attempts, Duration waited) implements Failure {
        public String kind() { return "UDP_NO_ANSWER"; }
        public boolean isTimeout() { return true; }
        public String message() { return "no answer to " + attempts + " RDPEUDP SYN datagrams in " + waited.toMillis() + " ms"; }
    }

    /** A datagram came back that is not a valid SYN+ACK to our SYN. */
    record UdpInvalidAnswer(String what, int length) implements Failure {
        public String kind() { return "UDP_INVALID_ANSWER"; }
        public String message() { return "the " + length + "-byte UDP answer is not a valid SYN+ACK: " + what; }
    }

    /**
     * The probe stopped at one of its own limits, not at a fault of the server: the server sent something
     * larger than the probe accepts (a key, a certificate chain, a handshake message). A Windows client may
     * well accept it; the limit exists so that hostile input cannot make the probe spend unbounded time or memory.
     *
     * @param limit what the probe accepts and whose limit it is, e.g. "RSA keys of at most 8192 bits (rdp-probe's limit)"
     * @param detail what the server sent, e.g. "the server certificate (CN=rds01) has a 16384-bit RSA key"
     */
    record ProbeLimitExceeded(String limit, String detail) implements Failure {
        public ProbeLimitExceeded {
            Objects.requireNonNull(limit, "limit");
            Objects.requireNonNull(detail, "detail");
        }
        public String kind() { return "PROBE_LIMIT_EXCEEDED"; }
        public String message() { return "stopped at a limit of the probe, not of the server: " + detail + "; the probe accepts " + limit; }
    }

    /**
     * The phase's limit (or the probe's deadline) passed while the probe was busy with its own work, after the
     * server had answered: the time went to the probe (a busy machine, many probes in flight), not to the server.
     *
     * @param limit the limit that expired
     * @param work what the probe was doing, e.g. "inspection of the server's certificate chain"
     */
    record LocalWorkTimedOut(Duration limit, String work) implements Failure {
        public LocalWorkTimedOut {
            Objects.requireNonNull(limit, "limit");
            Objects.requireNonNull(work, "work");
        }
        public String kind() { return "LOCAL_WORK_TIMED_OUT"; }
        public boolean isTimeout() { return true; }
        public String message() {
            return "the server had answered, but the probe's own " + work + " did not finish within " + limit.toMillis()
                    + " ms: the time went to the probe, not to the server";
        }
    }

    /**
     * No TLS engine could do the handshake: none on the class path (rdp-probe-core alone), or the one chosen
     * refused the request. It says nothing about the server. Its {@link #kind()} is its own,
     * {@code TLS_ENGINE_UNAVAILABLE}, so that callers and stored JSON tell it from other local errors without
     * reading the text.
     *
     * @param detail what is missing and how to add it, e.g. "no TLS engine on the class path; add … rdp-probe-tls"
     */
    record TlsEngineUnavailable(String detail) implements Failure {
        public TlsEngineUnavailable {
            Objects.requireNonNull(detail, "detail");
        }
        public String kind() { return "TLS_ENGINE_UNAVAILABLE"; }
        public String message() { return "local error: " + detail; }
    }

    /** Something on our side kept the phase from running (for example no local port); see also {@link TlsEngineUnavailable}. */
    record LocalError(String detail) implements Failure {
        public LocalError {
            Objects.requireNonNull(detail, "detail");
        }
        public String kind() { return "LOCAL_ERROR"; }
        public String message() { return "local error: " + detail; }
    }

    /**
     * The probing process ran out of file descriptors, so the phase could not get its socket: it says
     * nothing about the server. Too many probes were in flight for the process's open-file limit.
     *
     * @param detail the system's words, e.g. "Too many open files"
     */
    record OutOfFileDescriptors(String detail) implements Failure {
        public OutOfFileDescriptors {
            Objects.requireNonNull(detail, "detail");
        }
        public String kind() { return "OUT_OF_FILE_DESCRIPTORS"; }
        public String message() { return "out of file descriptors (" + detail + "); lower --concurrency or raise ulimit -n"; }
    }

    /**
     * The TCP connection went to the probe's own socket: nothing listens on the port, and because the
     * port lies in this machine's ephemeral range the kernel picked it as the probe's local port and
     * connected the socket to itself (TCP simultaneous open). Seen only with targets on this machine.
     *
     * @param address the address that is both ends of the connection ({@code ip:port})
     */
    record SelfConnected(String address) implements Failure {
        public SelfConnected {
            Objects.requireNonNull(address, "address");
        }
        public String kind() { return "SELF_CONNECTED"; }
        public String message() {
            return "the port is closed; the kernel connected the probe's socket to itself (" + address + " is both ends)";
        }
    }

    /**
     * rdp-probe itself failed: an exception in its own code, or a probe that lost track of itself, while
     * in this phase. It says nothing about the server; it is a bug to report.
     *
     * @param during what the probe was doing, e.g. "reading the X.224 Connection Confirm"
     * @param error the exception (type and message) or what went missing
     */
    record Internal(String during, String error) implements Failure {
        public Internal {
            Objects.requireNonNull(during, "during");
            Objects.requireNonNull(error, "error");
        }
        public String kind() { return "INTERNAL_ERROR"; }
        public String message() { return "internal error while " + during + ": " + error + " (a bug in rdp-probe; please report it)"; }
    }
}
