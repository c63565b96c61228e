package dev.rdpprobe.cli;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;

/**
 * Reads durations as people write them on a command line: {@code 500ms}, {@code 3s}, {@code 1.5s},
 * {@code 1m}, {@code 1h}. A unit is required, so that "5" can never mean five milliseconds to one
 * reader and five seconds to another. A limit lies from {@link #MIN} to {@link #MAX} (the library's
 * own bound); every mistake is told apart: no unit, an unknown unit, a sign, out of range.
 */
public final class DurationConverter implements CommandLine.ITypeConverter<Duration> {

    /** The shortest limit accepted. */
    static final Duration MIN = Duration.ofMillis(1);
    /** The longest limit accepted: a probe needs seconds, and the library allows no more. */
    static final Duration MAX = Duration.ofHours(1);

    private static final String RANGE = "a limit may be from 1ms to 1h (3600s)";
    private static final Pattern FORM = Pattern.compile("([+-]?)(\\d+(?:\\.\\d*)?|\\.\\d+)\\s*(\\p{L}*)");

    /** Parses a duration; see the class comment for the forms. */
    public static Duration parse(String text) {
        String s = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
        if (s.isEmpty()) {
            throw new IllegalArgumentException("the duration is empty; write a number and a unit, like 500ms, 3s or 1m");
        }
        Matcher m = FORM.matcher(s);
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a duration; write a number and a unit, like 500ms, 3s or 1m");
        }
        String unit = m.group(3);
        if (unit.isEmpty()) {
            throw new IllegalArgumentException("'" + text + "' has no unit; write " + m.group(2) + "s for seconds (or "
                    + m.group(2) + "ms, " + m.group(2) + "m)");
        }
        BigDecimal millisPerUnit;
        switch (unit) {
            case "ms": millisPerUnit = BigDecimal.ONE; break;
            case "s": case "sec": millisPerUnit = BigDecimal.valueOf(1_000); break;
            case "m": case "min": millisPerUnit = BigDecimal.valueOf(60_000); break;
            case "h": millisPerUnit = BigDecimal.valueOf(3_600_000); break;
            default:
                throw new IllegalArgumentException("'" + text + "': unknown unit '" + m.group(3) + "'; use ms, s, m or h, like 500ms, 3s or 1m");
        }
        if (m.group(1).equals("-")) {
            throw new IllegalArgumentException("'" + text + "' is negative; " + RANGE);
        }
        BigDecimal millis = new BigDecimal(m.group(2)).multiply(millisPerUnit);
        if (millis.signum() == 0) {
            throw new IllegalArgumentException("'" + text + "' is zero; a limit must be positive: " + RANGE);
        }
        if (millis.compareTo(BigDecimal.valueOf(MIN.toMillis())) < 0) {
            throw new IllegalArgumentException("'" + text + "' is below 1ms; " + RANGE);
        }
        if (millis.compareTo(BigDecimal.valueOf(MAX.toMillis())) > 0) {
            throw new IllegalArgumentException("'" + text + "' is over the 1h limit; " + RANGE);
        }
        return Duration.ofNanos(millis.movePointRight(6).setScale(0, java.math.RoundingMode.HALF_UP).longValueExact());
    }

    @Override
    public Duration convert(String value) {
        try {
            return parse(value);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.TypeConversionException(e.getMessage());
        }
    }
}
