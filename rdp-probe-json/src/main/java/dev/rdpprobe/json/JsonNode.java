package dev.rdpprobe.json;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;

/**
 * A node of the small JSON tree that {@link OutcomeWriter} builds and {@link JsonTrees} parses into: an
 * {@link ObjectNode} (fields in order), an {@link ArrayNode} or a {@link ValueNode} (a string, number,
 * boolean or {@code null}). The writer maps every field by hand onto this tree, never by reflection on
 * the records, so that renaming a Java field cannot rename a JSON field; jackson-core's streaming
 * generator and parser turn it into text and back.
 */
abstract class JsonNode {

    /** JSON {@code null}. */
    static final JsonNode NULL = new ValueNode(null);

    /** Writes this node with {@code out}. */
    abstract void writeTo(JsonGenerator out) throws IOException;

    /** What this node is, for a message: "an object", "the string \"x\"", "null" … */
    abstract String describe();
}
