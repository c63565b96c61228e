package dev.rdpprobe.cli;

/**
 * The four states of a monitoring plugin (Nagios, Icinga, Naemon, Shinken …), with their exit codes:
 * what {@code rdp-probe check} answers. They differ from the {@link ExitCodes} of the main command on
 * purpose: a monitoring core reads 3 as UNKNOWN, so a usage error of the check exits 3, not 2.
 */
enum PluginState {
    /** Exit 0: the server answered every phase and nothing crossed a threshold. */
    OK(0),
    /** Exit 1: a threshold of {@code -w}, {@code --cert-warning} or a finding of {@code --warn-on} was crossed. */
    WARNING(1),
    /** Exit 2: a TCP-path phase failed or timed out, or a critical threshold or finding was crossed. */
    CRITICAL(2),
    /** Exit 3: the check could not tell (a usage error, a local problem of the probe itself). */
    UNKNOWN(3);

    private final int exitCode;

    PluginState(int exitCode) {
        this.exitCode = exitCode;
    }

    /** The process exit code a monitoring core reads as this state. */
    int exitCode() {
        return exitCode;
    }

    /**
     * The worse of two states in the order of the plugins' {@code max_state_alt}: CRITICAL over WARNING over
     * UNKNOWN over OK (a fact that is known to be bad outranks one that could not be judged).
     */
    static PluginState worst(PluginState a, PluginState b) {
        return rank(a) >= rank(b) ? a : b;
    }

    private static int rank(PluginState s) {
        switch (s) {
            case CRITICAL: return 3;
            case WARNING: return 2;
            case UNKNOWN: return 1;
            default: return 0;
        }
    }
}
