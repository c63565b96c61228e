package dev.rdpprobe.cli;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One mapping of a scenario config (the whole file, or a phase such as {@code tls}) with typed
 * reads that refuse a wrong value naming the file, the line and the key's path, and a final check
 * that every key present was one the reader knows.
 */
final class ConfigSection {

    private static final Pattern DURATION = Pattern.compile("(-?[0-9]{1,9})(ms|s|m|h)");

    private final String source;
    private final String path;
    private final ConfigNode.Mapping mapping;

    private ConfigSection(String source, String path, ConfigNode.Mapping mapping) {
        this.source = source;
        this.path = path;
        this.mapping = mapping;
    }

    /** The document's top level, which must be a mapping. */
    static ConfigSection root(String source, ConfigNode node) throws ScenarioConfigException {
        if (!(node instanceof ConfigNode.Mapping m)) {
            throw new ScenarioConfigException(source, node.line(), "the top level must be a mapping of phases (x224, tls, credssp, udp)");
        }
        return new ConfigSection(source, "", m);
    }

    /** An item of a list that must be a mapping, named {@code path} ({@code credssp.users[0]}) in messages. */
    static ConfigSection item(String source, String path, ConfigNode.Mapping mapping) {
        return new ConfigSection(source, path, mapping);
    }

    /** Whether the key is present. */
    boolean has(String key) {
        return mapping.entries().containsKey(key);
    }

    /** The line of the mapping itself. */
    int line() {
        return mapping.line();
    }

    /** The nested mapping under {@code key}, or {@code null} when the key is absent. */
    ConfigSection section(String key) throws ScenarioConfigException {
        ConfigNode node = mapping.entries().get(key);
        if (node == null) {
            return null;
        }
        if (!(node instanceof ConfigNode.Mapping m)) {
            throw error(key, "must be a mapping of keys");
        }
        return new ConfigSection(source, name(key), m);
    }

    /** The raw node under {@code key}, or {@code null}. */
    ConfigNode node(String key) {
        return mapping.entries().get(key);
    }

    /** A string, or {@code fallback} when the key is absent. */
    String string(String key, String fallback) throws ScenarioConfigException {
        ConfigNode node = mapping.entries().get(key);
        if (node == null) {
            return fallback;
        }
        if (!(node instanceof ConfigNode.Scalar s) || s.text() == null) {
            throw error(key, "must be a single value");
        }
        return s.text();
    }

    /** A string that must be there. */
    String requiredString(String key) throws ScenarioConfigException {
        String value = string(key, null);
        if (value == null) {
            throw new ScenarioConfigException(source, mapping.line(), name(key) + " is missing");
        }
        return value;
    }

    /** One of {@code choices}, or {@code fallback} when absent. */
    String choice(String key, List<String> choices, String fallback) throws ScenarioConfigException {
        String value = string(key, fallback);
        if (value != null && !choices.contains(value)) {
            throw error(key, "is '" + value + "'; use one of " + String.join(", ", choices));
        }
        return value;
    }

    /** An integer in {@code min..max} (decimal, or hex with 0x), or {@code fallback} when absent. */
    long integer(String key, long min, long max, long fallback) throws ScenarioConfigException {
        String text = string(key, null);
        if (text == null) {
            return fallback;
        }
        long value;
        try {
            String t = text.strip().replace("_", "");
            value = t.regionMatches(true, 0, "0x", 0, 2) ? Long.parseLong(t.substring(2), 16) : Long.parseLong(t);
        } catch (NumberFormatException e) {
            throw error(key, "is '" + text + "', not a number (decimal, or hex as 0x…)");
        }
        if (value < min || value > max) {
            throw error(key, "is " + text + "; it must be " + min + ".." + max);
        }
        return value;
    }

    /** {@code true} or {@code false}, or {@code fallback} when absent. */
    boolean bool(String key, boolean fallback) throws ScenarioConfigException {
        String text = string(key, null);
        if (text == null) {
            return fallback;
        }
        if (text.equals("true") || text.equals("false")) {
            return Boolean.parseBoolean(text);
        }
        throw error(key, "is '" + text + "'; write true or false");
    }

    /** A duration such as {@code 50ms}, {@code 2s}, {@code -2h}, or {@code fallback} when absent. */
    Duration duration(String key, Duration fallback, boolean negativeAllowed) throws ScenarioConfigException {
        String text = string(key, null);
        if (text == null) {
            return fallback;
        }
        Matcher m = DURATION.matcher(text.strip());
        if (!m.matches()) {
            throw error(key, "is '" + text + "', not a duration; write a number and ms, s, m or h (50ms, 2s, -2h)");
        }
        long n = Long.parseLong(m.group(1));
        Duration d = switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(n);
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            default -> Duration.ofHours(n);
        };
        if (d.isNegative() && !negativeAllowed) {
            throw error(key, "is " + text + "; it must not be negative");
        }
        return d;
    }

    /** Hex digits (spaces and colons allowed between bytes), or {@code null} when absent. */
    byte[] hex(String key) throws ScenarioConfigException {
        String text = string(key, null);
        if (text == null) {
            return null;
        }
        String digits = text.replaceAll("[\\s:]", "");
        try {
            return HexFormat.of().parseHex(digits);
        } catch (IllegalArgumentException e) {
            throw error(key, "is not hex bytes (an even number of 0-9 a-f digits)");
        }
    }

    /** A list of strings (a single value counts as a list of one), or {@code fallback} when absent. */
    List<String> strings(String key, List<String> fallback) throws ScenarioConfigException {
        ConfigNode node = mapping.entries().get(key);
        if (node == null) {
            return fallback;
        }
        if (node instanceof ConfigNode.Scalar s && s.text() != null) {
            return List.of(s.text());
        }
        if (!(node instanceof ConfigNode.Sequence seq)) {
            throw error(key, "must be a list of values");
        }
        List<String> out = new ArrayList<>();
        for (ConfigNode item : seq.items()) {
            if (!(item instanceof ConfigNode.Scalar s) || s.text() == null) {
                throw new ScenarioConfigException(source, item.line(), name(key) + ": each item must be a single value");
            }
            out.add(s.text());
        }
        return List.copyOf(out);
    }

    /**
     * Refuses every key not in {@code known}, naming the first one and what the section knows;
     * {@code context} says why (for example "with do: alert").
     */
    void onlyKeys(Set<String> known, String context) throws ScenarioConfigException {
        Set<String> sorted = new java.util.TreeSet<>(known);
        for (String key : mapping.entries().keySet()) {
            if (!known.contains(key)) {
                throw new ScenarioConfigException(source, mapping.keyLines().get(key), "unknown key " + name(key)
                        + (context.isEmpty() ? "" : " " + context) + "; the keys here are " + String.join(", ", sorted));
            }
        }
    }

    /** An error at {@code key}'s line: "{@code path.key} " and the problem. */
    ScenarioConfigException error(String key, String problem) {
        Integer line = mapping.keyLines().get(key);
        return new ScenarioConfigException(source, line == null ? mapping.line() : line, name(key) + " " + problem);
    }

    /** The source name (file), for errors raised elsewhere. */
    String source() {
        return source;
    }

    /** {@code path.key}, as a message names it. */
    String name(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    /** Keys as a set, for {@link #onlyKeys}. */
    static Set<String> keys(String... names) {
        return new HashSet<>(List.of(names));
    }
}
