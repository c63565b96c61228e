package dev.rdpprobe.cli;

import static dev.rdpprobe.cli.ConfigSection.keys;

import dev.rdpprobe.core.outcome.SecurityProtocol;
import dev.rdpprobe.testkit.ActivationPhase;
import dev.rdpprobe.testkit.ActivationStep;
import dev.rdpprobe.testkit.ConnectionEffect;
import dev.rdpprobe.testkit.CredSspStep;
import dev.rdpprobe.testkit.NegotiationRefusal;
import dev.rdpprobe.testkit.NlaAccount;
import dev.rdpprobe.testkit.NlaAnswer;
import dev.rdpprobe.testkit.NtlmIdentity;
import dev.rdpprobe.testkit.Scenario;
import dev.rdpprobe.testkit.TlsStep;
import dev.rdpprobe.testkit.X224Step;
import dev.rdpprobe.testkit.tls.PemCertificates;
import dev.rdpprobe.testkit.tls.TestCertificate;
import dev.rdpprobe.testkit.tls.TestCertificates;
import dev.rdpprobe.testkit.tls.TlsServerHandlers;
import dev.rdpprobe.testkit.udp.FakeUdpResponder;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.bouncycastle.tls.AlertDescription;

/**
 * A scenario written in a config file for {@code rdp-probe fake-server --config FILE}: per phase
 * what the server does (README-cli.md, "Scenario config files"), mapped onto the test kit's
 * {@link Scenario}. A phase left out behaves as in {@code nla-healthy}; UDP left out is a closed
 * port. Every fault is refused with the file, the line and what is wrong.
 *
 * <pre>
 * x224: {do: confirm, protocols: [SSL]}
 * tls:  {certificate: expired, versions: [TLSv1]}
 * </pre>
 */
final class ScenarioConfig {

    private static final List<String> X224_ACTIONS = List.of("confirm", "refuse", "legacy", "close", "reset", "half-close", "stall", "trickle", "send");
    private static final List<String> TLS_ACTIONS = List.of("handshake", "alert", "close", "reset", "half-close", "stall", "send");
    private static final List<String> CREDSSP_ACTIONS = List.of("challenge", "error", "close", "reset", "half-close", "stall", "send");
    private static final List<String> ACTIVATION_ACTIONS = List.of("serve", "none", "close", "reset", "half-close", "stall", "send");
    private static final List<String> ACTIVATION_PHASES = List.of("client-info", "attach-user", "confirm-active");
    private static final List<String> UDP_ACTIONS = List.of("answer", "silence", "junk", "closed");
    private static final List<String> CERTIFICATES = List.of("generated", "expired", "not-yet-valid", "wrong-name");

    private ScenarioConfig() {
    }

    /** Reads a config file: {@code .json} as JSON, anything else as YAML. */
    static FakeServerScenario read(Path file) throws ScenarioConfigException {
        String source = file.toString();
        String text;
        try {
            if (Files.size(file) > ConfigNode.MAX_LENGTH) {
                throw new ScenarioConfigException(source, 0, "is larger than " + ConfigNode.MAX_LENGTH + " bytes; a scenario fits in a few lines");
            }
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ScenarioConfigException(source, 0, "cannot be read: " + e);
        }
        String base = file.getFileName().toString();
        int dot = base.lastIndexOf('.');
        boolean json = base.toLowerCase(Locale.ROOT).endsWith(".json");
        Path dir = file.toAbsolutePath().getParent();
        return parse(source, new StringReader(text), json, dot > 0 ? base.substring(0, dot) : base, dir);
    }

    /**
     * Parses a config from {@code text}.
     *
     * @param defaultName the name when the config gives none
     * @param baseDirectory where relative certificate paths start
     */
    static FakeServerScenario parse(String source, Reader text, boolean json, String defaultName, Path baseDirectory)
            throws ScenarioConfigException {
        ConfigSection root = ConfigSection.root(source, ConfigNode.parse(source, text, json));
        root.onlyKeys(keys("name", "description", "x224", "tls", "credssp", "activation", "udp"), "at the top level");
        String name = root.string("name", defaultName);
        if (name.isBlank()) {
            throw root.error("name", "must not be empty");
        }
        String description = root.string("description", "from " + source);
        X224Step x224 = x224(root.section("x224"));
        if (x224 instanceof X224Step.Act) {
            unreachable(root, "tls", "x224's do: " + root.section("x224").string("do", "") + " ends the exchange before TLS");
            unreachable(root, "credssp", "x224's do: " + root.section("x224").string("do", "") + " ends the exchange before CredSSP");
            unreachable(root, "activation", "x224's do: " + root.section("x224").string("do", "") + " ends the exchange before MCS");
        }
        TlsStep tls = root.has("tls") ? tls(root.section("tls"), baseDirectory) : TlsStep.healthy();
        if (tls instanceof TlsStep.Act) {
            unreachable(root, "credssp", "tls's do: " + root.section("tls").string("do", "") + " ends the exchange before CredSSP");
            unreachable(root, "activation", "tls's do: " + root.section("tls").string("do", "") + " ends the exchange before MCS");
        }
        CredSspStep credssp = root.has("credssp") ? credssp(root.section("credssp")) : CredSspStep.challenge();
        ActivationStep activation = activation(root.section("activation"));
        FakeUdpResponder.Builder udp = udp(root.section("udp"));
        return new FakeServerScenario(name, description, new Scenario(x224, tls, credssp).withActivation(activation), udp);
    }

    /** Refuses a phase the scenario never reaches (a config that says something the server will not do). */
    private static void unreachable(ConfigSection root, String phase, String why) throws ScenarioConfigException {
        if (root.has(phase)) {
            throw root.error(phase, "is never reached: " + why + "; remove it");
        }
    }

    // ------------------------------------------------------------ X.224

    private static X224Step x224(ConfigSection s) throws ScenarioConfigException {
        if (s == null) {
            return Scenario.supporting(SecurityProtocol.HYBRID, SecurityProtocol.HYBRID_EX).x224(); // as nla-healthy
        }
        String action = s.choice("do", X224_ACTIONS, "confirm");
        switch (action) {
            case "confirm": {
                s.onlyKeys(keys("do", "protocols", "select"), "with do: confirm");
                if (s.has("select")) {
                    if (s.has("protocols")) {
                        throw s.error("select", "and " + s.name("protocols") + " exclude each other: select answers every client alike, "
                                + "protocols answers as a server that supports them");
                    }
                    return Scenario.selecting(protocol(s, "select")).x224();
                }
                List<SecurityProtocol> supported = protocols(s, "protocols", List.of(SecurityProtocol.HYBRID, SecurityProtocol.HYBRID_EX));
                return Scenario.supporting(supported.toArray(SecurityProtocol[]::new)).x224();
            }
            case "refuse": {
                s.onlyKeys(keys("do", "code", "stayOpen"), "with do: refuse");
                NegotiationRefusal refusal = refusal(s);
                return s.bool("stayOpen", false) ? Scenario.refusingAndStayingOpen(refusal).x224() : Scenario.refusing(refusal).x224();
            }
            case "legacy":
                s.onlyKeys(keys("do"), "with do: legacy");
                return Scenario.legacyConfirm().x224();
            case "trickle": {
                s.onlyKeys(keys("do", "protocol", "interval"), "with do: trickle");
                SecurityProtocol p = s.has("protocol") ? protocol(s, "protocol") : SecurityProtocol.HYBRID;
                return Scenario.trickling(p, s.duration("interval", Duration.ofMillis(100), false)).x224();
            }
            default:
                return new X224Step.Act(effect(s, action, "with do: " + action));
        }
    }

    private static NegotiationRefusal refusal(ConfigSection s) throws ScenarioConfigException {
        String code = s.string("code", NegotiationRefusal.HYBRID_REQUIRED_BY_SERVER.name());
        for (NegotiationRefusal r : NegotiationRefusal.values()) {
            if (r.name().equalsIgnoreCase(code) || String.valueOf(r.code()).equals(code.strip())) {
                return r;
            }
        }
        throw s.error("code", "is '" + code + "'; use one of " + Arrays.stream(NegotiationRefusal.values())
                .map(r -> r.name() + " (" + r.code() + ")").reduce((a, b) -> a + ", " + b).orElse(""));
    }

    private static SecurityProtocol protocol(ConfigSection s, String key) throws ScenarioConfigException {
        return parseProtocol(s, key, s.requiredString(key));
    }

    private static List<SecurityProtocol> protocols(ConfigSection s, String key, List<SecurityProtocol> fallback) throws ScenarioConfigException {
        if (!s.has(key)) {
            return fallback;
        }
        List<SecurityProtocol> out = new ArrayList<>();
        for (String name : s.strings(key, List.of())) {
            out.add(parseProtocol(s, key, name));
        }
        return out;
    }

    private static SecurityProtocol parseProtocol(ConfigSection s, String key, String name) throws ScenarioConfigException {
        for (SecurityProtocol p : SecurityProtocol.values()) {
            if (p.name().equalsIgnoreCase(name.strip())) {
                return p;
            }
        }
        throw s.error(key, "names '" + name + "'; the protocols are " + Arrays.toString(SecurityProtocol.values())
                + " (RDP: Standard RDP Security)");
    }

    // ------------------------------------------------------------ effects (any phase)

    private static ConnectionEffect effect(ConfigSection s, String action, String context) throws ScenarioConfigException {
        return effect(s, action, context, java.util.Set.of());
    }

    /** The effect {@code action} names; {@code extra} are further keys the caller reads. */
    private static ConnectionEffect effect(ConfigSection s, String action, String context, java.util.Set<String> extra)
            throws ScenarioConfigException {
        switch (action) {
            case "close":
                s.onlyKeys(with(keys("do"), extra), context);
                return ConnectionEffect.close();
            case "reset":
                s.onlyKeys(with(keys("do"), extra), context);
                return ConnectionEffect.reset();
            case "half-close":
                s.onlyKeys(with(keys("do"), extra), context);
                return ConnectionEffect.halfClose();
            case "stall":
                s.onlyKeys(with(keys("do"), extra), context);
                return ConnectionEffect.stall();
            case "send": {
                s.onlyKeys(with(keys("do", "text", "hex", "thenClose"), extra), context);
                byte[] bytes;
                if (s.has("text") == s.has("hex")) {
                    throw new ScenarioConfigException(s.source(), s.line(), "do: send needs exactly one of " + s.name("text")
                            + " (ISO-8859-1 characters) and " + s.name("hex"));
                }
                bytes = s.has("hex") ? s.hex("hex") : s.string("text", "").getBytes(StandardCharsets.ISO_8859_1);
                if (bytes.length == 0) {
                    throw new ScenarioConfigException(s.source(), s.line(), "do: send needs at least one byte");
                }
                return s.bool("thenClose", false) ? ConnectionEffect.sendThenClose(bytes) : ConnectionEffect.send(bytes);
            }
            default:
                throw new IllegalStateException("not an effect: " + action);
        }
    }

    private static java.util.Set<String> with(java.util.Set<String> keys, java.util.Set<String> extra) {
        keys.addAll(extra);
        return keys;
    }

    // ------------------------------------------------------------ TLS

    private static TlsStep tls(ConfigSection s, Path baseDirectory) throws ScenarioConfigException {
        String action = s.choice("do", TLS_ACTIONS, "handshake");
        switch (action) {
            case "handshake": {
                s.onlyKeys(keys("do", "certificate", "versions", "trickle", "cutAfter", "stallAfter"), "with do: handshake");
                TestCertificate certificate = certificate(s, baseDirectory);
                List<String> versions = s.strings("versions", TlsServerHandlers.ALL_VERSIONS);
                for (String v : versions) {
                    if (!TlsServerHandlers.ALL_VERSIONS.contains(v)) {
                        throw s.error("versions", "names '" + v + "'; the versions are " + String.join(", ", TlsServerHandlers.ALL_VERSIONS));
                    }
                }
                if (versions.isEmpty()) {
                    throw s.error("versions", "is empty; name at least one version");
                }
                int deliveries = (s.has("trickle") ? 1 : 0) + (s.has("cutAfter") ? 1 : 0) + (s.has("stallAfter") ? 1 : 0);
                if (deliveries > 1) {
                    throw new ScenarioConfigException(s.source(), s.line(), "trickle, cutAfter and stallAfter exclude each other");
                }
                TlsStep.Delivery delivery = s.has("trickle") ? new TlsStep.Delivery.Trickle(s.duration("trickle", null, false))
                        : s.has("cutAfter") ? new TlsStep.Delivery.CutAfter((int) s.integer("cutAfter", 1, 1 << 20, 1))
                        : s.has("stallAfter") ? new TlsStep.Delivery.StallAfter((int) s.integer("stallAfter", 1, 1 << 20, 1))
                        : new TlsStep.Delivery.Whole();
                return new TlsStep.Handshake(certificate, versions, delivery);
            }
            case "alert": {
                s.onlyKeys(keys("do", "alert"), "with do: alert");
                return TlsStep.alert(alert(s));
            }
            default:
                return new TlsStep.Act(effect(s, action, "with do: " + action));
        }
    }

    private static int alert(ConfigSection s) throws ScenarioConfigException {
        String text = s.string("alert", "handshake_failure");
        for (short d = 0; d < 256; d++) {
            String name = AlertDescription.getName(d);
            if (name.equals(text) && !name.startsWith("UNKNOWN")) {
                return d;
            }
        }
        return (int) s.integer("alert", 0, 255, 40);
    }

    private static TestCertificate certificate(ConfigSection s, Path baseDirectory) throws ScenarioConfigException {
        ConfigNode node = s.node("certificate");
        if (node == null) {
            return TestCertificates.localhost();
        }
        if (node instanceof ConfigNode.Scalar) {
            switch (s.choice("certificate", CERTIFICATES, "generated")) {
                case "expired":
                    return TestCertificates.expired();
                case "not-yet-valid":
                    return TestCertificates.notYetValid();
                case "wrong-name":
                    return TestCertificates.wrongHost();
                default:
                    return TestCertificates.localhost();
            }
        }
        ConfigSection c = s.section("certificate");
        if (c.has("file")) {
            c.onlyKeys(keys("file", "key"), "of a certificate from PEM files");
            Path file = baseDirectory.resolve(c.requiredString("file"));
            Path key = baseDirectory.resolve(c.requiredString("key"));
            try {
                return PemCertificates.read(file, key);
            } catch (IOException e) {
                throw c.error("file", "cannot be read: " + e);
            } catch (IllegalArgumentException e) {
                throw c.error("file", "cannot be used: " + e.getMessage());
            }
        }
        c.onlyKeys(keys("commonName", "dnsNames", "ipAddresses", "expired", "notYetValid"), "of a generated certificate");
        TestCertificates.Builder b = TestCertificates.builder();
        String cn = c.string("commonName", null);
        if (cn != null) {
            b.commonName(cn).dnsNames(c.strings("dnsNames", List.of(cn)).toArray(String[]::new))
                    .ipAddresses(c.strings("ipAddresses", List.of()).toArray(String[]::new));
        } else if (c.has("dnsNames") || c.has("ipAddresses")) {
            b.dnsNames(c.strings("dnsNames", List.of()).toArray(String[]::new))
                    .ipAddresses(c.strings("ipAddresses", List.of()).toArray(String[]::new));
        }
        boolean expired = c.bool("expired", false);
        boolean notYetValid = c.bool("notYetValid", false);
        if (expired && notYetValid) {
            throw c.error("notYetValid", "and expired exclude each other");
        }
        if (expired) {
            b.expired();
        } else if (notYetValid) {
            b.notYetValid();
        }
        try {
            return b.build();
        } catch (IllegalArgumentException e) {
            throw new ScenarioConfigException(c.source(), c.line(), "the certificate cannot be made: " + e.getMessage());
        }
    }

    // ------------------------------------------------------------ CredSSP

    private static CredSspStep credssp(ConfigSection s) throws ScenarioConfigException {
        if (s.has("users")) {
            return nla(s);
        }
        String action = s.choice("do", CREDSSP_ACTIONS, "challenge");
        switch (action) {
            case "challenge": {
                s.onlyKeys(keys("do", "identity", "clockOffset", "spnego", "version", "serverChallenge", "trickle"), "with do: challenge");
                NtlmIdentity identity = identity(s);
                byte[] serverChallenge = s.has("serverChallenge") ? s.hex("serverChallenge") : new byte[8];
                if (serverChallenge.length != 8) {
                    throw s.error("serverChallenge", "must be 8 bytes (16 hex digits), not " + serverChallenge.length);
                }
                CredSspStep.Challenge challenge = new CredSspStep.Challenge(identity, null,
                        s.duration("clockOffset", Duration.ZERO, true), serverChallenge, s.bool("spnego", false),
                        (int) s.integer("version", 2, 6, 6));
                Duration trickle = s.duration("trickle", null, false);
                return trickle == null ? challenge : new CredSspStep.Trickle(challenge, trickle);
            }
            case "error": {
                s.onlyKeys(keys("do", "errorCode", "version"), "with do: error");
                if (!s.has("errorCode")) {
                    throw new ScenarioConfigException(s.source(), s.line(), "do: error needs " + s.name("errorCode")
                            + " (an NTSTATUS, e.g. 0xC000006D for STATUS_LOGON_FAILURE)");
                }
                return new CredSspStep.Error(s.integer("errorCode", 0, 0xFFFF_FFFFL, 0), (int) s.integer("version", 2, 6, 6));
            }
            default:
                return new CredSspStep.Act(effect(s, action, "with do: " + action));
        }
    }

    /**
     * {@code users}: a fake NLA server that checks every AUTHENTICATE against this table ({@link CredSspStep.Nla}).
     * A password is test data, but no message names it: errors point at its line only.
     */
    private static CredSspStep.Nla nla(ConfigSection s) throws ScenarioConfigException {
        if (s.has("do") && !"challenge".equals(s.string("do", ""))) {
            throw s.error("users", "(the NLA user table) needs do: challenge, the CHALLENGE its check starts from; "
                    + "remove " + s.name("do") + " or the table");
        }
        s.onlyKeys(keys("do", "users", "onFailure", "identity", "clockOffset", "version", "serverChallenge"),
                "with users (a server that checks the credentials speaks raw NTLM, unwrapped and whole)");
        CredSspStep.Nla defaults = CredSspStep.nla();
        byte[] serverChallenge = s.has("serverChallenge") ? s.hex("serverChallenge") : defaults.challenge().serverChallenge();
        if (serverChallenge.length != 8) {
            throw s.error("serverChallenge", "must be 8 bytes (16 hex digits), not " + serverChallenge.length);
        }
        CredSspStep.Challenge challenge = new CredSspStep.Challenge(identity(s), null, s.duration("clockOffset", Duration.ZERO, true),
                serverChallenge, false, (int) s.integer("version", 2, 6, 6));
        NlaAnswer onFailure = s.has("onFailure") ? answer(s, "onFailure", ON_FAILURE_ANSWERS) : defaults.onFailure();
        return new CredSspStep.Nla(challenge, accounts(s), onFailure);
    }

    /** The user table: a list of {@code {user, domain, password, answer}}, each user (and domain) once. */
    private static List<NlaAccount> accounts(ConfigSection s) throws ScenarioConfigException {
        ConfigNode node = s.node("users");
        if (!(node instanceof ConfigNode.Sequence table)) {
            throw s.error("users", "must be a list of accounts, each {user, password} with optional domain and answer");
        }
        if (table.items().isEmpty()) {
            throw s.error("users", "is empty; name at least one account (or leave users out for a server that checks nothing)");
        }
        List<NlaAccount> accounts = new ArrayList<>();
        for (int i = 0; i < table.items().size(); i++) {
            ConfigNode item = table.items().get(i);
            String where = s.name("users") + "[" + i + "]";
            if (!(item instanceof ConfigNode.Mapping)) {
                throw new ScenarioConfigException(s.source(), item.line(), where + " must be a mapping {user, password} "
                        + "with optional domain and answer");
            }
            ConfigSection a = ConfigSection.item(s.source(), where, (ConfigNode.Mapping) item);
            a.onlyKeys(keys("user", "domain", "password", "answer"), "of an account");
            String user = a.requiredString("user");
            if (user.isBlank()) {
                throw a.error("user", "must not be empty");
            }
            String domain = a.string("domain", null);
            String password = a.requiredString("password");
            NlaAnswer answer = a.has("answer") ? answer(a, "answer", ACCOUNT_ANSWERS) : NlaAnswer.accept();
            NlaAccount account = new NlaAccount(user, domain, password, answer);
            for (NlaAccount earlier : accounts) {
                if (earlier.user().equalsIgnoreCase(user) && (earlier.domain() == null || domain == null || earlier.domain().equalsIgnoreCase(domain))) {
                    throw a.error("user", "'" + user + "'" + (domain == null ? "" : " of domain " + domain)
                            + " is already in the table (users are compared without case; an account without domain matches any)");
                }
            }
            accounts.add(account);
        }
        return List.copyOf(accounts);
    }

    /** What an account's verified response gets ({@code answer}) or a failed check gets ({@code onFailure}). */
    private static final List<String> ACCOUNT_ANSWERS = List.of("accept", "wrong-pubkeyauth", "missing-pubkeyauth", "close", "silent");
    private static final List<String> ON_FAILURE_ANSWERS = List.of("close", "silent");

    /** One of {@code words}, or an NTSTATUS (0x… or decimal) answered as the TSRequest's errorCode. */
    private static NlaAnswer answer(ConfigSection s, String key, List<String> words) throws ScenarioConfigException {
        String text = s.string(key, "").strip();
        switch (words.contains(text) ? text : "status") {
            case "accept":
                return NlaAnswer.accept();
            case "wrong-pubkeyauth":
                return new NlaAnswer.WrongPubKeyAuth();
            case "missing-pubkeyauth":
                return new NlaAnswer.NoPubKeyAuth();
            case "close":
                return new NlaAnswer.Close();
            case "silent":
                return new NlaAnswer.Silent();
            default:
                if (!text.matches("(0[xX][0-9a-fA-F_]{1,10}|[0-9_]{1,11})")) {
                    throw s.error(key, "is '" + text + "'; use " + String.join(", ", words)
                            + " or an NTSTATUS for the errorCode (0xC0000234 STATUS_ACCOUNT_LOCKED_OUT, …)");
                }
                return NlaAnswer.status(s.integer(key, 1, 0xFFFF_FFFFL, 0));
        }
    }

    private static NtlmIdentity identity(ConfigSection s) throws ScenarioConfigException {
        ConfigSection id = s.section("identity");
        if (id == null) {
            return NtlmIdentity.windowsServer2022();
        }
        id.onlyKeys(keys("computer", "domain", "dnsDomain", "version"), "of an NTLM identity");
        String computer = id.string("computer", NtlmIdentity.DEFAULT_COMPUTER);
        int[] version = windowsVersion(id);
        String domain = id.string("domain", null);
        String dnsDomain = id.string("dnsDomain", null);
        if ((domain == null) != (dnsDomain == null)) {
            throw new ScenarioConfigException(id.source(), id.line(), "a domain member needs both " + id.name("domain")
                    + " (NetBIOS) and " + id.name("dnsDomain") + "; a workgroup host neither");
        }
        try {
            return domain == null ? NtlmIdentity.workgroup(computer, version[0], version[1], version[2])
                    : NtlmIdentity.domainMember(computer, domain, dnsDomain, version[0], version[1], version[2]);
        } catch (IllegalArgumentException e) {
            throw id.error("version", e.getMessage());
        }
    }

    private static int[] windowsVersion(ConfigSection id) throws ScenarioConfigException {
        String text = id.string("version", "10.0.20348");
        String[] parts = text.strip().split("\\.");
        if (parts.length != 3) {
            throw id.error("version", "is '" + text + "'; write MAJOR.MINOR.BUILD, as 10.0.20348 or 6.1.7601");
        }
        int[] out = new int[3];
        int[] max = {0xFF, 0xFF, 0xFFFF};
        for (int i = 0; i < 3; i++) {
            if (!parts[i].matches("[0-9]{1,5}") || Integer.parseInt(parts[i]) > max[i]) {
                throw id.error("version", "is '" + text + "'; MAJOR and MINOR are 0..255, BUILD 0..65535");
            }
            out[i] = Integer.parseInt(parts[i]);
        }
        return out;
    }

    // ------------------------------------------------------------ UDP

    // ------------------------------------------------------------ after the Connect Response

    /**
     * What follows a successful Connect Response inside TLS: {@code serve} (the default, as nla-healthy: to an active
     * connection, with the desktop's {@code width}, {@code height}, {@code colorDepth}), {@code none} (silence), or an
     * effect {@code at} a phase.
     */
    private static ActivationStep activation(ConfigSection s) throws ScenarioConfigException {
        if (s == null) {
            return ActivationStep.serve();
        }
        String action = s.choice("do", ACTIVATION_ACTIONS, "serve");
        switch (action) {
            case "serve": {
                s.onlyKeys(keys("do", "width", "height", "colorDepth"), "with do: serve");
                ActivationStep.Serve fallback = ActivationStep.serve();
                int width = (int) s.integer("width", 1, 8192, fallback.desktopWidth());
                int height = (int) s.integer("height", 1, 8192, fallback.desktopHeight());
                int depth = (int) s.integer("colorDepth", 8, 32, fallback.colorDepth());
                if (depth != 8 && depth != 15 && depth != 16 && depth != 24 && depth != 32) {
                    throw s.error("colorDepth", "is " + depth + "; use 8, 15, 16, 24 or 32");
                }
                return new ActivationStep.Serve(width, height, depth);
            }
            case "none":
                s.onlyKeys(keys("do"), "with do: none");
                return null;
            default: {
                String at = s.choice("at", ACTIVATION_PHASES, "client-info");
                ConnectionEffect effect = effect(s, action, "with do: " + action, keys("at"));
                ActivationPhase phase = switch (at) {
                    case "attach-user" -> ActivationPhase.ATTACH_USER;
                    case "confirm-active" -> ActivationPhase.CONFIRM_ACTIVE;
                    default -> ActivationPhase.CLIENT_INFO;
                };
                return ActivationStep.acting(phase, effect);
            }
        }
    }

    private static FakeUdpResponder.Builder udp(ConfigSection s) throws ScenarioConfigException {
        if (s == null) {
            return null;
        }
        String action = s.choice("do", UDP_ACTIONS, "answer");
        switch (action) {
            case "answer": {
                s.onlyKeys(keys("do", "afterSyns", "version"), "with do: answer");
                FakeUdpResponder.Builder b = FakeUdpResponder.builder().answerAfter((int) s.integer("afterSyns", 0, 1000, 0));
                return s.has("version") ? b.udpVersion((int) s.integer("version", 0, 0xFFFF, 2)) : b;
            }
            case "silence":
                s.onlyKeys(keys("do"), "with do: silence");
                return FakeUdpResponder.builder().silent();
            case "junk": {
                s.onlyKeys(keys("do", "hex"), "with do: junk");
                byte[] junk = s.has("hex") ? s.hex("hex") : JUNK;
                if (junk.length == 0 || junk.length > 1232) {
                    throw s.error("hex", "must be 1..1232 bytes");
                }
                return FakeUdpResponder.builder().answerGarbage(junk);
            }
            default:
                s.onlyKeys(keys("do"), "with do: closed");
                return null;
        }
    }

    /** What {@code do: junk} answers without {@code hex}: bytes that are no RDPEUDP datagram. */
    private static final byte[] JUNK = "not an RDPEUDP datagram".getBytes(StandardCharsets.US_ASCII);
}
