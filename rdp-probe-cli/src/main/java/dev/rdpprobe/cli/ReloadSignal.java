package dev.rdpprobe.cli;

/**
 * SIGHUP as "reload the configuration", the Unix convention that Prometheus' own servers follow. The JDK has no
 * supported API for signals; {@code sun.misc.Signal} (module jdk.unsupported) is the one every JDK has, kept for
 * exactly this use. Where it is missing (or SIGHUP cannot be caught, as on Windows) nothing is installed and
 * {@code POST /-/reload} remains.
 */
final class ReloadSignal {

    private ReloadSignal() {
    }

    /**
     * Runs {@code reload} on each SIGHUP, on the JVM's signal thread.
     *
     * @return whether the handler is installed
     */
    static boolean install(Runnable reload) {
        try {
            sun.misc.Signal.handle(new sun.misc.Signal("HUP"), signal -> reload.run());
            return true;
        } catch (IllegalArgumentException | LinkageError e) {
            return false;
        }
    }
}
