package dev.rdpprobe.core.internal.sequence;

import java.time.Duration;
import java.util.List;

/**
 * The one contract of rdp-probe's sans-I/O machines, after IronRDP's connector {@code Sequence}: the driver feeds
 * events with the current time from a monotonic nanosecond clock and performs the {@link Action actions} each one
 * returns, in order. A machine knows nothing of sockets, threads or timers: it asks for its single timer with
 * {@link Action.ArmTimer} and ends with {@link Action.Finish}. Not thread-safe: one driver, one thread.
 *
 * <p>Besides the two events every machine has (below), each machine has its own I/O events (a PDU arrived, a
 * datagram arrived, the connection closed, …), which answer the same way.
 *
 * @param <R> the machine's result
 */
public interface ProbeMachine<R> {

    /**
     * Starts the machine.
     *
     * @param nowNanos the current time
     * @return the first actions (at least one)
     * @throws IllegalStateException if it was already started
     */
    List<Action<R>> start(long nowNanos);

    /**
     * The timer armed last is due (and one pass of I/O ran since). A call before the armed instant re-arms it; a
     * call after the finish returns nothing.
     *
     * @param nowNanos the current time
     * @param localLag the largest lag of the driver's event loop measured while the timer ran, for the record
     *     (a machine may ignore it)
     * @return the actions
     */
    List<Action<R>> onTimer(long nowNanos, Duration localLag);

    /** Whether the machine has finished (its {@link Action.Finish} was returned). */
    boolean isFinished();
}
