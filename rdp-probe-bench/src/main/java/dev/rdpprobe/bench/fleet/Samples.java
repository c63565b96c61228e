package dev.rdpprobe.bench.fleet;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/** Repeated measurements of one quantity (seconds, or a ratio), summarised as min / median / max. */
final class Samples {

    private final List<Double> values = new ArrayList<>();

    void add(double value) {
        values.add(value);
    }

    int count() {
        return values.size();
    }

    boolean isEmpty() {
        return values.isEmpty();
    }

    double min() {
        return sorted().get(0);
    }

    double max() {
        List<Double> s = sorted();
        return s.get(s.size() - 1);
    }

    /** The median (the mean of the middle two for an even count); NaN when empty. */
    double median() {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        List<Double> s = sorted();
        int n = s.size();
        return n % 2 == 1 ? s.get(n / 2) : (s.get(n / 2 - 1) + s.get(n / 2)) / 2;
    }

    /** {@code median (min–max)} in seconds, or {@code —} when empty. */
    String seconds() {
        if (values.isEmpty()) {
            return "—";
        }
        return String.format(Locale.ROOT, "%.3f s (%.3f–%.3f)", median(), min(), max());
    }

    /** {@code median (min–max)} of a ratio, or {@code —} when empty. */
    String ratio() {
        if (values.isEmpty()) {
            return "—";
        }
        return String.format(Locale.ROOT, "%.2f× (%.2f–%.2f)", median(), min(), max());
    }

    private List<Double> sorted() {
        List<Double> s = new ArrayList<>(values);
        Collections.sort(s);
        return s;
    }
}
