package dev.rdpprobe.exporter;

import java.util.Optional;

/**
 * A configuration file that cannot be used. The message names the file, the line (when the mistake has one) and
 * the key, and says what to fix: {@code rdp-probe.yml:12: modules.nla.timeout: 'soon' is not a duration; write e.g.
 * 10s or 500ms}.
 */
public final class ConfigException extends Exception {

    private static final long serialVersionUID = 1L;

    /** The file's name as given, the line (1-based, 0 for none) and the dotted key, for tools that point at them. */
    private final String source;
    private final int line;
    private final String key;

    ConfigException(String source, int line, String key, String problem) {
        super(source + (line > 0 ? ":" + line : "") + ": " + (key.isEmpty() ? "" : key + ": ") + problem);
        this.source = source;
        this.line = line;
        this.key = key;
    }

    /** The file (or other source) the configuration came from. */
    public String source() {
        return source;
    }

    /** The 1-based line of the mistake, when it has one. */
    public Optional<Integer> line() {
        return line > 0 ? Optional.of(line) : Optional.empty();
    }

    /** The dotted key of the mistake ({@code modules.nla.timeout}); empty for the file as a whole. */
    public String key() {
        return key;
    }
}
