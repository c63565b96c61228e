package dev.rdpprobe.cli;

/**
 * The thresholds of {@code rdp-probe check}, each {@code null} when not given.
 *
 * @param warning {@code -w}: on the probe's total time in seconds
 * @param critical {@code -c}: on the probe's total time in seconds
 * @param certWarning {@code --cert-warning}: on the server certificate's days left
 * @param certCritical {@code --cert-critical}: on the server certificate's days left
 */
record CheckThresholds(ThresholdRange warning, ThresholdRange critical, ThresholdRange certWarning, ThresholdRange certCritical) {

    /** No threshold at all. */
    static final CheckThresholds NONE = new CheckThresholds(null, null, null, null);
}
