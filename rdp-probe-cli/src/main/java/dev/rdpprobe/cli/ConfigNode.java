package dev.rdpprobe.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A parsed scenario config (YAML or JSON) that remembers the line of every value, so that a
 * config can be refused naming the line at fault: a mapping, a sequence or a scalar.
 */
sealed interface ConfigNode {

    /** The 1-based line where the value starts. */
    int line();

    /** A mapping; keys in file order, each once. */
    record Mapping(int line, Map<String, ConfigNode> entries, Map<String, Integer> keyLines) implements ConfigNode {
    }

    /** A sequence. */
    record Sequence(int line, List<ConfigNode> items) implements ConfigNode {
    }

    /** A scalar, as written (numbers and booleans as their text); {@code null} for a YAML/JSON null. */
    record Scalar(int line, String text) implements ConfigNode {
    }

    /** The most nesting a config may have; the real schema needs four levels. */
    int MAX_DEPTH = 16;
    /** The most characters a config may have. */
    int MAX_LENGTH = 1 << 20;

    /**
     * Parses a whole document: JSON when {@code json}, else YAML (one document).
     *
     * @param source the file name, for messages
     * @throws ScenarioConfigException for a syntax error, a duplicate key, an empty or too deep document
     */
    static ConfigNode parse(String source, Reader text, boolean json) throws ScenarioConfigException {
        StreamReadConstraints limits = StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH)
                .maxDocumentLength(MAX_LENGTH).maxStringLength(MAX_LENGTH).build();
        JsonFactory factory = json ? JsonFactory.builder().streamReadConstraints(limits).build()
                : YAMLFactory.builder().streamReadConstraints(limits).build();
        try (JsonParser p = factory.createParser(text)) {
            JsonToken first = p.nextToken();
            if (first == null) {
                throw new ScenarioConfigException(source, 0, "the file is empty; it needs at least one phase (x224, tls, credssp, udp)");
            }
            ConfigNode root = read(source, p, 0);
            if (p.nextToken() != null) {
                throw new ScenarioConfigException(source, line(p.currentTokenLocation()), "more than one document; put one scenario in a file");
            }
            return root;
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            throw new ScenarioConfigException(source, at == null ? 0 : line(at), "does not parse as " + (json ? "JSON" : "YAML")
                    + ": " + parserWords(e.getOriginalMessage()));
        } catch (IOException e) {
            throw new ScenarioConfigException(source, 0, "cannot be read: " + e.getMessage());
        }
    }

    private static ConfigNode read(String source, JsonParser p, int depth) throws IOException, ScenarioConfigException {
        int line = line(p.currentTokenLocation());
        JsonToken t = p.currentToken();
        if (t == JsonToken.START_OBJECT) {
            Map<String, ConfigNode> entries = new LinkedHashMap<>();
            Map<String, Integer> keyLines = new LinkedHashMap<>();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String key = p.currentName();
                int keyLine = line(p.currentTokenLocation());
                if (entries.containsKey(key)) {
                    throw new ScenarioConfigException(source, keyLine, "key '" + key + "' appears twice (first on line " + keyLines.get(key) + ")");
                }
                p.nextToken();
                keyLines.put(key, keyLine);
                entries.put(key, read(source, p, depth + 1));
            }
            return new Mapping(line, Collections.unmodifiableMap(entries), Collections.unmodifiableMap(keyLines));
        }
        if (t == JsonToken.START_ARRAY) {
            List<ConfigNode> items = new ArrayList<>();
            while (p.nextToken() != JsonToken.END_ARRAY) {
                items.add(read(source, p, depth + 1));
            }
            return new Sequence(line, List.copyOf(items));
        }
        if (t == JsonToken.VALUE_NULL) {
            return new Scalar(line, null);
        }
        if (t != null && t.isScalarValue()) {
            return new Scalar(line, p.getText());
        }
        throw new ScenarioConfigException(source, line, "unexpected " + t);
    }

    private static int line(JsonLocation at) {
        return Math.max(at.getLineNr(), 0);
    }

    /** The parser's own words without its excerpts: SnakeYAML's unindented lines ("while parsing …", "expected …"), joined. */
    private static String parserWords(String message) {
        if (message == null) {
            return "syntax error";
        }
        StringBuilder out = new StringBuilder();
        for (String line : message.split("\n")) {
            if (!line.isBlank() && !Character.isWhitespace(line.charAt(0))) {
                out.append(out.length() == 0 ? "" : ": ").append(line.strip());
            }
        }
        return withoutQuotedText(out.length() == 0 ? message.strip() : out.toString());
    }

    /**
     * The parser's words without the file's text they quote (a config may hold passwords): a quoted run of two or
     * more characters becomes "'…'"; a single quoted character (SnakeYAML's "found character '\t'") and
     * Jackson's literal names ('null', 'true', 'false') stay.
     */
    private static String withoutQuotedText(String words) {
        return java.util.regex.Pattern.compile("'([^'\\n]{2,})'").matcher(words).replaceAll(m -> List.of("null", "true", "false").contains(m.group(1))
                || m.group(1).matches("\\\\.") ? java.util.regex.Matcher.quoteReplacement(m.group()) : "'…'");
    }
}
