package dev.rdpprobe.cli;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;

/**
 * Reads durations as people write them on a command line: {@code 500ms}, {@code 3s}, {@code 1.5s},
 * {@code 1m}. A unit is required, so that "5" can never mean five milliseconds to one reader and
 * five seconds to another.
 */
public final class DurationConverter implements CommandLine.ITypeConverter<Duration> {

    private static final Pattern FORM = Pattern.compile("(\\d{1,9}(?:\\.\\d{1,3})?)\\s*(ms|s|m)");

    /** Parses a duration; see the class comment for the forms. */
    public static Duration parse(String text) {
        String s = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
        Matcher m = FORM.matcher(s);
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a duration; write it with a unit, like 500ms, 3s or 1m");
        }
        double amount = Double.parseDouble(m.group(1));
        double millis;
        switch (m.group(2)) {
            case "ms": millis = amount; break;
            case "s": millis = amount * 1_000; break;
            default: millis = amount * 60_000; break;
        }
        Duration d = Duration.ofNanos(Math.round(millis * 1_000_000));
        if (d.isZero()) {
            throw new IllegalArgumentException("'" + text + "' is zero; a limit must be positive, like 500ms");
        }
        if (d.compareTo(Duration.ofHours(1)) > 0) {
            throw new IllegalArgumentException("'" + text + "' is over an hour; a probe needs seconds");
        }
        return d;
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
