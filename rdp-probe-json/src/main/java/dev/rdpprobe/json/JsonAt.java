package dev.rdpprobe.json;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * A node of a parsed document with its JSONPath, and the typed reads {@link OutcomeReader} makes of it:
 * each read either answers a value of the contract's form or throws a {@link Refusal} naming
 * the path, what the contract expects there and what the document has. A missing field reads as
 * {@code null} (so a document from before a field existed reads, where the field may be null); fields the
 * contract does not know are never looked at.
 */
final class JsonAt {

    private static final Pattern PLAIN_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Pattern HEX = Pattern.compile("0x[0-9A-Fa-f]{1,16}");

    /** Milliseconds beyond this many integer digits cannot be a duration (Duration ends near 9.2e21 ms). */
    private static final int MAX_MILLIS_DIGITS = 22;

    private final JsonNode node;
    private final String path;

    JsonAt(JsonNode node, String path) {
        this.node = node;
        this.path = path;
    }

    /** The document's root. */
    static JsonAt root(JsonNode node) {
        return new JsonAt(node, "$");
    }

    /** A member of a JSONPath: {@code .name}, or {@code ['odd name']} for one that is not a plain identifier. */
    static String member(String name) {
        return PLAIN_NAME.matcher(name).matches() ? "." + name : "['" + ValueNode.printable(name).replace("'", "\\'") + "']";
    }

    String path() {
        return path;
    }

    /** A refusal at this node. */
    Refusal refuse(String expected) {
        return new Refusal(path, expected, found(), null);
    }

    private String found() {
        return node == null ? "no such field" : node.describe();
    }

    boolean isNull() {
        return node == null || (node instanceof ValueNode v && v.isNull());
    }

    /** The field {@code name} of this object (which must be an object). */
    JsonAt get(String name) {
        return new JsonAt(object().get(name), path + member(name));
    }

    private ObjectNode object() {
        if (node instanceof ObjectNode o) {
            return o;
        }
        throw refuse("an object");
    }

    /** This node, which must be an object (so that its fields can be read). */
    JsonAt requireObject() {
        object();
        return this;
    }

    /** The items of this array, each with its path. */
    List<JsonAt> items() {
        if (!(node instanceof ArrayNode a)) {
            throw refuse("an array");
        }
        List<JsonAt> out = new ArrayList<>(a.items().size());
        for (int i = 0; i < a.items().size(); i++) {
            out.add(new JsonAt(a.items().get(i), path + "[" + i + "]"));
        }
        return out;
    }

    /** Each item of this array read by {@code read}. */
    <T> List<T> list(Function<JsonAt, T> read) {
        List<T> out = new ArrayList<>();
        for (JsonAt item : items()) {
            out.add(read.apply(item));
        }
        return out;
    }

    /** Like {@link #list}, or {@code null} when this is null. */
    <T> List<T> listOrNull(Function<JsonAt, T> read) {
        return isNull() ? null : list(read);
    }

    /** Each item a string. */
    List<String> strings() {
        return list(JsonAt::text);
    }

    /** Like {@code read.apply(this)}, or {@code null} when this is null. */
    <T> T orNull(Function<JsonAt, T> read) {
        return isNull() ? null : read.apply(this);
    }

    private Object scalar() {
        return node instanceof ValueNode v ? v.value() : null;
    }

    /** A string (never null). */
    String text() {
        if (scalar() instanceof String s) {
            return s;
        }
        throw refuse("a string");
    }

    /** A string, or null. */
    String textOrNull() {
        return isNull() ? null : text();
    }

    boolean bool() {
        if (scalar() instanceof Boolean b) {
            return b;
        }
        throw refuse("true or false");
    }

    Boolean boolOrNull() {
        return isNull() ? null : bool();
    }

    /** An integer in the range of a long. */
    long longValue() {
        Object v = scalar();
        if (v instanceof Integer || v instanceof Long) {
            return ((Number) v).longValue();
        }
        throw refuse(v instanceof BigInteger ? "an integer of at most 64 bits" : "an integer");
    }

    int intValue() {
        long v = longValue();
        if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
            throw refuse("an integer of at most 32 bits");
        }
        return (int) v;
    }

    Integer intOrNull() {
        return isNull() ? null : intValue();
    }

    /** A constant of {@code type} by name. */
    <E extends Enum<E>> E constant(Class<E> type) {
        String name = scalar() instanceof String s ? s : null;
        if (name != null) {
            for (E e : type.getEnumConstants()) {
                if (e.name().equals(name)) {
                    return e;
                }
            }
        }
        throw refuse("one of " + Arrays.toString(type.getEnumConstants()).replace("[", "").replace("]", ""));
    }

    <E extends Enum<E>> E constantOrNull(Class<E> type) {
        return isNull() ? null : constant(type);
    }

    /** Milliseconds (with microsecond resolution, as the writer puts them) as a duration. */
    Duration millis() {
        Object v = scalar();
        BigDecimal ms;
        if (v instanceof BigDecimal d) {
            ms = d;
        } else if (v instanceof Integer || v instanceof Long) {
            ms = BigDecimal.valueOf(((Number) v).longValue());
        } else if (v instanceof BigInteger b) {
            ms = new BigDecimal(b);
        } else {
            throw refuse("milliseconds as a number");
        }
        if (ms.signum() != 0 && ms.precision() - ms.scale() > MAX_MILLIS_DIGITS) {
            throw refuse("milliseconds within the range of a duration");
        }
        BigInteger nanos = ms.movePointRight(6).setScale(0, java.math.RoundingMode.HALF_EVEN).toBigIntegerExact();
        BigInteger[] secondsAndNanos = nanos.divideAndRemainder(BigInteger.valueOf(1_000_000_000L));
        BigInteger seconds = secondsAndNanos[0];
        long nano = secondsAndNanos[1].longValue();
        if (nano < 0) {
            seconds = seconds.subtract(BigInteger.ONE);
            nano += 1_000_000_000L;
        }
        if (seconds.bitLength() > 63) {
            // past the end of Duration: the writer wrote the double of the largest (or smallest) duration
            return seconds.signum() > 0 ? Duration.ofSeconds(Long.MAX_VALUE, 999_999_999) : Duration.ofSeconds(Long.MIN_VALUE);
        }
        return Duration.ofSeconds(seconds.longValueExact(), nano);
    }

    Duration millisOrNull() {
        return isNull() ? null : millis();
    }

    /** An ISO-8601 instant, as {@link Instant#toString()} writes it. */
    Instant instant() {
        String text = scalar() instanceof String s ? s : null;
        if (text != null) {
            try {
                return Instant.parse(text);
            } catch (DateTimeException e) {
                // refused below
            }
        }
        throw refuse("an ISO-8601 instant such as 2026-03-01T09:30:00Z");
    }

    Instant instantOrNull() {
        return isNull() ? null : instant();
    }

    /** A hex string such as {@code 0x904} or {@code 0xC000006D}, at most {@code bits} wide, unsigned. */
    long hex(int bits) {
        String text = scalar() instanceof String s ? s : null;
        if (text != null && HEX.matcher(text).matches()) {
            long value = Long.parseUnsignedLong(text.substring(2), 16);
            if (bits == 64 || (value >>> bits) == 0) {
                return value;
            }
        }
        throw refuse("a hex string of at most " + bits + " bits such as 0x904");
    }

    Long hexOrNull(int bits) {
        return isNull() ? null : hex(bits);
    }
}
