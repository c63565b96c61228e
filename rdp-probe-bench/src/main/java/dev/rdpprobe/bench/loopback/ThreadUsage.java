package dev.rdpprobe.bench.loopback;

import java.lang.management.ManagementFactory;

/**
 * CPU time and allocated bytes of the live threads whose names start with a prefix, read through
 * {@code com.sun.management.ThreadMXBean} (per-thread CPU time and per-thread TLAB + outside-TLAB
 * allocation). Event-loop threads live as long as their client, so the difference of two snapshots is
 * the client's cost between them. GC and JIT threads are not included in either side of a ratio.
 *
 * @param cpuNanos summed thread CPU time
 * @param allocatedBytes summed allocated bytes
 * @param threads how many threads matched
 */
public record ThreadUsage(long cpuNanos, long allocatedBytes, int threads) {

    private static final com.sun.management.ThreadMXBean MX =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    static {
        MX.setThreadCpuTimeEnabled(true);
        MX.setThreadAllocatedMemoryEnabled(true);
    }

    /** A snapshot of the threads named {@code prefix}…. */
    public static ThreadUsage of(String prefix) {
        return of(java.util.List.of(prefix));
    }

    /** A snapshot of the threads whose names start with any of {@code prefixes}. */
    public static ThreadUsage of(java.util.List<String> prefixes) {
        long cpu = 0;
        long alloc = 0;
        int n = 0;
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (prefixes.stream().anyMatch(t.getName()::startsWith)) {
                long id = t.getId();
                long c = MX.getThreadCpuTime(id);
                long a = MX.getThreadAllocatedBytes(id);
                if (c >= 0 && a >= 0) {
                    cpu += c;
                    alloc += a;
                    n++;
                }
            }
        }
        return new ThreadUsage(cpu, alloc, n);
    }

    /** This snapshot minus an earlier one. */
    public ThreadUsage minus(ThreadUsage earlier) {
        return new ThreadUsage(cpuNanos - earlier.cpuNanos, allocatedBytes - earlier.allocatedBytes, threads);
    }
}
