package dev.rdpprobe.json;

import dev.rdpprobe.core.outcome.CertificateReport;
import dev.rdpprobe.core.outcome.ConnectionOutcome;
import dev.rdpprobe.core.outcome.CredSspFacts;
import dev.rdpprobe.core.outcome.CredentialCheck;
import dev.rdpprobe.core.outcome.CredentialVerdict;
import dev.rdpprobe.core.outcome.Diagnosis;
import dev.rdpprobe.core.outcome.DiagnosisCode;
import dev.rdpprobe.core.outcome.Failure;
import dev.rdpprobe.core.outcome.Finding;
import dev.rdpprobe.core.outcome.FindingCode;
import dev.rdpprobe.core.outcome.ForeignProtocol;
import dev.rdpprobe.core.outcome.NegotiationFacts;
import dev.rdpprobe.core.outcome.NegotiationFailure;
import dev.rdpprobe.core.outcome.SecurityProtocol;
import dev.rdpprobe.core.outcome.SecurityProtocolSet;
import dev.rdpprobe.core.outcome.SubjectAltName;
import dev.rdpprobe.core.outcome.TlsVersion;
import dev.rdpprobe.core.outcome.WindowsErrorConfidence;
import dev.rdpprobe.core.outcome.NtlmServerInfo;
import dev.rdpprobe.core.outcome.Phase;
import dev.rdpprobe.core.outcome.PhaseResult;
import dev.rdpprobe.core.outcome.PhaseStatus;
import dev.rdpprobe.core.outcome.SecurityLayerSupport;
import dev.rdpprobe.core.outcome.EncryptionLevel;
import dev.rdpprobe.core.outcome.EncryptionMethod;
import dev.rdpprobe.core.outcome.EncryptionMethodSupport;
import dev.rdpprobe.core.outcome.McsFacts;
import dev.rdpprobe.core.outcome.RdpServerCertificate;
import dev.rdpprobe.core.outcome.RdpVersion;
import dev.rdpprobe.core.outcome.ServerFacts;
import dev.rdpprobe.core.outcome.Severity;
import dev.rdpprobe.core.outcome.TlsFacts;
import dev.rdpprobe.core.outcome.TlsVersionSupport;
import dev.rdpprobe.core.outcome.UdpFacts;
import dev.rdpprobe.core.outcome.Verdict;
import dev.rdpprobe.core.outcome.WindowsError;
import dev.rdpprobe.core.target.IpLiterals;
import dev.rdpprobe.core.target.Target;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * Reads the JSON form back into a {@link ConnectionOutcome}: the inverse of {@link OutcomeWriter}, one method
 * per part of the same name, each reading the fields that part's writer writes. A value of the wrong form
 * is refused with an {@link OutcomeJsonException} that names its path; values the model itself refuses (a
 * phase list out of order, a failed phase without a failure) are refused at the part that holds them. Every
 * refusal is a {@link Refusal}, which {@link OutcomeJson} turns into an {@link OutcomeJsonException}.
 *
 * <p>Fields the contract does not know are ignored. Fields derived from others are checked, not read: a
 * {@code verdict} or {@code failedPhase} that contradicts the phases is refused; a failure's {@code message}
 * and a code's {@code name} are recomputed from the facts (their wording may change between versions). A
 * document with an {@code internalError} records a lost outcome, not an outcome, and is refused.
 */
final class OutcomeReader {

    private OutcomeReader() {
    }

    static ConnectionOutcome outcome(JsonAt o) {
        o.requireObject();
        JsonAt internalError = o.get("internalError");
        if (!internalError.isNull()) {
            throw internalError.refuse("null (a document with an internalError records an outcome rdp-probe lost, not an outcome)");
        }
        Target target = target(o.get("target"));
        ConnectionOutcome outcome = build(o.get("phases"), "a phase list that an outcome accepts", () -> new ConnectionOutcome(
                target,
                o.get("startedAt").instant(),
                o.get("totalMs").millis(),
                phases(o.get("phases")),
                server(o.get("server")),
                o.get("findings").list(OutcomeReader::finding),
                diagnosis(o.get("diagnosis"))));
        JsonAt verdict = o.get("verdict");
        if (verdict.constant(Verdict.class) != outcome.verdict()) {
            throw verdict.refuse(outcome.verdict() + ", as the phases say");
        }
        JsonAt failedPhase = o.get("failedPhase");
        if (failedPhase.constantOrNull(Phase.class) != outcome.failedPhase().orElse(null)) {
            throw failedPhase.refuse(outcome.failedPhase().map(Enum::name).orElse("null") + ", as the phases say");
        }
        return outcome;
    }

    static Target target(JsonAt at) {
        String text = at.text();
        try {
            return Target.parse(text);
        } catch (IllegalArgumentException e) {
            throw at.refuse("a target as host:port (" + e.getMessage() + ")");
        }
    }

    /** The note of the MCS_CONNECT phase of a document written before that phase existed. */
    static final String MCS_NOT_IN_DOCUMENT = "not in this document (written before rdp-probe had MCS_CONNECT)";

    /** Phases a document may lack because it was written before they existed. */
    private static final Set<Phase> LATER_PHASES = EnumSet.of(Phase.CREDSSP_AUTH, Phase.MCS_CONNECT);

    /**
     * The phases in {@link Phase} order. A list written before the credential check or MCS_CONNECT existed lacks
     * CREDSSP_AUTH or MCS_CONNECT and is read as it was: the missing phase is SKIPPED ("no credentials given", or
     * {@value #MCS_NOT_IN_DOCUMENT}).
     */
    static List<PhaseResult> phases(JsonAt at) {
        List<JsonAt> items = at.items();
        Set<Phase> named = EnumSet.noneOf(Phase.class);
        for (JsonAt item : items) {
            Phase p = item.requireObject().get("phase").constantOrNull(Phase.class);
            if (p != null) {
                named.add(p);
            }
        }
        int expected = 0;
        for (Phase p : Phase.values()) {
            if (named.contains(p) || !LATER_PHASES.contains(p)) {
                expected++;
            }
        }
        if (items.size() != expected) {
            throw at.refuse("one result per phase, " + Phase.values().length + " in all");
        }
        List<PhaseResult> phases = new ArrayList<>();
        int next = 0;
        for (Phase p : Phase.values()) {
            if (!named.contains(p) && LATER_PHASES.contains(p)) {
                phases.add(PhaseResult.skipped(p, p == Phase.MCS_CONNECT ? MCS_NOT_IN_DOCUMENT : ConnectionOutcome.NO_CREDENTIALS));
                continue;
            }
            JsonAt item = items.get(next++);
            JsonAt phase = item.requireObject().get("phase");
            if (phase.constant(Phase.class) != p) {
                throw phase.refuse(p + " (the phases in their order)");
            }
            phases.add(phase(item));
        }
        return phases;
    }

    static PhaseResult phase(JsonAt p) {
        JsonAt failure = p.get("failure");
        PhaseStatus status = p.get("status").constant(PhaseStatus.class);
        if (status.isProblem() == failure.isNull()) {
            throw failure.refuse(status.isProblem() ? "the failure of a " + status + " phase" : "null, as the phase is " + status);
        }
        return build(p, "a phase result", () -> new PhaseResult(
                p.get("phase").constant(Phase.class),
                status,
                p.get("startMs").millis(),
                p.get("elapsedMs").millis(),
                Optional.ofNullable(failure.orNull(OutcomeReader::failure)),
                Optional.ofNullable(p.get("note").textOrNull())));
    }

    /** A failure by its {@code kind}, from the type's own fields; its {@code message} is recomputed. */
    static Failure failure(JsonAt f) {
        JsonAt kind = f.requireObject().get("kind");
        String k = kind.text();
        return build(f, "a " + k + " failure", () -> {
            switch (k) {
                case "DNS_FAILED": return new Failure.DnsFailed(f.get("host").textOrNull(), f.get("reason").textOrNull());
                case "TIMED_OUT": return new Failure.TimedOut(f.get("limitMs").millis(), f.get("bytesSeen").longValue(),
                        f.get("waitingFor").text(), f.get("limitKind").constant(Failure.TimedOut.LimitKind.class),
                        f.get("quietForMs").millisOrNull(), f.get("localLagMs").millis());
                case "REFUSED": return new Failure.Refused();
                case "UNREACHABLE": return new Failure.Unreachable(f.get("detail").textOrNull());
                case "CLOSED_BY_PEER": return new Failure.ClosedByPeer(f.get("bytesSeen").longValue());
                case "RESET": return new Failure.Reset(f.get("bytesSeen").longValue());
                case "NEGOTIATION_FAILURE": return new Failure.NegotiationFailed(new NegotiationFailure(f.get("code").intValue()));
                case "PROTOCOL_MISMATCH": return new Failure.ProtocolMismatch(protocolsText(f.get("requested")),
                        protocolsText(f.get("selected")));
                case "NOT_RDP": return new Failure.NotRdp(f.get("looksLike").constant(ForeignProtocol.class), f.get("preview").textOrNull());
                case "MALFORMED_PDU": return new Failure.MalformedPdu(f.get("pdu").textOrNull(), f.get("field").textOrNull(),
                        f.get("offset").intValue(), f.get("detail").textOrNull());
                case "UNEXPECTED_PDU": return new Failure.UnexpectedPdu(f.get("expected").textOrNull(), f.get("received").textOrNull());
                case "TLS_ALERT": return new Failure.TlsAlert(f.get("code").intValue(), f.get("name").textOrNull(), f.get("sentByPeer").bool());
                case "TLS_VERSION_REFUSED": return new Failure.TlsVersionRefused(f.get("offered").textOrNull(), f.get("detail").textOrNull());
                case "TLS_NO_SHARED_CIPHER": return new Failure.TlsNoSharedCipher(f.get("detail").textOrNull());
                case "NOT_TLS": return new Failure.NotTls(f.get("preview").textOrNull());
                case "TLS_ERROR": return new Failure.TlsError(f.get("detail").textOrNull());
                case "CREDSSP_ERROR": return new Failure.CredSspError(f.get("ntStatus").hex(64), f.get("name").textOrNull());
                case "CREDENTIALS_REFUSED": return new Failure.CredentialsRefused(f.get("verdict").constant(CredentialVerdict.class),
                        f.get("ntStatus").hex(64), f.get("name").textOrNull());
                case "PUBKEYAUTH_INVALID": return new Failure.PubKeyAuthInvalid(f.get("missing").bool(), f.get("detail").textOrNull());
                case "UDP_PORT_CLOSED": return new Failure.UdpPortClosed();
                case "UDP_NO_ANSWER": return new Failure.UdpNoAnswer(f.get("attempts").intValue(), f.get("waitedMs").millis());
                case "UDP_INVALID_ANSWER": return new Failure.UdpInvalidAnswer(f.get("what").textOrNull(), f.get("length").intValue());
                case "PROBE_LIMIT_EXCEEDED": return new Failure.ProbeLimitExceeded(f.get("limit").textOrNull(), f.get("detail").textOrNull());
                case "LOCAL_WORK_TIMED_OUT": return new Failure.LocalWorkTimedOut(f.get("limitMs").millis(), f.get("work").textOrNull());
                case "LOCAL_ERROR": return new Failure.LocalError(f.get("detail").textOrNull());
                case "TLS_ENGINE_UNAVAILABLE": return new Failure.TlsEngineUnavailable(f.get("detail").textOrNull());
                case "OUT_OF_FILE_DESCRIPTORS": return new Failure.OutOfFileDescriptors(f.get("detail").textOrNull());
                case "SELF_CONNECTED": return new Failure.SelfConnected(f.get("address").textOrNull());
                case "INTERNAL_ERROR": return new Failure.Internal(f.get("during").textOrNull(), f.get("error").textOrNull());
                default: throw kind.refuse("a failure kind of the contract (DNS_FAILED, TIMED_OUT, REFUSED, …)");
            }
        });
    }

    static ServerFacts server(JsonAt s) {
        s.requireObject();
        return build(s, "server facts", () -> new ServerFacts(
                s.get("addresses").list(OutcomeReader::address),
                Optional.ofNullable(s.get("connectedAddress").orNull(OutcomeReader::socketAddress)),
                Optional.ofNullable(s.get("negotiation").orNull(OutcomeReader::negotiation)),
                Optional.ofNullable(s.get("tls").orNull(OutcomeReader::tls)),
                Optional.ofNullable(s.get("credssp").orNull(OutcomeReader::credssp)),
                Optional.ofNullable(s.get("udp").orNull(OutcomeReader::udp)),
                Optional.ofNullable(s.get("securityLayers").listOrNull(OutcomeReader::securityLayer)),
                Optional.ofNullable(s.get("nlaRequired").boolOrNull()),
                Optional.ofNullable(s.get("mcs").orNull(OutcomeReader::mcs)),
                Optional.ofNullable(s.get("encryptionMethods").listOrNull(OutcomeReader::encryptionMethod)),
                Optional.ofNullable(s.get("credentialCheck").orNull(OutcomeReader::credentialCheck))));
    }

    static McsFacts mcs(JsonAt m) {
        m.requireObject();
        return build(m, "MCS facts", () -> new McsFacts(
                m.get("resultCode").intValue(),
                m.get("result").text(),
                m.get("insideTls").bool(),
                (int) m.get("offeredEncryptionMethods").hex(32),
                Optional.ofNullable(m.get("serverVersion").orNull(v -> new RdpVersion(v.requireObject().get("value").hex(32)))),
                Optional.ofNullable(m.get("clientRequestedProtocols").orNull(OutcomeReader::protocols)),
                Optional.ofNullable(m.get("earlyCapabilityFlags").hexOrNull(32)),
                Optional.ofNullable(m.get("encryptionMethodValue").hexOrNull(32)),
                Optional.ofNullable(m.get("encryptionLevelValue").orNull(JsonAt::longValue)),
                m.get("serverRandomLength").intValue(),
                Optional.ofNullable(m.get("certificate").orNull(OutcomeReader::rdpCertificate)),
                Optional.ofNullable(m.get("ioChannel").intOrNull()),
                m.get("channelIds").list(JsonAt::intValue),
                Optional.ofNullable(m.get("messageChannel").intOrNull()),
                Optional.ofNullable(m.get("multitransportFlags").hexOrNull(32)),
                m.get("unknownBlocks").strings()));
    }

    static RdpServerCertificate rdpCertificate(JsonAt c) {
        c.requireObject();
        return build(c, "a server certificate", () -> new RdpServerCertificate(
                c.get("kind").constant(RdpServerCertificate.Kind.class),
                c.get("temporary").bool(),
                Optional.ofNullable(c.get("rsaKeyBits").intOrNull()),
                Optional.ofNullable(c.get("publicExponent").orNull(JsonAt::longValue)),
                c.get("chainLength").intValue(),
                c.get("chainBytes").intValue()));
    }

    static EncryptionMethodSupport encryptionMethod(JsonAt e) {
        e.requireObject();
        return build(e, "an encryption method", () -> new EncryptionMethodSupport(
                e.get("method").constant(EncryptionMethod.class),
                e.get("accepted").bool(),
                Optional.ofNullable(e.get("level").constantOrNull(EncryptionLevel.class)),
                e.get("detail").text()));
    }

    static CredentialCheck credentialCheck(JsonAt c) {
        c.requireObject();
        return build(c, "a credential check", () -> new CredentialCheck(
                c.get("verdict").constant(CredentialVerdict.class),
                c.get("account").text(),
                Optional.ofNullable(c.get("ntStatus").hexOrNull(64)),
                Optional.ofNullable(c.get("statusName").textOrNull()),
                Optional.ofNullable(c.get("credsspVersion").intOrNull()),
                c.get("detail").text()));
    }

    static SecurityLayerSupport securityLayer(JsonAt l) {
        l.requireObject();
        return build(l, "a security layer", () -> new SecurityLayerSupport(protocol(l.get("protocol")), l.get("accepted").bool(),
                Optional.ofNullable(l.get("selected").orNull(OutcomeReader::protocolsText)),
                Optional.ofNullable(l.get("failureCode").orNull(OutcomeReader::negotiationFailureName)),
                Optional.ofNullable(l.get("detail").textOrNull())));
    }

    static NegotiationFacts negotiation(JsonAt n) {
        n.requireObject();
        return build(n, "negotiation facts", () -> new NegotiationFacts(
                protocols(n.get("requested")),
                Optional.ofNullable(n.get("selected").orNull(OutcomeReader::protocols)),
                (int) n.get("responseFlags").hex(32),
                n.get("responseFlagNames").strings(),
                n.get("legacyConfirm").bool(),
                Optional.ofNullable(n.get("failureCode").orNull(fc -> new NegotiationFailure(fc.requireObject().get("code").intValue())))));
    }

    /** Names as {@link SecurityProtocolSet#names()} writes them: [SSL, HYBRID], [RDP] for none, unknown bits as hex. */
    static SecurityProtocolSet protocols(JsonAt at) {
        List<JsonAt> names = at.items();
        if (names.isEmpty()) {
            throw at.refuse("at least one protocol name ([RDP] for Standard RDP Security)");
        }
        List<String> texts = new ArrayList<>();
        for (JsonAt item : names) {
            texts.add(item.text());
        }
        return protocolNames(names, texts);
    }

    /** A set as {@link SecurityProtocolSet#toString()} writes it: {@code SSL|HYBRID}, {@code RDP} for none. */
    static SecurityProtocolSet protocolsText(JsonAt at) {
        List<String> texts = List.of(at.text().split("\\|", -1));
        return protocolNames(Collections.nCopies(texts.size(), at), texts);
    }

    /** One protocol by its name. */
    static SecurityProtocol protocol(JsonAt at) {
        String name = at.text();
        for (SecurityProtocol p : SecurityProtocol.values()) {
            if (p.name().equals(name)) {
                return p;
            }
        }
        throw at.refuse("a protocol name: RDP, SSL, HYBRID, RDSTLS, HYBRID_EX or RDSAAD");
    }

    /** A negotiation failure by the name {@link NegotiationFailure#name()} writes (a reason, or UNKNOWN_0x…). */
    static NegotiationFailure negotiationFailureName(JsonAt at) {
        String name = at.text();
        for (NegotiationFailure.Reason r : NegotiationFailure.Reason.values()) {
            if (r.name().equals(name)) {
                return NegotiationFailure.of(r);
            }
        }
        if (name.startsWith("UNKNOWN_0x")) {
            try {
                NegotiationFailure f = new NegotiationFailure(Integer.parseUnsignedInt(name.substring("UNKNOWN_0x".length()), 16));
                if (f.name().equals(name)) {
                    return f;
                }
            } catch (IllegalArgumentException e) {
                // refused below
            }
        }
        throw at.refuse("a negotiation failure name (SSL_REQUIRED_BY_SERVER, …, HYBRID_REQUIRED_BY_SERVER, or UNKNOWN_0x…)");
    }

    private static SecurityProtocolSet protocolNames(List<JsonAt> where, List<String> names) {
        int bits = 0;
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i);
            JsonAt item = where.get(i);
            if (name.equals("RDP")) {
                if (names.size() != 1) {
                    throw item.refuse("RDP alone (it means no protocol bit is set)");
                }
                continue;
            }
            if (name.startsWith("0x")) {
                try {
                    bits |= (int) Long.parseUnsignedLong(name.substring(2), 16);
                } catch (NumberFormatException e) {
                    throw item.refuse("unknown protocol bits as 0x followed by hex digits");
                }
                continue;
            }
            if (!name.equals(name.toUpperCase(Locale.ROOT)) || name.isBlank()) {
                throw item.refuse("a protocol name: SSL, HYBRID, RDSTLS, HYBRID_EX, RDSAAD, RDP or unknown bits as 0x…");
            }
            try {
                bits |= SecurityProtocol.parse(name).bit();
            } catch (IllegalArgumentException e) {
                throw item.refuse("a protocol name: SSL, HYBRID, RDSTLS, HYBRID_EX, RDSAAD, RDP or unknown bits as 0x…");
            }
        }
        return SecurityProtocolSet.fromBits(bits);
    }

    static TlsFacts tls(JsonAt t) {
        t.requireObject();
        return build(t, "TLS facts", () -> new TlsFacts(
                Optional.ofNullable(t.get("protocolVersion").orNull(OutcomeReader::tlsVersionName)),
                Optional.ofNullable(t.get("cipherSuite").textOrNull()),
                t.get("engine").textOrNull(),
                t.get("chain").list(OutcomeReader::certificate),
                Optional.ofNullable(t.get("trusted").boolOrNull()),
                Optional.ofNullable(t.get("trustDetail").textOrNull()),
                Optional.ofNullable(t.get("versions").listOrNull(OutcomeReader::tlsVersion))));
    }

    /** A TLS version by the JDK name the writer uses (TLSv1.2). */
    static TlsVersion tlsVersionName(JsonAt at) {
        return TlsVersion.fromJdkName(at.text()).orElseThrow(() -> at.refuse("a TLS version name: " + TlsVersion.all()));
    }

    static TlsVersionSupport tlsVersion(JsonAt v) {
        v.requireObject();
        return build(v, "a TLS version", () -> new TlsVersionSupport(tlsVersionName(v.get("version")), v.get("accepted").bool(),
                Optional.ofNullable(v.get("cipherSuite").textOrNull()), Optional.ofNullable(v.get("detail").textOrNull())));
    }

    static CertificateReport certificate(JsonAt c) {
        c.requireObject();
        return build(c, "a certificate report", () -> new CertificateReport(
                Optional.ofNullable(c.get("subject").textOrNull()),
                Optional.ofNullable(c.get("issuer").textOrNull()),
                c.get("subjectAlternativeNames").list(OutcomeReader::subjectAltName),
                Optional.ofNullable(c.get("serialNumber").textOrNull()),
                Optional.ofNullable(c.get("notBefore").instantOrNull()),
                Optional.ofNullable(c.get("notAfter").instantOrNull()),
                c.get("expired").bool(),
                c.get("notYetValid").bool(),
                c.get("daysLeft").longValue(),
                c.get("selfSigned").bool(),
                Optional.ofNullable(c.get("hostnameMatches").boolOrNull()),
                Optional.ofNullable(c.get("keyType").textOrNull()),
                c.get("keyBits").intValue(),
                Optional.ofNullable(c.get("signatureAlgorithm").textOrNull()),
                c.get("weakSignature").bool(),
                c.get("weakKey").bool(),
                c.get("keyUsage").strings(),
                c.get("extendedKeyUsage").strings(),
                c.get("serverAuthentication").bool(),
                c.get("sha1Thumbprint").textOrNull(),
                c.get("sha256Thumbprint").textOrNull(),
                c.get("derLength").intValue(),
                Optional.ofNullable(c.get("parseError").textOrNull()),
                Optional.ofNullable(c.get("keyOverProbeLimit").textOrNull())));
    }

    /** A subject alternative name in its text form (DNS:…, IP:…). */
    static SubjectAltName subjectAltName(JsonAt at) {
        try {
            return SubjectAltName.parse(at.text());
        } catch (IllegalArgumentException e) {
            throw at.refuse("a subject alternative name such as DNS:rds01.example.com or IP:127.0.0.1");
        }
    }

    static CredSspFacts credssp(JsonAt c) {
        c.requireObject();
        return build(c, "CredSSP facts", () -> new CredSspFacts(
                c.get("version").intValue(),
                c.get("spnegoWrapped").bool(),
                Optional.ofNullable(c.get("ntlm").orNull(OutcomeReader::ntlm)),
                Optional.ofNullable(c.get("errorCode").hexOrNull(64)),
                Optional.ofNullable(c.get("errorName").textOrNull())));
    }

    static NtlmServerInfo ntlm(JsonAt i) {
        i.requireObject();
        return build(i, "NTLM server information", () -> new NtlmServerInfo(
                i.get("targetName").textOrNull(),
                i.get("netbiosComputerName").textOrNull(),
                i.get("netbiosDomainName").textOrNull(),
                i.get("dnsComputerName").textOrNull(),
                i.get("dnsDomainName").textOrNull(),
                i.get("dnsTreeName").textOrNull(),
                i.get("osVersion").textOrNull(),
                i.get("osBuild").intOrNull(),
                i.get("windowsRelease").textOrNull(),
                i.get("serverTime").instantOrNull(),
                i.get("clockSkewMs").millisOrNull(),
                i.get("negotiateFlags").hex(64)));
    }

    static UdpFacts udp(JsonAt u) {
        u.requireObject();
        return build(u, "UDP facts", () -> new UdpFacts(
                u.get("answered").bool(),
                u.get("attempts").intValue(),
                Optional.ofNullable(u.get("roundTripMs").millisOrNull()),
                Optional.ofNullable(u.get("roundTripFromSyn").intOrNull()),
                Optional.ofNullable(u.get("udpVersion").orNull(v -> (int) v.hex(32))),
                Optional.ofNullable(u.get("upstreamMtu").intOrNull()),
                Optional.ofNullable(u.get("downstreamMtu").intOrNull()),
                Optional.ofNullable(u.get("receiveWindow").intOrNull())));
    }

    static Finding finding(JsonAt f) {
        f.requireObject();
        return build(f, "a finding", () -> new Finding(f.get("code").constant(FindingCode.class),
                f.get("severity").constant(Severity.class), f.get("message").textOrNull()));
    }

    /** A diagnosis; {@code null} when its code is null (the writer's form of an outcome without one). */
    static Diagnosis diagnosis(JsonAt d) {
        d.requireObject();
        if (d.get("code").isNull()) {
            for (String part : List.of("summary", "windowsError")) {
                if (!d.get(part).isNull()) {
                    throw d.get(part).refuse("null, as the diagnosis has no code");
                }
            }
            return null;
        }
        return build(d, "a diagnosis", () -> new Diagnosis(
                d.get("code").constant(DiagnosisCode.class),
                d.get("summary").textOrNull(),
                Optional.ofNullable(d.get("windowsError").orNull(OutcomeReader::windowsError)),
                d.get("remedies").strings()));
    }

    static WindowsError windowsError(JsonAt w) {
        w.requireObject();
        return build(w, "a Windows error", () -> new WindowsError((int) w.get("disconnectReason").hex(32),
                (int) w.get("extendedReason").hex(32), confidence(w.get("confidence"))));
    }

    static WindowsErrorConfidence confidence(JsonAt at) {
        String label = at.text();
        for (WindowsErrorConfidence c : WindowsErrorConfidence.values()) {
            if (c.label().equals(label)) {
                return c;
            }
        }
        throw at.refuse("documented or likely");
    }

    // ---- value formats

    /** An IP address as {@link IpLiterals#toText(InetAddress)} writes it; never a name (no DNS query is made). */
    static InetAddress address(JsonAt at) {
        String text = at.text();
        if (!IpLiterals.isIpLiteral(text)) {
            throw at.refuse("an IP address such as 127.0.0.1 or ::1");
        }
        try {
            return IpLiterals.toAddress(text);
        } catch (UnknownHostException e) {
            int percent = text.indexOf('%');
            if (percent > 0 && IpLiterals.zoneProblem(text) == null) {
                // a zone naming an interface this machine lacks (the document came from another host): the address
                // is kept without it
                try {
                    InetAddress bare = IpLiterals.toAddress(text.substring(0, percent));
                    if (bare instanceof Inet6Address) {
                        return bare;
                    }
                } catch (UnknownHostException ignored) {
                    // refused below
                }
            }
            throw at.refuse("an IP address (" + e.getMessage() + ")");
        }
    }

    /** A socket address as {@link IpLiterals#toText(InetSocketAddress)} writes it: {@code 127.0.0.1:3389}, {@code [::1]:3389}. */
    static InetSocketAddress socketAddress(JsonAt at) {
        String text = at.text();
        String host;
        String port;
        if (text.startsWith("[")) {
            int close = text.indexOf("]:");
            host = close < 0 ? "" : text.substring(1, close);
            port = close < 0 ? "" : text.substring(close + 2);
        } else {
            int colon = text.lastIndexOf(':');
            host = colon < 0 || text.indexOf(':') != colon ? "" : text.substring(0, colon);
            port = colon < 0 ? "" : text.substring(colon + 1);
        }
        if (host.isEmpty() || port.isEmpty() || port.length() > 5 || !port.chars().allMatch(c -> c >= '0' && c <= '9')
                || Integer.parseInt(port) > 65535) {
            throw at.refuse("an address and port such as 127.0.0.1:3389 or [::1]:3389");
        }
        return new InetSocketAddress(address(new JsonAt(new ValueNode(host), at.path())), Integer.parseInt(port));
    }

    /** Builds a model value; what its constructor refuses is refused at {@code at}. */
    private static <T> T build(JsonAt at, String what, Supplier<T> constructor) {
        try {
            return constructor.get();
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new Refusal(at.path(), what, "values it refuses: " + ValueNode.printable(String.valueOf(e.getMessage())), e);
        }
    }
}
