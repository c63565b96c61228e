package dev.rdpprobe.json;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** A JSON object: its fields in the order they were put (a field put again keeps its place). */
final class ObjectNode extends JsonNode {

    private final Map<String, JsonNode> fields = new LinkedHashMap<>();

    /** The fields, in order; unmodifiable. */
    Map<String, JsonNode> fields() {
        return Collections.unmodifiableMap(fields);
    }

    /** The field's node, or {@code null} when the object has no such field. */
    JsonNode get(String name) {
        return fields.get(name);
    }

    ObjectNode set(String name, JsonNode value) {
        fields.put(name, value == null ? NULL : value);
        return this;
    }

    ObjectNode putNull(String name) {
        return set(name, NULL);
    }

    ObjectNode put(String name, String value) {
        return set(name, new ValueNode(value));
    }

    ObjectNode put(String name, Boolean value) {
        return set(name, new ValueNode(value));
    }

    ObjectNode put(String name, Integer value) {
        return set(name, new ValueNode(value));
    }

    ObjectNode put(String name, Long value) {
        return set(name, new ValueNode(value));
    }

    ObjectNode put(String name, Double value) {
        return set(name, new ValueNode(value));
    }

    ObjectNode put(String name, boolean value) {
        return put(name, Boolean.valueOf(value));
    }

    ObjectNode put(String name, int value) {
        return put(name, Integer.valueOf(value));
    }

    ObjectNode put(String name, long value) {
        return put(name, Long.valueOf(value));
    }

    ObjectNode put(String name, double value) {
        return put(name, Double.valueOf(value));
    }

    /** Puts a new empty array and returns it. */
    ArrayNode putArray(String name) {
        ArrayNode a = new ArrayNode();
        set(name, a);
        return a;
    }

    /** Puts a new empty object and returns it. */
    ObjectNode putObject(String name) {
        ObjectNode o = new ObjectNode();
        set(name, o);
        return o;
    }

    @Override
    void writeTo(JsonGenerator out) throws IOException {
        out.writeStartObject();
        for (Map.Entry<String, JsonNode> e : fields.entrySet()) {
            out.writeFieldName(e.getKey());
            e.getValue().writeTo(out);
        }
        out.writeEndObject();
    }

    @Override
    String describe() {
        return "an object";
    }
}
