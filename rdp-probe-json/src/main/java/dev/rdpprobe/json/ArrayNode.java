package dev.rdpprobe.json;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** A JSON array. */
final class ArrayNode extends JsonNode {

    private final List<JsonNode> items = new ArrayList<>();

    /** The items, in order; unmodifiable. */
    List<JsonNode> items() {
        return Collections.unmodifiableList(items);
    }

    ArrayNode add(JsonNode value) {
        items.add(value == null ? NULL : value);
        return this;
    }

    ArrayNode add(String value) {
        return add(new ValueNode(value));
    }

    /** Adds a new empty object and returns it. */
    ObjectNode addObject() {
        ObjectNode o = new ObjectNode();
        add(o);
        return o;
    }

    @Override
    void writeTo(JsonGenerator out) throws IOException {
        out.writeStartArray();
        for (JsonNode item : items) {
            item.writeTo(out);
        }
        out.writeEndArray();
    }

    @Override
    String describe() {
        return "an array";
    }
}
