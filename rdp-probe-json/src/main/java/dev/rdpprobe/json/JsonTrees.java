package dev.rdpprobe.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Turns the {@link JsonNode} tree into text with jackson-core's streaming generator, and text into the tree
 * with its streaming parser, under the bounds of {@link JsonOptions}. The one place that touches jackson.
 */
final class JsonTrees {

    private static final JsonFactory WRITING = JsonFactory.builder()
            .disable(StreamWriteFeature.AUTO_CLOSE_TARGET)
            .build();

    /** The factory for the default bounds, made once (a factory is costly to make, cheap to share). */
    private static final JsonFactory READING_DEFAULTS = reading(JsonOptions.DEFAULTS);

    private JsonTrees() {
    }

    /** The node as text. */
    static String toText(JsonNode node, JsonOptions options) {
        StringWriter out = new StringWriter();
        try {
            write(node, out, options);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringWriter does not fail
        }
        return out.toString();
    }

    /** Writes the node to {@code out} and flushes it; does not close it. */
    static void write(JsonNode node, Writer out, JsonOptions options) throws IOException {
        try (JsonGenerator g = WRITING.createGenerator(out)) {
            configure(g, options);
            node.writeTo(g);
        }
    }

    /** Writes the node to {@code out} as UTF-8 and flushes it; does not close it. */
    static void write(JsonNode node, java.io.OutputStream out, JsonOptions options) throws IOException {
        try (JsonGenerator g = WRITING.createGenerator(out, com.fasterxml.jackson.core.JsonEncoding.UTF8)) {
            configure(g, options);
            node.writeTo(g);
        }
    }

    private static void configure(JsonGenerator g, JsonOptions options) {
        if (options.escapeInvisible()) {
            g.setCharacterEscapes(new JsonCharacterEscapes());
        }
        if (options.pretty()) {
            DefaultPrettyPrinter printer = new DefaultPrettyPrinter();
            DefaultIndenter indenter = new DefaultIndenter("  ", "\n");
            printer.indentObjectsWith(indenter);
            printer.indentArraysWith(indenter);
            g.setPrettyPrinter(printer);
        }
    }

    /** Parses one document from {@code in} (not closed), refusing anything after it. */
    static JsonNode parse(Reader in, JsonOptions options) throws IOException {
        try (JsonParser p = factory(options).createParser(in)) {
            return document(p, options);
        }
    }

    /** Parses one UTF-8 (or UTF-16/32, detected) document from {@code in} (not closed), refusing anything after it. */
    static JsonNode parse(InputStream in, JsonOptions options) throws IOException {
        try (JsonParser p = factory(options).createParser(in)) {
            return document(p, options);
        }
    }

    private static JsonFactory factory(JsonOptions options) {
        return options.equals(JsonOptions.DEFAULTS) ? READING_DEFAULTS : reading(options);
    }

    private static JsonFactory reading(JsonOptions options) {
        return JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxDocumentLength(options.maxDocumentChars())
                        .maxStringLength((int) Math.min(Integer.MAX_VALUE, options.maxDocumentChars()))
                        .maxNestingDepth(options.maxDepth())
                        .build())
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .disable(StreamReadFeature.AUTO_CLOSE_SOURCE)
                .build();
    }

    private static JsonNode document(JsonParser p, JsonOptions options) throws IOException {
        try {
            JsonToken first = p.nextToken();
            if (first == null) {
                throw new OutcomeJsonException("$", "a JSON object", "an empty document");
            }
            JsonNode root = value(p);
            if (p.nextToken() != null) {
                throw new OutcomeJsonException("$", "one JSON document (read a JSON-lines file line by line)",
                        "more after the end of the first, at line " + p.currentLocation().getLineNr());
            }
            return root;
        } catch (StreamConstraintsException e) {
            throw new OutcomeJsonException(path(p.getParsingContext()), "a document of at most " + options.maxDocumentChars()
                    + " characters, nested at most " + options.maxDepth() + " deep", "more: " + e.getOriginalMessage(), e);
        } catch (OutcomeJsonException e) {
            throw e;
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? ""
                    : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
            throw new OutcomeJsonException(path(p.getParsingContext()), "well-formed JSON",
                    ValueNode.printable(e.getOriginalMessage()) + where, e);
        }
    }

    /**
     * The value whose first token is current, iteratively (an explicit stack, so that depth costs heap within
     * the bound, never the thread's stack).
     */
    private static JsonNode value(JsonParser p) throws IOException {
        Deque<JsonNode> open = new ArrayDeque<>();
        Deque<String> names = new ArrayDeque<>();
        JsonNode done = null;
        JsonToken t = p.currentToken();
        while (true) {
            JsonNode node = null;
            switch (t) {
                case START_OBJECT: open.push(new ObjectNode()); break;
                case START_ARRAY: open.push(new ArrayNode()); break;
                case END_OBJECT:
                case END_ARRAY: node = open.pop(); break;
                case FIELD_NAME: names.push(p.currentName()); break;
                case VALUE_STRING: node = new ValueNode(p.getText()); break;
                case VALUE_NUMBER_INT: node = new ValueNode(integer(p)); break;
                case VALUE_NUMBER_FLOAT: node = new ValueNode(p.getDecimalValue()); break;
                case VALUE_TRUE: node = new ValueNode(Boolean.TRUE); break;
                case VALUE_FALSE: node = new ValueNode(Boolean.FALSE); break;
                case VALUE_NULL: node = JsonNode.NULL; break;
                default: throw new OutcomeJsonException(path(p.getParsingContext()), "a JSON value", "the token " + t);
            }
            if (node != null) {
                JsonNode parent = open.peek();
                if (parent == null) {
                    done = node;
                } else if (parent instanceof ObjectNode o) {
                    o.set(names.pop(), node);
                } else {
                    ((ArrayNode) parent).add(node);
                }
            }
            if (done != null) {
                return done;
            }
            t = p.nextToken();
            if (t == null) {
                throw new OutcomeJsonException(path(p.getParsingContext()), "the rest of the document", "its end");
            }
        }
    }

    private static Object integer(JsonParser p) throws IOException {
        switch (p.getNumberType()) {
            case INT: return p.getIntValue();
            case LONG: return p.getLongValue();
            default: return p.getBigIntegerValue();
        }
    }

    /** The parser's position as a JSONPath: {@code $.phases[3].status}. */
    static String path(JsonStreamContext context) {
        Deque<String> parts = new ArrayDeque<>();
        for (JsonStreamContext c = context; c != null && !c.inRoot(); c = c.getParent()) {
            if (c.inArray()) {
                parts.push("[" + Math.max(0, c.getCurrentIndex()) + "]");
            } else if (c.getCurrentName() != null) {
                parts.push(JsonAt.member(c.getCurrentName()));
            }
        }
        return "$" + String.join("", parts);
    }
}
