package dev.rdpprobe.json;

import dev.rdpprobe.core.target.IpLiterals;
import dev.rdpprobe.core.target.Target;
import dev.rdpprobe.core.outcome.Diagnosis;
import dev.rdpprobe.core.outcome.WindowsError;
import dev.rdpprobe.core.outcome.CertificateReport;
import dev.rdpprobe.core.outcome.ConnectionOutcome;
import dev.rdpprobe.core.outcome.CredSspFacts;
import dev.rdpprobe.core.outcome.CredentialCheck;
import dev.rdpprobe.core.outcome.Failure;
import dev.rdpprobe.core.outcome.Finding;
import dev.rdpprobe.core.outcome.NegotiationFacts;
import dev.rdpprobe.core.outcome.NtlmServerInfo;
import dev.rdpprobe.core.outcome.PhaseResult;
import dev.rdpprobe.core.outcome.SecurityLayerSupport;
import dev.rdpprobe.core.outcome.EncryptionMethodSupport;
import dev.rdpprobe.core.outcome.McsFacts;
import dev.rdpprobe.core.outcome.RdpServerCertificate;
import dev.rdpprobe.core.outcome.ServerFacts;
import dev.rdpprobe.core.outcome.TlsFacts;
import dev.rdpprobe.core.outcome.TlsVersionSupport;
import dev.rdpprobe.core.outcome.UdpFacts;
import dev.rdpprobe.core.outcome.NegotiationFailure;
import dev.rdpprobe.core.outcome.SecurityProtocolSet;
import dev.rdpprobe.core.outcome.SubjectAltName;
import dev.rdpprobe.core.outcome.TlsVersion;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Writes the JSON form of an outcome (the contract documented in the README and in {@link OutcomeJson}):
 * the outcome as a tree of {@link ObjectNode}s, which {@link JsonTrees} writes with jackson-core.
 * {@link OutcomeReader} reads each part back, one method per part of the same name.
 *
 * <p>Every field is mapped here by hand, never by reflection on the records, so renaming a Java
 * field cannot rename a JSON field. Field names only grow. Every documented key is always present;
 * what is unknown or did not happen is {@code null} (a stable shape that {@code jq} can rely on).
 * Durations are milliseconds as numbers with microsecond resolution, instants are ISO-8601 UTC
 * strings, Windows codes and NTSTATUS values are hex strings such as {@code "0x904"}. Strings carry
 * the exact values the server sent, with every control and invisible character escaped
 * ({@link JsonCharacterEscapes}).
 */
final class OutcomeWriter {

    private static final List<String> SECTIONS = List.of("phases", "server", "findings", "diagnosis");

    private OutcomeWriter() {
    }

    /**
     * The document for a target whose outcome could not be written or was lost (a bug in rdp-probe): the
     * same keys as {@link #toJson}, with {@code internalError} saying what went wrong. Each part of the
     * outcome that can still be written is written; a part that fails is {@code null}, and so is every
     * part when there is no outcome at all. Never throws for any outcome.
     *
     * @param target the target
     * @param outcome its outcome, or {@code null} if the probe ended without one
     * @param error what went wrong
     */
    static ObjectNode internalError(Target target, ConnectionOutcome outcome, Throwable error) {
        ObjectNode n = new ObjectNode();
        n.put("target", target.toString());
        n.put("verdict", outcome == null ? null : outcome.verdict().name());
        n.put("failedPhase", outcome == null ? null : outcome.failedPhase().map(Enum::name).orElse(null));
        n.put("startedAt", outcome == null ? null : instant(outcome.startedAt()));
        n.put("totalMs", outcome == null ? null : millis(outcome.total()));
        List<String> lost = new ArrayList<>();
        for (String section : SECTIONS) {
            JsonNode value = JsonNode.NULL;
            if (outcome != null) {
                try {
                    value = section(outcome, section);
                    JsonTrees.toText(value, JsonOptions.DEFAULTS); // proves the part can be written, not only built
                } catch (RuntimeException e) {
                    value = JsonNode.NULL;
                    lost.add(section);
                }
            }
            n.set(section, value);
        }
        String what = outcome == null ? "the probe ended without an outcome"
                : "its " + String.join(", ", lost.isEmpty() ? List.of("JSON") : lost) + " could not be written";
        n.put("internalError", what + ": " + error + " (a bug in rdp-probe; please report it)");
        return n;
    }

    private static JsonNode section(ConnectionOutcome o, String name) {
        switch (name) {
            case "phases": return phases(o);
            case "server": return server(o.server());
            case "findings": return findings(o);
            default: return diagnosis(o.diagnosis());
        }
    }

    /** The outcome as a JSON tree. */
    static ObjectNode toJson(ConnectionOutcome o) {
        ObjectNode n = new ObjectNode();
        n.put("target", o.target().toString());
        n.put("verdict", o.verdict().name());
        n.put("failedPhase", o.failedPhase().map(Enum::name).orElse(null));
        n.put("startedAt", instant(o.startedAt()));
        n.put("totalMs", millis(o.total()));
        n.set("phases", phases(o));
        n.set("server", server(o.server()));
        n.set("findings", findings(o));
        n.set("diagnosis", diagnosis(o.diagnosis()));
        n.putNull("internalError");
        return n;
    }

    private static ArrayNode phases(ConnectionOutcome o) {
        ArrayNode phases = new ArrayNode();
        for (PhaseResult p : o.phases()) {
            phases.add(phase(p));
        }
        return phases;
    }

    private static ArrayNode findings(ConnectionOutcome o) {
        ArrayNode findings = new ArrayNode();
        for (Finding f : o.findings()) {
            ObjectNode fn = findings.addObject();
            fn.put("code", f.code().name());
            fn.put("severity", f.severity().name());
            fn.put("message", f.message());
        }
        return findings;
    }

    private static ObjectNode phase(PhaseResult p) {
        ObjectNode n = new ObjectNode();
        n.put("phase", p.phase().name());
        n.put("status", p.status().name());
        n.put("elapsedMs", millis(p.elapsed()));
        n.put("startMs", millis(p.startOffset()));
        n.set("failure", p.failure().<JsonNode>map(OutcomeWriter::failure).orElse(JsonNode.NULL));
        n.put("note", p.note().orElse(null));
        return n;
    }

    /** A failure: {@code kind}, {@code message}, then the failure type's own fields. */
    static ObjectNode failure(Failure f) {
        ObjectNode n = new ObjectNode();
        n.put("kind", f.kind());
        n.put("message", f.message());
        if (f instanceof Failure.DnsFailed) {
            Failure.DnsFailed x = (Failure.DnsFailed) f;
            n.put("host", x.host());
            n.put("reason", x.reason());
        } else if (f instanceof Failure.TimedOut) {
            Failure.TimedOut x = (Failure.TimedOut) f;
            n.put("limitMs", millis(x.limit()));
            n.put("bytesSeen", x.bytesSeen());
            n.put("waitingFor", x.waitingFor());
            n.put("limitKind", x.limitKind().name());
            n.put("quietForMs", x.quietFor() == null ? null : millis(x.quietFor()));
            n.put("localLagMs", millis(x.localLag()));
        } else if (f instanceof Failure.Unreachable) {
            n.put("detail", ((Failure.Unreachable) f).detail());
        } else if (f instanceof Failure.ClosedByPeer) {
            n.put("bytesSeen", ((Failure.ClosedByPeer) f).bytesSeen());
        } else if (f instanceof Failure.Reset) {
            n.put("bytesSeen", ((Failure.Reset) f).bytesSeen());
        } else if (f instanceof Failure.NegotiationFailed) {
            Failure.NegotiationFailed x = (Failure.NegotiationFailed) f;
            n.put("code", x.failure().code());
            n.put("codeName", x.failure().name());
        } else if (f instanceof Failure.ProtocolMismatch) {
            Failure.ProtocolMismatch x = (Failure.ProtocolMismatch) f;
            n.put("requested", x.requested().toString());
            n.put("selected", x.selected().toString());
        } else if (f instanceof Failure.NotRdp) {
            Failure.NotRdp x = (Failure.NotRdp) f;
            n.put("looksLike", x.looksLike().name());
            n.put("preview", x.preview());
        } else if (f instanceof Failure.MalformedPdu) {
            Failure.MalformedPdu x = (Failure.MalformedPdu) f;
            n.put("pdu", x.pdu());
            n.put("field", x.field());
            n.put("offset", x.offset());
            n.put("detail", x.detail());
        } else if (f instanceof Failure.UnexpectedPdu) {
            Failure.UnexpectedPdu x = (Failure.UnexpectedPdu) f;
            n.put("expected", x.expected());
            n.put("received", x.received());
        } else if (f instanceof Failure.TlsAlert) {
            Failure.TlsAlert x = (Failure.TlsAlert) f;
            n.put("code", x.code());
            n.put("name", x.name());
            n.put("sentByPeer", x.sentByPeer());
        } else if (f instanceof Failure.TlsVersionRefused) {
            Failure.TlsVersionRefused x = (Failure.TlsVersionRefused) f;
            n.put("offered", x.offered());
            n.put("detail", x.detail());
        } else if (f instanceof Failure.TlsNoSharedCipher) {
            n.put("detail", ((Failure.TlsNoSharedCipher) f).detail());
        } else if (f instanceof Failure.NotTls) {
            n.put("preview", ((Failure.NotTls) f).preview());
        } else if (f instanceof Failure.TlsError) {
            n.put("detail", ((Failure.TlsError) f).detail());
        } else if (f instanceof Failure.CredSspError) {
            Failure.CredSspError x = (Failure.CredSspError) f;
            n.put("ntStatus", hex32(x.ntStatus()));
            n.put("name", x.name());
        } else if (f instanceof Failure.CredentialsRefused x) {
            n.put("verdict", x.verdict().name());
            n.put("ntStatus", hex32(x.ntStatus()));
            n.put("name", x.name());
        } else if (f instanceof Failure.PubKeyAuthInvalid x) {
            n.put("missing", x.missing());
            n.put("detail", x.detail());
        } else if (f instanceof Failure.UdpNoAnswer) {
            Failure.UdpNoAnswer x = (Failure.UdpNoAnswer) f;
            n.put("attempts", x.attempts());
            n.put("waitedMs", millis(x.waited()));
        } else if (f instanceof Failure.UdpInvalidAnswer) {
            Failure.UdpInvalidAnswer x = (Failure.UdpInvalidAnswer) f;
            n.put("what", x.what());
            n.put("length", x.length());
        } else if (f instanceof Failure.LocalError) {
            n.put("detail", ((Failure.LocalError) f).detail());
        } else if (f instanceof Failure.TlsEngineUnavailable x) {
            n.put("detail", x.detail());
        } else if (f instanceof Failure.OutOfFileDescriptors x) {
            n.put("detail", x.detail());
        } else if (f instanceof Failure.SelfConnected x) {
            n.put("address", x.address());
        } else if (f instanceof Failure.Internal x) {
            n.put("during", x.during());
            n.put("error", x.error());
        } else if (f instanceof Failure.ProbeLimitExceeded x) {
            n.put("limit", x.limit());
            n.put("detail", x.detail());
        } else if (f instanceof Failure.LocalWorkTimedOut x) {
            n.put("limitMs", millis(x.limit()));
            n.put("work", x.work());
        }
        // Refused and UdpPortClosed carry no fields of their own; failure types added later carry
        // kind and message until they are mapped here.
        return n;
    }

    private static ObjectNode server(ServerFacts s) {
        ObjectNode n = new ObjectNode();
        ArrayNode addresses = n.putArray("addresses");
        for (InetAddress a : s.addresses()) {
            addresses.add(IpLiterals.toText(a));
        }
        n.put("connectedAddress", s.connectedAddress().map(IpLiterals::toText).orElse(null));
        n.set("negotiation", s.negotiation().<JsonNode>map(OutcomeWriter::negotiation).orElse(JsonNode.NULL));
        n.set("tls", s.tls().<JsonNode>map(OutcomeWriter::tls).orElse(JsonNode.NULL));
        n.set("credssp", s.credssp().<JsonNode>map(OutcomeWriter::credssp).orElse(JsonNode.NULL));
        n.set("udp", s.udp().<JsonNode>map(OutcomeWriter::udp).orElse(JsonNode.NULL));
        if (s.securityLayers().isEmpty()) {
            n.putNull("securityLayers");
        } else {
            ArrayNode layers = n.putArray("securityLayers");
            for (SecurityLayerSupport l : s.securityLayers().get()) {
                ObjectNode ln = layers.addObject();
                ln.put("protocol", l.protocol().name());
                ln.put("accepted", l.accepted());
                ln.put("selected", l.selected().map(SecurityProtocolSet::toString).orElse(null));
                ln.put("failureCode", l.failure().map(NegotiationFailure::name).orElse(null));
                ln.put("detail", l.detail().orElse(null));
            }
        }
        n.put("nlaRequired", s.nlaRequired().orElse(null));
        n.set("mcs", s.mcs().<JsonNode>map(OutcomeWriter::mcs).orElse(JsonNode.NULL));
        if (s.encryptionMethods().isEmpty()) {
            n.putNull("encryptionMethods");
        } else {
            ArrayNode methods = n.putArray("encryptionMethods");
            for (EncryptionMethodSupport m : s.encryptionMethods().get()) {
                ObjectNode mn = methods.addObject();
                mn.put("method", m.method().name());
                mn.put("accepted", m.accepted());
                mn.put("level", m.level().map(Enum::name).orElse(null));
                mn.put("detail", m.detail());
            }
        }
        n.set("credentialCheck", s.credentialCheck().<JsonNode>map(OutcomeWriter::credentialCheck).orElse(JsonNode.NULL));
        return n;
    }

    private static ObjectNode mcs(McsFacts m) {
        ObjectNode n = new ObjectNode();
        n.put("resultCode", m.resultCode());
        n.put("result", m.resultName());
        n.put("insideTls", m.insideTls());
        n.put("offeredEncryptionMethods", hex(Integer.toUnsignedLong(m.offeredEncryptionMethods())));
        if (m.serverVersion().isEmpty()) {
            n.putNull("serverVersion");
        } else {
            ObjectNode v = n.putObject("serverVersion");
            v.put("value", m.serverVersion().get().hex());
            v.put("name", m.serverVersion().get().name());
        }
        n.set("clientRequestedProtocols", m.clientRequestedProtocols().<JsonNode>map(OutcomeWriter::protocols).orElse(JsonNode.NULL));
        n.put("earlyCapabilityFlags", m.earlyCapabilityFlags().map(OutcomeWriter::hex32).orElse(null));
        strings(n.putArray("earlyCapabilityFlagNames"), m.earlyCapabilityFlagNames());
        n.put("encryptionMethod", m.encryptionMethod().map(Enum::name).orElse(null));
        n.put("encryptionMethodValue", m.encryptionMethodValue().map(OutcomeWriter::hex32).orElse(null));
        n.put("encryptionLevel", m.encryptionLevel().map(Enum::name).orElse(null));
        n.put("encryptionLevelValue", m.encryptionLevelValue().orElse(null));
        n.put("serverRandomLength", m.serverRandomLength());
        if (m.certificate().isEmpty()) {
            n.putNull("certificate");
        } else {
            RdpServerCertificate c = m.certificate().get();
            ObjectNode cn = n.putObject("certificate");
            cn.put("kind", c.kind().name());
            cn.put("temporary", c.temporary());
            cn.put("rsaKeyBits", c.rsaKeyBits().orElse(null));
            cn.put("publicExponent", c.publicExponent().orElse(null));
            cn.put("chainLength", c.chainLength());
            cn.put("chainBytes", c.chainBytes());
        }
        n.put("ioChannel", m.ioChannel().orElse(null));
        ArrayNode ids = n.putArray("channelIds");
        m.channelIds().forEach(id -> ids.add(new ValueNode(id)));
        n.put("messageChannel", m.messageChannel().orElse(null));
        n.put("multitransportFlags", m.multitransportFlags().map(OutcomeWriter::hex32).orElse(null));
        strings(n.putArray("multitransportFlagNames"), m.multitransportFlagNames());
        n.put("offersUdp", m.offersUdp());
        strings(n.putArray("unknownBlocks"), m.unknownBlocks());
        return n;
    }

    private static ObjectNode negotiation(NegotiationFacts f) {
        ObjectNode n = new ObjectNode();
        n.set("requested", protocols(f.requested()));
        n.set("selected", f.selectedValue().<JsonNode>map(OutcomeWriter::protocols).orElse(JsonNode.NULL));
        n.put("responseFlags", hex32(Integer.toUnsignedLong(f.responseFlags())));
        strings(n.putArray("responseFlagNames"), f.responseFlagNames());
        n.put("legacyConfirm", f.legacyConfirm());
        if (f.failure().isEmpty()) {
            n.putNull("failureCode");
        } else {
            ObjectNode fc = n.putObject("failureCode");
            fc.put("code", f.failure().get().code());
            fc.put("name", f.failure().get().name());
        }
        return n;
    }

    private static ArrayNode protocols(SecurityProtocolSet p) {
        ArrayNode a = new ArrayNode();
        strings(a, p.names());
        return a;
    }

    private static ObjectNode tls(TlsFacts t) {
        ObjectNode n = new ObjectNode();
        n.put("protocolVersion", t.protocolVersion().map(TlsVersion::jdkName).orElse(null));
        n.put("cipherSuite", t.cipherSuite().orElse(null));
        n.put("engine", t.engine());
        ArrayNode chain = n.putArray("chain");
        for (CertificateReport c : t.chain()) {
            chain.add(certificate(c));
        }
        n.put("trusted", t.trusted().orElse(null));
        n.put("trustDetail", t.trustDetail().orElse(null));
        if (t.versions().isEmpty()) {
            n.putNull("versions");
        } else {
            ArrayNode versions = n.putArray("versions");
            for (TlsVersionSupport v : t.versions().get()) {
                ObjectNode vn = versions.addObject();
                vn.put("version", v.version().jdkName());
                vn.put("accepted", v.accepted());
                vn.put("cipherSuite", v.cipherSuite().orElse(null));
                vn.put("detail", v.detail().orElse(null));
            }
        }
        return n;
    }

    private static ObjectNode certificate(CertificateReport c) {
        ObjectNode n = new ObjectNode();
        n.put("subject", c.subject().orElse(null));
        n.put("issuer", c.issuer().orElse(null));
        strings(n.putArray("subjectAlternativeNames"), c.subjectAlternativeNames().stream().map(SubjectAltName::toString).toList());
        n.put("serialNumber", c.serialNumberHex().orElse(null));
        n.put("notBefore", instant(c.notBefore().orElse(null)));
        n.put("notAfter", instant(c.notAfter().orElse(null)));
        n.put("expired", c.expired());
        n.put("notYetValid", c.notYetValid());
        n.put("daysLeft", c.daysLeft());
        n.put("selfSigned", c.selfSigned());
        n.put("hostnameMatches", c.hostnameMatches().orElse(null));
        n.put("keyType", c.keyType().orElse(null));
        n.put("keyBits", c.keyBits());
        n.put("signatureAlgorithm", c.signatureAlgorithm().orElse(null));
        n.put("weakSignature", c.weakSignature());
        n.put("weakKey", c.weakKey());
        strings(n.putArray("keyUsage"), c.keyUsage());
        strings(n.putArray("extendedKeyUsage"), c.extendedKeyUsage());
        n.put("serverAuthentication", c.serverAuthentication());
        n.put("sha1Thumbprint", c.sha1Thumbprint());
        n.put("sha256Thumbprint", c.sha256Thumbprint());
        n.put("derLength", c.derLength());
        n.put("parseError", c.parseError().orElse(null));
        n.put("keyOverProbeLimit", c.keyOverProbeLimit().orElse(null));
        return n;
    }

    /** The credential check: the account name and what happened, never a secret (none is in the model). */
    private static ObjectNode credentialCheck(CredentialCheck c) {
        ObjectNode n = new ObjectNode();
        n.put("verdict", c.verdict().name());
        n.put("accepted", c.verdict().accepted());
        n.put("responseSent", c.verdict().responseSent());
        n.put("account", c.account());
        n.put("ntStatus", c.ntStatus().map(OutcomeWriter::hex32).orElse(null));
        n.put("statusName", c.statusName().orElse(null));
        n.put("credsspVersion", c.credsspVersion().orElse(null));
        n.put("detail", c.detail());
        return n;
    }

    private static ObjectNode credssp(CredSspFacts c) {
        ObjectNode n = new ObjectNode();
        n.put("version", c.version());
        n.put("spnegoWrapped", c.spnegoWrapped());
        n.put("errorCode", c.errorCode().map(OutcomeWriter::hex32).orElse(null));
        n.put("errorName", c.errorName().orElse(null));
        n.set("ntlm", c.ntlm().<JsonNode>map(OutcomeWriter::ntlm).orElse(JsonNode.NULL));
        return n;
    }

    private static ObjectNode ntlm(NtlmServerInfo i) {
        ObjectNode n = new ObjectNode();
        n.put("targetName", i.targetName());
        n.put("netbiosComputerName", i.netbiosComputerName());
        n.put("netbiosDomainName", i.netbiosDomainName());
        n.put("dnsComputerName", i.dnsComputerName());
        n.put("dnsDomainName", i.dnsDomainName());
        n.put("dnsTreeName", i.dnsTreeName());
        n.put("osVersion", i.osVersion());
        n.put("osBuild", i.osBuild());
        n.put("windowsRelease", i.windowsRelease());
        n.put("serverTime", instant(i.serverTime()));
        n.put("clockSkewMs", i.clockSkew() == null ? null : millis(i.clockSkew()));
        n.put("negotiateFlags", hex32(i.negotiateFlags()));
        return n;
    }

    private static ObjectNode udp(UdpFacts u) {
        ObjectNode n = new ObjectNode();
        n.put("answered", u.answered());
        n.put("attempts", u.attempts());
        n.put("roundTripMs", u.roundTrip().map(OutcomeWriter::millis).orElse(null));
        n.put("roundTripFromSyn", u.roundTripFromSyn().orElse(null));
        n.put("udpVersion", u.udpVersion().map(v -> hex(Integer.toUnsignedLong(v))).orElse(null));
        n.put("upstreamMtu", u.upstreamMtu().orElse(null));
        n.put("downstreamMtu", u.downstreamMtu().orElse(null));
        n.put("receiveWindow", u.receiveWindow().orElse(null));
        return n;
    }

    private static ObjectNode diagnosis(Diagnosis d) {
        ObjectNode n = new ObjectNode();
        if (d == null) {
            n.putNull("code");
            n.putNull("summary");
            n.putNull("windowsError");
            n.putArray("remedies");
            return n;
        }
        n.put("code", d.code().name());
        n.put("summary", d.summary());
        WindowsError w = d.windowsError().orElse(null);
        if (w == null) {
            n.putNull("windowsError");
        } else {
            ObjectNode wn = n.putObject("windowsError");
            wn.put("disconnectReason", hex(Integer.toUnsignedLong(w.disconnectReason())));
            wn.put("extendedReason", hex(Integer.toUnsignedLong(w.extendedReason())));
            wn.put("confidence", w.confidence().label());
        }
        strings(n.putArray("remedies"), d.remedies());
        return n;
    }

    // ---- value formats

    private static void strings(ArrayNode into, List<String> values) {
        for (String v : values) {
            into.add(v);
        }
    }

    /** Below this many seconds (about 285 years) a duration's microseconds are exact in a double. */
    private static final long EXACT_MICROS_SECONDS = 9_000_000_000L;

    /**
     * Milliseconds with microsecond resolution, for every duration: past some 285 years (a server's
     * clock at the end of the FILETIME range) microseconds no longer fit a double exactly, and the
     * value keeps the double's own precision instead of overflowing {@link Duration#toNanos()}.
     */
    static double millis(Duration d) {
        long seconds = d.getSeconds();
        if (seconds > -EXACT_MICROS_SECONDS && seconds < EXACT_MICROS_SECONDS) {
            long micros = seconds * 1_000_000L + Math.round(d.getNano() / 1_000.0);
            return micros / 1_000.0;
        }
        return seconds * 1_000.0 + d.getNano() / 1_000_000.0;
    }

    private static String instant(Instant i) {
        return i == null ? null : i.toString();
    }

    /** As mstsc writes codes: {@code 0x904}. */
    static String hex(long value) {
        return "0x" + Long.toHexString(value).toUpperCase(Locale.ROOT);
    }

    /**
     * A 32-bit value as 8 hex digits: {@code 0xC000006D}. A value that does not fit 32 bits unsigned (a model
     * field is a long) is written whole, {@code 0x8000000000000000}, never cut to its low 32 bits.
     */
    static String hex32(long value) {
        if ((value >>> 32) != 0) {
            return "0x" + Long.toHexString(value).toUpperCase(Locale.ROOT);
        }
        return String.format(Locale.ROOT, "0x%08X", value);
    }
}
