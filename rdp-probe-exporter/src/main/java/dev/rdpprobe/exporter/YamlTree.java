package dev.rdpprobe.exporter;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A YAML document read into maps, lists and scalar texts that remember their line, so that every mistake found
 * later can name it. Read with jackson-dataformat-yaml's streaming parser (SnakeYAML underneath, with its limits on
 * aliases and nesting); a key given twice in one map is refused, as is a document over {@link #MAX_CHARS}.
 */
final class YamlTree {

    /** The largest configuration accepted: far more than any set of modules needs. */
    static final int MAX_CHARS = 1024 * 1024;

    /** The deepest nesting accepted. */
    private static final int MAX_DEPTH = 16;

    private static final YAMLFactory FACTORY = new YAMLFactory();

    /**
     * One node: a {@code Map<String, Node>} (keys in file order), a {@code List<Node>}, a scalar's text, or
     * {@code null} for an empty value; {@code line} is where it starts, {@code keyLines} the line of each key of a map.
     */
    record Node(Object value, int line, Map<String, Integer> keyLines) {

        /** The line of {@code key} in this map, or the map's own line. */
        int lineOf(String key) {
            Integer at = keyLines.get(key);
            return at != null ? at : line;
        }

        boolean isMap() {
            return value instanceof Map;
        }

        boolean isList() {
            return value instanceof List;
        }

        boolean isScalar() {
            return value instanceof String;
        }

        @SuppressWarnings("unchecked")
        Map<String, Node> map() {
            return (Map<String, Node>) value;
        }

        @SuppressWarnings("unchecked")
        List<Node> list() {
            return (List<Node>) value;
        }

        String text() {
            return (String) value;
        }
    }

    private final String source;

    private YamlTree(String source) {
        this.source = source;
    }

    /**
     * Reads a document.
     *
     * @param text the YAML text
     * @param source the file's name, for messages
     * @return the root node ({@code null} value for an empty document)
     * @throws ConfigException for a document that is not YAML, too large, too deep, or has a repeated key
     */
    static Node parse(String text, String source) throws ConfigException {
        if (text.length() > MAX_CHARS) {
            throw new ConfigException(source, 0, "", "the file has " + text.length() + " characters; at most " + MAX_CHARS + " are read");
        }
        YamlTree tree = new YamlTree(source);
        try (JsonParser p = FACTORY.createParser(text)) {
            JsonToken first = p.nextToken();
            if (first == null) {
                return new Node(null, 1, Map.of());
            }
            return tree.read(p, 0);
        } catch (JsonProcessingException e) {
            int line = e.getLocation() != null ? e.getLocation().getLineNr() : 0;
            throw new ConfigException(source, line, "", "not valid YAML: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new ConfigException(source, 0, "", "cannot be read: " + e.getMessage());
        }
    }

    private Node read(JsonParser p, int depth) throws IOException, ConfigException {
        int line = p.currentTokenLocation().getLineNr();
        if (depth > MAX_DEPTH) {
            throw new ConfigException(source, line, "", "nested deeper than " + MAX_DEPTH + " levels");
        }
        JsonToken t = p.currentToken();
        switch (t) {
            case START_OBJECT: {
                Map<String, Node> map = new LinkedHashMap<>();
                Map<String, Integer> lines = new LinkedHashMap<>();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String name = p.currentName();
                    int keyLine = p.currentTokenLocation().getLineNr();
                    if (map.containsKey(name)) {
                        throw new ConfigException(source, keyLine, name, "given twice (first on line " + lines.get(name) + "); give it once");
                    }
                    p.nextToken();
                    map.put(name, read(p, depth + 1));
                    lines.put(name, keyLine);
                }
                return new Node(Collections.unmodifiableMap(map), line, Collections.unmodifiableMap(lines));
            }
            case START_ARRAY: {
                List<Node> list = new ArrayList<>();
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    list.add(read(p, depth + 1));
                }
                return new Node(Collections.unmodifiableList(list), line, Map.of());
            }
            case VALUE_NULL:
                return new Node(null, line, Map.of());
            default:
                return new Node(p.getText(), line, Map.of());
        }
    }
}
