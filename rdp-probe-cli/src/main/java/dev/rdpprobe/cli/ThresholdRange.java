package dev.rdpprobe.cli;

import java.math.BigDecimal;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A threshold in the range syntax of the Monitoring Plugins Development Guidelines,
 * {@code [@][start:][end]}: a value <em>alerts</em> when it lies outside {@code start..end}, both ends
 * included, or inside it when the range begins with {@code @}. {@code start} defaults to 0, a missing
 * {@code end} is positive infinity, and {@code ~} as the start is negative infinity; {@code start} must
 * not exceed {@code end}, and an empty range is refused.
 *
 * <table>
 *   <caption>Forms</caption>
 *   <tr><th>range</th><th>alerts when x is</th></tr>
 *   <tr><td>{@code 10}</td><td>&lt; 0 or &gt; 10</td></tr>
 *   <tr><td>{@code 10:}</td><td>&lt; 10</td></tr>
 *   <tr><td>{@code ~:10}</td><td>&gt; 10</td></tr>
 *   <tr><td>{@code 10:20}</td><td>&lt; 10 or &gt; 20</td></tr>
 *   <tr><td>{@code @10:20}</td><td>&ge; 10 and &le; 20</td></tr>
 * </table>
 *
 * @param start the lower end; {@code Double.NEGATIVE_INFINITY} for {@code ~}
 * @param end the upper end; {@code Double.POSITIVE_INFINITY} when omitted
 * @param inside whether the range alerts inside (the {@code @} prefix) rather than outside
 */
record ThresholdRange(double start, double end, boolean inside) {

    private static final String NUMBER = "[-+]?(?:\\d+(?:\\.\\d*)?|\\.\\d+)";
    private static final Pattern SYNTAX = Pattern.compile("(@)?(?:(~|" + NUMBER + ")?:)?(" + NUMBER + ")?");

    ThresholdRange {
        if (Double.isNaN(start) || Double.isNaN(end) || start == Double.POSITIVE_INFINITY || end == Double.NEGATIVE_INFINITY) {
            throw new IllegalArgumentException("a range's start must be a number or -infinity and its end a number or +infinity");
        }
        if (start > end) {
            throw new IllegalArgumentException("a range's start " + number(start) + " is above its end " + number(end));
        }
    }

    /**
     * Reads a range as the guidelines write it.
     *
     * @throws IllegalArgumentException naming the text and the rule it breaks
     */
    static ThresholdRange parse(String text) {
        Objects.requireNonNull(text, "text");
        String s = text.strip();
        Matcher m = SYNTAX.matcher(s);
        if (s.isEmpty() || s.equals("@") || s.equals(":") || s.equals("@:") || !m.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a range; write [@][start:][end] with numbers, "
                    + "e.g. 10 (alert outside 0..10), 10: (below 10), ~:10 (above 10), 10:20, @10:20 (alert inside)");
        }
        boolean inside = m.group(1) != null;
        String startText = m.group(2);
        String endText = m.group(3);
        double start = startText == null ? 0 : startText.equals("~") ? Double.NEGATIVE_INFINITY : Double.parseDouble(startText);
        double end = endText == null ? Double.POSITIVE_INFINITY : Double.parseDouble(endText);
        if (start > end) {
            throw new IllegalArgumentException("range '" + text + "' starts at " + number(start) + ", above its end " + number(end)
                    + "; the start must not exceed the end (write " + (inside ? "@" : "") + number(end) + ":" + number(start) + "?)");
        }
        return new ThresholdRange(start, end, inside);
    }

    /** Whether {@code value} crosses this threshold: outside {@code start..end} (ends included), or inside it for {@code @}. */
    boolean alerts(double value) {
        boolean within = value >= start && value <= end;
        return inside == within;
    }

    /** The range in the guidelines' syntax, as perfdata carries it: {@code 10}, {@code 10:}, {@code ~:10}, {@code @10:20}. */
    @Override
    public String toString() {
        StringBuilder out = new StringBuilder();
        if (inside) {
            out.append('@');
        }
        if (start == Double.NEGATIVE_INFINITY) {
            out.append("~:");
        } else if (start != 0 || end == Double.POSITIVE_INFINITY) {
            out.append(number(start)).append(':');
        }
        if (end != Double.POSITIVE_INFINITY) {
            out.append(number(end));
        }
        return out.toString();
    }

    /** A number without exponent or trailing zeros: 10, 0.5, -3. */
    static String number(double value) {
        if (Double.isInfinite(value)) {
            return value > 0 ? "infinity" : "-infinity";
        }
        BigDecimal d = BigDecimal.valueOf(value).stripTrailingZeros();
        return d.signum() == 0 ? "0" : d.toPlainString();
    }
}
