package dev.rdpprobe.bench.loopback;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * One kind of operation the closed-loop driver repeats: a whole probe, or a bare Netty baseline. An
 * operation's future completes normally with a short description of what was negotiated when it went
 * the whole way, and exceptionally when it did not (a failed operation is never counted as done).
 */
public interface Workload extends AutoCloseable {

    /** A short name for the table, e.g. "probe X.224 only". */
    String name();

    /**
     * The name prefixes of the client's own threads (its event loops, and any worker threads it hands CPU
     * work to); their CPU time and allocation are the client's cost. The server's threads have another prefix.
     */
    List<String> clientThreadPrefixes();

    /** Starts one operation. */
    CompletableFuture<String> start();

    /** Stops the client and its server. */
    @Override
    void close();
}
