package dev.rdpprobe.exporter;

import dev.rdpprobe.core.ProbeOptions;
import dev.rdpprobe.core.RdpProber;
import dev.rdpprobe.core.UdpMode;
import dev.rdpprobe.core.outcome.SecurityProtocolSet;
import dev.rdpprobe.core.outcome.TlsVersion;
import dev.rdpprobe.core.target.CredentialFiles;
import dev.rdpprobe.core.tls.TlsProvider;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Turns a YAML document into an {@link ExporterConfig}; every mistake is a {@link ConfigException} that names the
 * line and the dotted key. The keys are listed in {@link #TOP_KEYS} and {@link #MODULE_KEYS}; any other key is a
 * mistake (a typo would otherwise be ignored silently).
 */
final class ConfigReader {

    static final Set<String> TOP_KEYS = Set.of("modules", "concurrency", "max_wait", "timeout_margin", "allow");
    static final Set<String> MODULE_KEYS = Set.of("timeout", "phase_timeout", "connect_timeout", "protocols", "cookie", "credssp",
            "udp", "udp_attempts", "enumerate_security", "enumerate_tls", "tls_engine", "tls_versions", "trust_store",
            "credentials_file", "trust_thumbprints", "send_credentials_to_unverified_server");

    /** A module's probe deadline when it sets no {@code timeout}: Prometheus' default scrape timeout. */
    static final Duration DEFAULT_MODULE_TIMEOUT = Duration.ofSeconds(10);
    /** The greatest {@code concurrency}. */
    static final int MAX_CONCURRENCY = 4096;
    /** The greatest duration of any key, as the probe options accept. */
    static final Duration MAX_DURATION = Duration.ofHours(1);

    private final String source;
    private final Path baseDirectory;

    private ConfigReader(String source, Path baseDirectory) {
        this.source = source;
        this.baseDirectory = baseDirectory;
    }

    static ExporterConfig read(String yaml, String source, Path baseDirectory) throws ConfigException {
        return new ConfigReader(source, baseDirectory).read(YamlTree.parse(yaml, source));
    }

    private ExporterConfig read(YamlTree.Node root) throws ConfigException {
        if (root.value() == null) {
            throw error(root.line(), "", "the file is empty; it needs at least 'modules:' with one module");
        }
        Map<String, YamlTree.Node> top = map(root, "");
        checkKeys(root, top, "", TOP_KEYS);
        YamlTree.Node modulesNode = top.get("modules");
        if (modulesNode == null) {
            throw error(root.line(), "modules", "missing; define at least one module, e.g. modules: { rdp: { timeout: 10s } }");
        }
        Map<String, YamlTree.Node> moduleNodes = map(modulesNode, "modules");
        if (moduleNodes.isEmpty()) {
            throw error(modulesNode.line(), "modules", "is empty; define at least one module");
        }
        Map<String, ModuleConfig> modules = new LinkedHashMap<>();
        for (Map.Entry<String, YamlTree.Node> e : moduleNodes.entrySet()) {
            String name = e.getKey();
            if (!name.matches("[A-Za-z0-9_.-]{1,64}")) {
                throw error(modulesNode.lineOf(name), "modules." + name, "a module name is 1 to 64 letters, digits, '_', '.' or '-'");
            }
            modules.put(name, module(name, e.getValue(), modulesNode.lineOf(name)));
        }
        int concurrency = top.containsKey("concurrency")
                ? integer(top.get("concurrency"), "concurrency", 1, MAX_CONCURRENCY) : ExporterConfig.DEFAULT_CONCURRENCY;
        Duration maxWait = top.containsKey("max_wait")
                ? duration(top.get("max_wait"), "max_wait", true) : ExporterConfig.DEFAULT_MAX_WAIT;
        Duration margin = top.containsKey("timeout_margin")
                ? duration(top.get("timeout_margin"), "timeout_margin", true) : ExporterConfig.DEFAULT_TIMEOUT_MARGIN;
        TargetAllowList allow = TargetAllowList.ANY;
        if (top.containsKey("allow")) {
            YamlTree.Node node = top.get("allow");
            List<String> entries = new ArrayList<>();
            for (YamlTree.Node item : list(node, "allow")) {
                entries.add(scalar(item, "allow"));
            }
            if (entries.isEmpty()) {
                throw error(node.line(), "allow", "is empty, which would allow nothing; list networks and names, or remove the key to allow every target");
            }
            try {
                allow = TargetAllowList.of(entries);
            } catch (IllegalArgumentException ex) {
                throw error(node.line(), "allow", ex.getMessage());
            }
        }
        return new ExporterConfig(source, baseDirectory, modules, concurrency, maxWait, margin, allow);
    }

    private ModuleConfig module(String name, YamlTree.Node node, int line) throws ConfigException {
        String at = "modules." + name;
        Map<String, YamlTree.Node> keys = node.value() == null ? Map.of() : map(node, at);
        checkKeys(node, keys, at, MODULE_KEYS);
        Map<String, String> settings = new LinkedHashMap<>();
        for (Map.Entry<String, YamlTree.Node> e : keys.entrySet()) {
            settings.put(e.getKey(), e.getValue().isScalar() ? e.getValue().text() : String.valueOf(describe(e.getValue())));
        }
        RdpProber.Builder b = RdpProber.builder();
        ProbeOptions defaults = ProbeOptions.DEFAULTS;
        Duration timeout = keys.containsKey("timeout") ? duration(keys.get("timeout"), at + ".timeout", false) : DEFAULT_MODULE_TIMEOUT;
        b.deadline(timeout);
        Duration phase = keys.containsKey("phase_timeout") ? duration(keys.get("phase_timeout"), at + ".phase_timeout", false) : null;
        Duration connect = keys.containsKey("connect_timeout") ? duration(keys.get("connect_timeout"), at + ".connect_timeout", false) : null;
        if (phase != null && phase.compareTo(timeout) > 0) {
            throw error(node.lineOf("phase_timeout"), at + ".phase_timeout", ConfigDurations.text(phase) + " is longer than the module's timeout "
                    + ConfigDurations.text(timeout) + ", so it could never apply; lower it or raise timeout");
        }
        if (connect != null && connect.compareTo(timeout) > 0) {
            throw error(node.lineOf("connect_timeout"), at + ".connect_timeout", ConfigDurations.text(connect) + " is longer than the module's timeout "
                    + ConfigDurations.text(timeout) + ", so it could never apply; lower it or raise timeout");
        }
        b.resolveTimeout(shorter(phase != null ? phase : defaults.resolveTimeout(), timeout));
        b.connectTimeout(connect != null ? connect : shorter(phase != null ? phase : defaults.connectTimeout(), timeout));
        b.x224Timeout(shorter(phase != null ? phase : defaults.x224Timeout(), timeout));
        b.tlsTimeout(shorter(phase != null ? phase : defaults.tlsTimeout(), timeout));
        b.credsspTimeout(shorter(phase != null ? phase : defaults.credsspTimeout(), timeout));

        if (keys.containsKey("protocols")) {
            String csv = String.join(",", strings(keys.get("protocols"), at + ".protocols"));
            try {
                if (csv.replace(",", "").isBlank()) {
                    throw new IllegalArgumentException("is empty; name at least one of rdp, ssl, hybrid, hybrid_ex, rdstls");
                }
                b.requestedProtocols(SecurityProtocolSet.parse(csv));
            } catch (IllegalArgumentException e) {
                throw error(node.lineOf("protocols"), at + ".protocols", e.getMessage());
            }
        }
        if (keys.containsKey("cookie")) {
            YamlTree.Node cookie = keys.get("cookie");
            String value = cookie.value() == null ? null : scalar(cookie, at + ".cookie");
            if ("false".equals(value) || value == null) {
                b.cookie(null);
            } else if (value.isEmpty()) {
                throw error(cookie.line(), at + ".cookie", "is empty; give a user name, or false to send no cookie");
            } else {
                b.cookie(value);
            }
        }
        b.credssp(!keys.containsKey("credssp") || bool(keys.get("credssp"), at + ".credssp"));
        boolean udp = keys.containsKey("udp") && bool(keys.get("udp"), at + ".udp");
        b.udpMode(udp ? UdpMode.BESIDE : UdpMode.OFF);
        int attempts = defaults.udpAttempts();
        if (keys.containsKey("udp_attempts")) {
            attempts = integer(keys.get("udp_attempts"), at + ".udp_attempts", 1, 10);
            if (udp && ProbeOptions.lastSynAfter(attempts, defaults.udpInitialRetransmit()).compareTo(timeout) >= 0) {
                throw error(node.lineOf("udp_attempts"), at + ".udp_attempts", attempts + " attempts send the last SYN after "
                        + ConfigDurations.text(ProbeOptions.lastSynAfter(attempts, defaults.udpInitialRetransmit()))
                        + ", not before the module's timeout " + ConfigDurations.text(timeout) + "; use fewer or raise timeout");
            }
        } else {
            while (attempts > 1 && ProbeOptions.lastSynAfter(attempts, defaults.udpInitialRetransmit()).compareTo(timeout) >= 0) {
                attempts--;
            }
        }
        b.udpAttempts(attempts);
        b.enumerateSecurityLayers(keys.containsKey("enumerate_security") && bool(keys.get("enumerate_security"), at + ".enumerate_security"));
        b.enumerateTlsVersions(keys.containsKey("enumerate_tls") && bool(keys.get("enumerate_tls"), at + ".enumerate_tls"));
        if (keys.containsKey("tls_engine")) {
            String engine = scalar(keys.get("tls_engine"), at + ".tls_engine").strip().toLowerCase(Locale.ROOT);
            List<String> available = TlsProvider.installed().map(TlsProvider::engineNames).orElse(List.of());
            if (!available.contains(engine)) {
                throw error(node.lineOf("tls_engine"), at + ".tls_engine", "unknown TLS engine '" + engine + "'; available: "
                        + (available.isEmpty() ? "none (add rdp-probe-tls)" : String.join(", ", available)));
            }
            b.tlsEngine(engine);
        }
        if (keys.containsKey("tls_versions")) {
            List<TlsVersion> versions = new ArrayList<>();
            for (String v : strings(keys.get("tls_versions"), at + ".tls_versions")) {
                try {
                    TlsVersion version = TlsVersion.parse(v);
                    if (!versions.contains(version)) {
                        versions.add(version);
                    }
                } catch (IllegalArgumentException e) {
                    throw error(node.lineOf("tls_versions"), at + ".tls_versions", "unknown TLS version '" + v + "'; use 1.0, 1.1, 1.2, 1.3");
                }
            }
            if (versions.isEmpty()) {
                throw error(node.lineOf("tls_versions"), at + ".tls_versions", "is empty; name at least one of 1.0, 1.1, 1.2, 1.3");
            }
            b.tlsVersions(versions);
        }
        if (keys.containsKey("trust_store")) {
            String path = scalar(keys.get("trust_store"), at + ".trust_store");
            try {
                b.trustStore(TrustStoreFile.load(baseDirectory.resolve(path)));
            } catch (IllegalArgumentException e) {
                throw error(node.lineOf("trust_store"), at + ".trust_store", e.getMessage());
            }
        }
        credentialCheck(node, keys, at, b);
        try {
            return new ModuleConfig(name, b.options(), settings);
        } catch (IllegalArgumentException e) {
            throw error(line, at, e.getMessage());
        }
    }

    /**
     * The credential check of a module: {@code credentials_file} (the account and the password, chmod 600), the
     * certificates the NTLMv2 response may go to ({@code trust_thumbprints}, or the module's {@code trust_store}),
     * and the loudly named {@code send_credentials_to_unverified_server}.
     */
    private void credentialCheck(YamlTree.Node node, Map<String, YamlTree.Node> keys, String at, RdpProber.Builder b)
            throws ConfigException {
        boolean check = keys.containsKey("credentials_file");
        for (String key : List.of("trust_thumbprints", "send_credentials_to_unverified_server")) {
            if (keys.containsKey(key) && !check) {
                throw error(node.lineOf(key), at + "." + key, "applies to the credential check only; add credentials_file or remove the key");
            }
        }
        if (!check) {
            return;
        }
        if (keys.containsKey("credssp") && !bool(keys.get("credssp"), at + ".credssp")) {
            throw error(node.lineOf("credentials_file"), at + ".credentials_file", "needs CredSSP; remove credssp: false");
        }
        String path = scalar(keys.get("credentials_file"), at + ".credentials_file");
        try {
            b.credentials(CredentialFiles.readCredentials(baseDirectory.resolve(path)));
        } catch (IllegalArgumentException e) {
            throw error(node.lineOf("credentials_file"), at + ".credentials_file", e.getMessage());
        }
        if (keys.containsKey("trust_thumbprints")) {
            for (String hex : strings(keys.get("trust_thumbprints"), at + ".trust_thumbprints")) {
                try {
                    b.trustThumbprint(hex);
                } catch (IllegalArgumentException e) {
                    throw error(node.lineOf("trust_thumbprints"), at + ".trust_thumbprints", e.getMessage());
                }
            }
        }
        if (keys.containsKey("send_credentials_to_unverified_server")) {
            b.sendCredentialsToUnverifiedServer(bool(keys.get("send_credentials_to_unverified_server"),
                    at + ".send_credentials_to_unverified_server"));
        }
    }

    private static Object describe(YamlTree.Node node) {
        if (node.isList()) {
            List<Object> out = new ArrayList<>();
            node.list().forEach(n -> out.add(describe(n)));
            return out;
        }
        if (node.isMap()) {
            Map<String, Object> out = new LinkedHashMap<>();
            node.map().forEach((k, v) -> out.put(k, describe(v)));
            return out;
        }
        return node.value();
    }

    private void checkKeys(YamlTree.Node node, Map<String, YamlTree.Node> keys, String at, Set<String> known) throws ConfigException {
        for (String key : keys.keySet()) {
            if (!known.contains(key)) {
                throw error(node.lineOf(key), at.isEmpty() ? key : at + "." + key, "unknown key; expected one of "
                        + String.join(", ", new java.util.TreeSet<>(known)));
            }
        }
    }

    private Map<String, YamlTree.Node> map(YamlTree.Node node, String key) throws ConfigException {
        if (!node.isMap()) {
            throw error(node.line(), key, "expected a map of keys and values, found " + kind(node));
        }
        return node.map();
    }

    private List<YamlTree.Node> list(YamlTree.Node node, String key) throws ConfigException {
        if (!node.isList()) {
            throw error(node.line(), key, "expected a list, found " + kind(node));
        }
        return node.list();
    }

    private String scalar(YamlTree.Node node, String key) throws ConfigException {
        if (!node.isScalar()) {
            throw error(node.line(), key, "expected a single value, found " + kind(node));
        }
        return node.text();
    }

    /** A list of scalars, or one scalar of comma-separated values. */
    private List<String> strings(YamlTree.Node node, String key) throws ConfigException {
        List<String> out = new ArrayList<>();
        if (node.isList()) {
            for (YamlTree.Node item : node.list()) {
                out.add(scalar(item, key).strip());
            }
        } else {
            for (String s : scalar(node, key).split(",", -1)) {
                out.add(s.strip());
            }
        }
        return out;
    }

    private boolean bool(YamlTree.Node node, String key) throws ConfigException {
        String s = scalar(node, key);
        if (s.equals("true")) {
            return true;
        }
        if (s.equals("false")) {
            return false;
        }
        throw error(node.line(), key, "'" + s + "' is not true or false");
    }

    private int integer(YamlTree.Node node, String key, int min, int max) throws ConfigException {
        String s = scalar(node, key).strip();
        if (!s.matches("\\d{1,9}") || Integer.parseInt(s) < min || Integer.parseInt(s) > max) {
            throw error(node.line(), key, "'" + s + "' is not a whole number from " + min + " to " + max);
        }
        return Integer.parseInt(s);
    }

    private Duration duration(YamlTree.Node node, String key, boolean zeroAllowed) throws ConfigException {
        Duration d;
        try {
            d = ConfigDurations.parse(scalar(node, key));
        } catch (IllegalArgumentException e) {
            throw error(node.line(), key, e.getMessage());
        }
        if ((d.isZero() && !zeroAllowed) || d.compareTo(MAX_DURATION) > 0) {
            throw error(node.line(), key, ConfigDurations.text(d) + " is out of range; use " + (zeroAllowed ? "0s" : "1ms") + " to 1h");
        }
        return d;
    }

    private static String kind(YamlTree.Node node) {
        return node.isMap() ? "a map" : node.isList() ? "a list" : node.value() == null ? "nothing" : "'" + node.text() + "'";
    }

    private static Duration shorter(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private ConfigException error(int line, String key, String problem) {
        return new ConfigException(source, line, key, problem);
    }
}
