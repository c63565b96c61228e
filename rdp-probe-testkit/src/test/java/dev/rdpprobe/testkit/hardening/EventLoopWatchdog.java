package dev.rdpprobe.testkit.hardening;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A BlockHound stand-in: samples the stacks of the prober's event-loop threads (named {@code rdp-probe-*})
 * every {@link #PERIOD_NANOS} and reports any thread that stays <em>blocked</em> for {@link #BLOCKED_LIMIT_MS}
 * or more, or <em>busy</em> in the same frame for {@link #BUSY_LIMIT_MS} or more.
 *
 * <ul>
 * <li>Blocked: state BLOCKED / WAITING / TIMED_WAITING (a monitor, {@code sleep}, {@code park},
 *     {@code Future.get}, {@code join}), or RUNNABLE inside a blocking I/O call (stream or blocking-socket
 *     read, {@code Net.poll}). An event loop waiting for work sits RUNNABLE in its selector
 *     ({@code EPoll.wait}, {@code SelectorImpl.select}), which is its idle state and never counts.</li>
 * <li>Busy: the same three top frames in every sample for the limit, outside the selector — a loop that
 *     does not yield.</li>
 * </ul>
 *
 * <p>What it cannot see: a block shorter than the limit (a microsecond read of /dev/urandom by
 * {@code SecureRandom}, a brief lock handoff). BlockHound would flag those calls; this check flags
 * event loops that are actually held up. Stop-the-world GC pauses stop the sampler too, so they do not
 * count as blocks; they can stretch a busy streak, hence the higher busy limit.
 */
final class EventLoopWatchdog implements AutoCloseable {

    static final long PERIOD_NANOS = 5_000_000L;
    static final long BLOCKED_LIMIT_MS = 50;
    static final long BUSY_LIMIT_MS = 500;
    private static final Set<String> BLOCKING_RUNNABLE = Set.of(
            "java.io.FileInputStream.readBytes", "java.io.FileInputStream.read0", "java.net.SocketInputStream.socketRead0",
            "sun.nio.ch.Net.poll", "sun.nio.ch.NioSocketImpl.park", "java.io.FileOutputStream.writeBytes");
    private static final Set<String> SELECTOR_WAIT = Set.of(
            "sun.nio.ch.EPoll.wait", "sun.nio.ch.EPollSelectorImpl.doSelect", "sun.nio.ch.SelectorImpl.lockAndDoSelect");

    private final String prefix;
    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private final Thread sampler;
    private final Map<Long, Streak> streaks = new HashMap<>();
    private final List<String> violations = new ArrayList<>();
    private volatile boolean running = true;
    private long[] ids = new long[0];
    private long samples;
    private long longestBlockedNanos;
    private long longestBusyNanos;

    private static final class Streak {
        String key;
        boolean blocked;
        long since;
        boolean reported;
    }

    EventLoopWatchdog(String threadNamePrefix) {
        this.prefix = threadNamePrefix;
        this.sampler = new Thread(this::run, "event-loop-watchdog");
        sampler.setDaemon(true);
        sampler.start();
    }

    private void run() {
        long next = System.nanoTime();
        while (running) {
            sample();
            next += PERIOD_NANOS;
            long wait = next - System.nanoTime();
            if (wait > 0) {
                java.util.concurrent.locks.LockSupport.parkNanos(wait); // the sampler's own pace, not a test wait
            } else {
                next = System.nanoTime();
            }
        }
    }

    private void sample() {
        if (samples % 20 == 0) {
            ids = loopThreadIds();
        }
        long now = System.nanoTime();
        ThreadInfo[] infos = threads.getThreadInfo(ids, 6);
        synchronized (this) {
            samples++;
            for (ThreadInfo info : infos) {
                if (info == null || !info.getThreadName().startsWith(prefix)) {
                    continue;
                }
                StackTraceElement[] stack = info.getStackTrace();
                String top = stack.length == 0 ? "" : stack[0].getClassName() + "." + stack[0].getMethodName();
                Streak s = streaks.computeIfAbsent(info.getThreadId(), id -> new Streak());
                if (SELECTOR_WAIT.contains(top)) {
                    s.key = null;
                    continue;
                }
                boolean blocked = info.getThreadState() == Thread.State.BLOCKED || info.getThreadState() == Thread.State.WAITING
                        || info.getThreadState() == Thread.State.TIMED_WAITING || BLOCKING_RUNNABLE.contains(top);
                String key = info.getThreadState() + " " + frames(stack, 3);
                if (!key.equals(s.key) || blocked != s.blocked) {
                    s.key = key;
                    s.blocked = blocked;
                    s.since = now;
                    s.reported = false;
                    continue;
                }
                long streak = now - s.since;
                if (blocked) {
                    longestBlockedNanos = Math.max(longestBlockedNanos, streak);
                } else {
                    longestBusyNanos = Math.max(longestBusyNanos, streak);
                }
                long limit = (blocked ? BLOCKED_LIMIT_MS : BUSY_LIMIT_MS) * 1_000_000L;
                if (!s.reported && streak >= limit) {
                    s.reported = true;
                    violations.add(info.getThreadName() + (blocked ? " blocked " : " busy ") + streak / 1_000_000 + " ms at "
                            + frames(stack, 6));
                }
            }
        }
    }

    /** Ids of the live threads whose name starts with the prefix (no safepoint: a thread-group walk). */
    private long[] loopThreadIds() {
        ThreadGroup root = Thread.currentThread().getThreadGroup();
        while (root.getParent() != null) {
            root = root.getParent();
        }
        Thread[] all = new Thread[root.activeCount() + 16];
        int n = root.enumerate(all, true);
        List<Long> found = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            if (all[i].getName().startsWith(prefix)) {
                found.add(all[i].getId());
            }
        }
        return found.stream().mapToLong(Long::longValue).toArray();
    }

    private static String frames(StackTraceElement[] stack, int n) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < Math.min(n, stack.length); i++) {
            sb.append(i == 0 ? "" : " < ").append(stack[i].getClassName()).append('.').append(stack[i].getMethodName());
        }
        return sb.toString();
    }

    synchronized List<String> violations() {
        return List.copyOf(violations);
    }

    synchronized String summary() {
        return samples + " samples every " + PERIOD_NANOS / 1_000_000 + " ms; longest blocked streak "
                + longestBlockedNanos / 1_000_000 + " ms (limit " + BLOCKED_LIMIT_MS + "), longest busy streak in one frame "
                + longestBusyNanos / 1_000_000 + " ms (limit " + BUSY_LIMIT_MS + ")";
    }

    @Override
    public void close() {
        running = false;
        try {
            sampler.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
