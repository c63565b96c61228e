package dev.rdpprobe.bench.loopback;

/**
 * What a closed-loop run measured over its measurement windows.
 *
 * @param operations operations completed in the windows
 * @param failures operations that did not go the whole way (not counted as completed)
 * @param seconds the windows' total length
 * @param clientCpuNanos the client threads' CPU time in the windows
 * @param clientAllocatedBytes the client threads' allocation in the windows
 * @param negotiated what the last operation negotiated (e.g. "TLSv1.3 TLS_AES_256_GCM_SHA384"), or a failure
 */
public record Measurement(long operations, long failures, double seconds, long clientCpuNanos, long clientAllocatedBytes,
        String negotiated) {

    /** Operations per second. */
    public double rate() {
        return seconds <= 0 ? 0 : operations / seconds;
    }

    /** Client CPU per operation in microseconds. */
    public double cpuMicrosPerOp() {
        return operations == 0 ? Double.NaN : clientCpuNanos / 1000.0 / operations;
    }

    /** Client allocation per operation in bytes. */
    public double bytesPerOp() {
        return operations == 0 ? Double.NaN : (double) clientAllocatedBytes / operations;
    }

    /** The sum of two measurements (windows of the same workload). */
    public Measurement plus(Measurement o) {
        return new Measurement(operations + o.operations, failures + o.failures, seconds + o.seconds,
                clientCpuNanos + o.clientCpuNanos, clientAllocatedBytes + o.clientAllocatedBytes,
                o.negotiated != null ? o.negotiated : negotiated);
    }

    /** Nothing measured yet. */
    public static Measurement empty() {
        return new Measurement(0, 0, 0, 0, 0, null);
    }
}
