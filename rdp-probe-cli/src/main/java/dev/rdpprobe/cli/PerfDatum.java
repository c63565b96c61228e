package dev.rdpprobe.cli;

import java.util.Locale;
import java.util.Objects;

/**
 * One performance-data item of a monitoring plugin, as the guidelines write it:
 * {@code 'label'=value[UOM];[warn];[crit];[min];[max]}, trailing empty fields dropped, the value
 * {@code U} when it could not be determined. Numbers are written in the C locale (a point, never a comma).
 *
 * @param label what is measured: letters, digits and underscores only (so that it never needs escaping)
 * @param value the measurement; {@code null} for "could not be determined" ({@code U})
 * @param unit the unit of measurement: "" (a number), "s", "ms", "us", "%", "B", "KB", "MB", "TB" or "c"
 * @param warn the warning range, or {@code null}
 * @param crit the critical range, or {@code null}
 * @param min the least possible value, or {@code null}
 * @param max the greatest possible value, or {@code null}
 */
record PerfDatum(String label, Double value, String unit, ThresholdRange warn, ThresholdRange crit, Double min, Double max) {

    PerfDatum {
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(unit, "unit");
        if (!label.matches("[A-Za-z0-9_]+")) {
            throw new IllegalArgumentException("perfdata label '" + label + "' must be letters, digits and underscores");
        }
        if (!unit.matches("|s|ms|us|%|B|KB|MB|TB|c")) {
            throw new IllegalArgumentException("perfdata unit '" + unit + "' is not one of the guidelines' units");
        }
    }

    /** The item as the plugin prints it. */
    @Override
    public String toString() {
        String[] fields = {
            value == null ? "U" : decimal(value) + unit,
            warn == null ? "" : warn.toString(),
            crit == null ? "" : crit.toString(),
            min == null ? "" : decimal(min),
            max == null ? "" : decimal(max)};
        int last = fields.length - 1;
        while (last > 0 && fields[last].isEmpty()) {
            last--;
        }
        return "'" + label + "'=" + String.join(";", java.util.Arrays.copyOf(fields, last + 1));
    }

    /** Seconds to the microsecond, other values as they are: 0.001234, 364, -3. */
    private static String decimal(double d) {
        if (d == Math.rint(d) && Math.abs(d) < 1e15) {
            return String.format(Locale.ROOT, "%d", (long) d);
        }
        return String.format(Locale.ROOT, "%.6f", d);
    }
}
