package dev.rdpprobe.cli;

import dev.rdpprobe.core.ProbeOptions;
import dev.rdpprobe.core.UdpMode;
import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;

/**
 * How many probes the process's open-file limit ({@code ulimit -n}) lets run at once, and what
 * {@code --concurrency} becomes under it: the default is lowered to fit and the command says so; an explicit
 * value above it is kept, with a warning, since the probes beyond the limit fail as OUT_OF_FILE_DESCRIPTORS
 * (the batch still completes).
 *
 * @param maxOpen the process's open-file limit, or -1 where the JVM cannot tell (not a Unix)
 * @param open the descriptors open now (class path jars, selectors, standard streams), or -1
 */
record FileDescriptorBudget(long maxOpen, long open) {

    /** Descriptors kept free for what opens later besides the probes' sockets: jars, DNS sockets, files. */
    static final int RESERVE = 32;

    /** Sockets per enumerated security layer and per enumerated TLS version: one connection each. */
    static final int SECURITY_LAYERS = 5;
    static final int TLS_VERSIONS = 4;

    /** What --concurrency becomes, and the line to print on stderr about it ({@code null} when there is nothing to say). */
    record Choice(int concurrency, String message) {
    }

    /** The limit of this process, from {@code com.sun.management.UnixOperatingSystemMXBean} where there is one. */
    static FileDescriptorBudget ofThisProcess() {
        OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.UnixOperatingSystemMXBean unix) {
            return new FileDescriptorBudget(unix.getMaxFileDescriptorCount(), unix.getOpenFileDescriptorCount());
        }
        return new FileDescriptorBudget(-1, -1);
    }

    /**
     * The sockets one probe holds at once with these options: TCP, UDP, and one per enumeration connection
     * (the CLI always has the TLS module, so the TLS-version enumeration runs when asked for).
     */
    static int socketsPerProbe(ProbeOptions options) {
        boolean tcp = options.udpMode() != UdpMode.ONLY;
        int sockets = (tcp ? 1 : 0) + (options.udpMode() != UdpMode.OFF ? 1 : 0);
        if (tcp && options.enumerateSecurityLayers()) {
            sockets += SECURITY_LAYERS;
        }
        if (tcp && options.enumerateTlsVersions()) {
            sockets += TLS_VERSIONS;
        }
        return Math.max(1, sockets);
    }

    /** Probes in flight that fit, at least 1; {@code Integer.MAX_VALUE} when the limit is unknown. */
    int probesThatFit(int socketsPerProbe) {
        if (maxOpen < 0 || open < 0) {
            return Integer.MAX_VALUE;
        }
        long free = maxOpen - open - RESERVE;
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, free / socketsPerProbe));
    }

    /**
     * What {@code --concurrency} becomes for {@code targets} targets.
     *
     * @param requested the option's value (its default when not given)
     * @param explicit whether it was given on the command line
     * @param targets how many targets the batch has (no more probes than that are ever in flight)
     * @param socketsPerProbe from {@link #socketsPerProbe}
     */
    Choice choose(int requested, boolean explicit, int targets, int socketsPerProbe) {
        int fit = probesThatFit(socketsPerProbe);
        int inFlight = Math.min(requested, Math.max(1, targets));
        if (inFlight <= fit) {
            return new Choice(requested, null);
        }
        String sockets = socketsPerProbe == 1 ? "1 socket" : socketsPerProbe + " sockets";
        if (!explicit) {
            return new Choice(fit, "rdp-probe: --concurrency lowered from its default " + requested + " to " + fit
                    + ": the open-file limit (ulimit -n) is " + maxOpen + ", " + open + " are open, and each probe holds "
                    + sockets + "; raise ulimit -n to probe more at once");
        }
        return new Choice(requested, "rdp-probe: warning: --concurrency " + requested + " needs about "
                + (long) inFlight * socketsPerProbe + " file descriptors, but the open-file limit (ulimit -n) is " + maxOpen
                + " (" + open + " open): beyond about " + fit + " probes in flight, probes fail with OUT_OF_FILE_DESCRIPTORS;"
                + " lower --concurrency or raise ulimit -n");
    }
}
