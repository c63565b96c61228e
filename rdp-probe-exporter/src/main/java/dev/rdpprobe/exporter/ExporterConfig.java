package dev.rdpprobe.exporter;

import dev.rdpprobe.core.ProbeOptions;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The exporter's configuration, read from a YAML file (README, "Prometheus exporter"): the modules that
 * {@code /probe?module=NAME} chooses from, the bound on probes at once and on the wait for one, the margin kept
 * from Prometheus' scrape timeout, and the optional allow-list of targets. Immutable; a reload reads a new one.
 *
 * <pre>{@code
 * ExporterConfig config = ExporterConfig.load(Path.of("rdp-probe.yml"));   // ConfigException names file:line and key
 * }</pre>
 */
public final class ExporterConfig {

    /** Probes at once by default. */
    public static final int DEFAULT_CONCURRENCY = 32;
    /** How long a probe beyond the bound waits for a slot by default, before it is answered 503. */
    public static final Duration DEFAULT_MAX_WAIT = Duration.ofSeconds(1);
    /** What is kept back from Prometheus' scrape timeout by default, for the answer to reach it in time. */
    public static final Duration DEFAULT_TIMEOUT_MARGIN = Duration.ofMillis(500);

    private final String source;
    private final Path baseDirectory;
    private final Map<String, ModuleConfig> modules;
    private final int concurrency;
    private final Duration maxWait;
    private final Duration timeoutMargin;
    private final TargetAllowList allowList;

    ExporterConfig(String source, Path baseDirectory, Map<String, ModuleConfig> modules, int concurrency, Duration maxWait,
            Duration timeoutMargin, TargetAllowList allowList) {
        this.source = source;
        this.baseDirectory = baseDirectory;
        this.modules = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(modules));
        this.concurrency = concurrency;
        this.maxWait = maxWait;
        this.timeoutMargin = timeoutMargin;
        this.allowList = allowList;
    }

    /**
     * Reads a configuration file (UTF-8). A {@code trust_store} path in it is taken relative to the file's directory.
     *
     * @throws ConfigException naming the file, the line and the key of the first mistake
     */
    public static ExporterConfig load(Path file) throws ConfigException {
        String name = file.toString();
        byte[] bytes;
        try {
            if (!Files.isRegularFile(file)) {
                throw new ConfigException(name, 0, "", "no such file");
            }
            if (Files.size(file) > YamlTree.MAX_CHARS * 4L) {
                throw new ConfigException(name, 0, "", "the file has " + Files.size(file) + " bytes; at most " + YamlTree.MAX_CHARS + " characters are read");
            }
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new ConfigException(name, 0, "", "cannot be read: " + e.getMessage());
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(java.nio.ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new ConfigException(name, 0, "", "is not UTF-8 text");
        }
        Path dir = file.toAbsolutePath().getParent();
        return ConfigReader.read(text, name, dir);
    }

    /**
     * Reads a configuration from text; a relative {@code trust_store} path is taken relative to the working directory.
     *
     * @param yaml the YAML text
     * @param source a name for messages, e.g. the file's
     * @throws ConfigException naming the source, the line and the key of the first mistake
     */
    public static ExporterConfig parse(String yaml, String source) throws ConfigException {
        return ConfigReader.read(yaml, source, Path.of("").toAbsolutePath());
    }

    /** Where the configuration came from. */
    public String source() {
        return source;
    }

    /** The names of its modules. */
    public Set<String> moduleNames() {
        return modules.keySet();
    }

    /** The probe options a module gives (its {@code timeout} is their deadline); empty for an unknown module. */
    public Optional<ProbeOptions> moduleOptions(String name) {
        return module(name).map(ModuleConfig::options);
    }

    /** The most probes run at once. */
    public int concurrency() {
        return concurrency;
    }

    /** How long a probe beyond {@link #concurrency()} waits for a slot before it is answered 503. */
    public Duration maxWait() {
        return maxWait;
    }

    /** What is kept back from Prometheus' {@code X-Prometheus-Scrape-Timeout-Seconds} for the answer to travel. */
    public Duration timeoutMargin() {
        return timeoutMargin;
    }

    /** Whether an allow-list limits the targets. */
    public boolean restrictsTargets() {
        return !allowList.allowsAny();
    }

    Optional<ModuleConfig> module(String name) {
        return Optional.ofNullable(modules.get(name));
    }

    Map<String, ModuleConfig> modules() {
        return modules;
    }

    TargetAllowList allowList() {
        return allowList;
    }

    Path baseDirectory() {
        return baseDirectory;
    }
}
