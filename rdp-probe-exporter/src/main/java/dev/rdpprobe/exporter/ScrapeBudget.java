package dev.rdpprobe.exporter;

import java.math.BigDecimal;
import java.time.Duration;

/**
 * The time a scrape gives a probe. Prometheus sends its scrape timeout in {@code X-Prometheus-Scrape-Timeout-Seconds};
 * the probe must answer before it, so its budget is that timeout less the configured margin (for the answer to travel
 * and be read), but never less than half the timeout (a margin larger than a short timeout would leave nothing). The
 * module's own timeout applies when it is shorter, and alone when the header is absent.
 */
final class ScrapeBudget {

    /** The header Prometheus sends with every scrape. */
    static final String HEADER = "X-Prometheus-Scrape-Timeout-Seconds";

    /** The largest header value accepted, in seconds (an hour, the longest probe deadline). */
    static final double MAX_SECONDS = 3600;

    private ScrapeBudget() {
    }

    /**
     * The probe's budget.
     *
     * @param header the header's value, or {@code null} when absent
     * @param margin what is kept back from it
     * @param moduleTimeout the module's own deadline
     * @throws IllegalArgumentException for a header that is not a positive number of seconds
     */
    static Duration of(String header, Duration margin, Duration moduleTimeout) {
        if (header == null) {
            return moduleTimeout;
        }
        double seconds;
        try {
            seconds = new BigDecimal(header.strip()).doubleValue();
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(HEADER + " '" + header + "' is not a number of seconds");
        }
        if (!(seconds > 0) || seconds > MAX_SECONDS) {
            throw new IllegalArgumentException(HEADER + " " + header + " is out of range; expected more than 0 and at most " + (long) MAX_SECONDS);
        }
        Duration timeout = Duration.ofNanos((long) (seconds * 1e9));
        Duration budget = timeout.minus(margin);
        Duration floor = timeout.dividedBy(2);
        if (budget.compareTo(floor) < 0) {
            budget = floor;
        }
        return budget.compareTo(moduleTimeout) < 0 ? budget : moduleTimeout;
    }
}
