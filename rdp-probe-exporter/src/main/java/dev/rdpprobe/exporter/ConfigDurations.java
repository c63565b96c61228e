package dev.rdpprobe.exporter;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations as Prometheus writes them: {@code 500ms}, {@code 10s}, {@code 1m}, {@code 1h}, or a number of seconds. */
final class ConfigDurations {

    private static final Pattern DURATION = Pattern.compile("(\\d{1,9}(?:\\.\\d{1,9})?)(ms|s|m|h)?");

    private ConfigDurations() {
    }

    /**
     * Reads a duration.
     *
     * @throws IllegalArgumentException saying how to write one
     */
    static Duration parse(String text) {
        Matcher m = DURATION.matcher(text.strip());
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a duration; write e.g. 10s, 500ms or 1m");
        }
        BigDecimal number = new BigDecimal(m.group(1));
        String unit = m.group(2) == null ? "s" : m.group(2);
        BigDecimal nanosPerUnit;
        switch (unit) {
            case "ms": nanosPerUnit = BigDecimal.valueOf(1_000_000L); break;
            case "m": nanosPerUnit = BigDecimal.valueOf(60_000_000_000L); break;
            case "h": nanosPerUnit = BigDecimal.valueOf(3_600_000_000_000L); break;
            default: nanosPerUnit = BigDecimal.valueOf(1_000_000_000L); break;
        }
        return Duration.ofNanos(number.multiply(nanosPerUnit).longValue());
    }

    /** A duration as the file would write it: {@code 1500ms}, {@code 10s}. */
    static String text(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + "s" : d.toMillis() + "ms";
    }
}
