package dev.rdpprobe.core;

import dev.rdpprobe.core.BusyLoop;
import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class LoopLagMonitorTest {

    static final long MS = 1_000_000L;

    @Test
    void answersTheLongestStallInAWindowCountingOnlyItsPartInside() {
        LoopLagMonitor m = new LoopLagMonitor(null);
        long t0 = 10_000 * MS;
        m.record(t0 + 50 * MS, 5 * MS);
        m.record(t0 + 420 * MS, 300 * MS);  // the loop stalled from t0 + 120 to t0 + 420
        m.record(t0 + 900 * MS, 20 * MS);
        m.record(t0 + 950 * MS, -3 * MS);   // early: no stall
        m.record(t0 + 960 * MS, MS / 2);    // jitter: not kept
        assertThat(m.maxLag(t0, t0 + 1000 * MS)).isEqualTo(300 * MS);
        assertThat(m.maxLag(t0 + 500 * MS, t0 + 1000 * MS)).isEqualTo(20 * MS);
        assertThat(m.maxLag(t0 + 400 * MS, t0 + 1000 * MS)).as("only the stall's last 20 ms are in the window").isEqualTo(20 * MS);
        assertThat(m.maxLag(t0 + 300 * MS, t0 + 1000 * MS)).isEqualTo(120 * MS);
        assertThat(m.maxLag(t0, t0 + 400 * MS)).as("a stall not yet over at the window's end was not observed in it").isEqualTo(5 * MS);
        assertThat(m.maxLag(t0 + 2000 * MS, t0 + 3000 * MS)).isZero();
    }

    @Test
    void keepsTheLastStallsOnly() {
        LoopLagMonitor m = new LoopLagMonitor(null);
        m.record(MS, 400 * MS);
        for (int i = 1; i <= LoopLagMonitor.SAMPLES; i++) {
            m.record(MS + i * 10 * MS, 7 * MS);
        }
        assertThat(m.maxLag(0, Long.MAX_VALUE / 2)).isEqualTo(7 * MS);
    }

    @Test
    void seesALoopThatIsBlockedAndStopsWhenNothingIsWatched() throws Exception {
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        try {
            EventLoop loop = group.next();
            LoopLagMonitor m = new LoopLagMonitor(loop);
            long[] window = new long[2];
            CompletableFuture<Long> lag = new CompletableFuture<>();
            loop.execute(() -> {
                window[0] = System.nanoTime();
                m.watchUntil(window[0] + 400 * MS);
                loop.schedule(() -> BusyLoop.occupy(150), 20, TimeUnit.MILLISECONDS); // a task that blocks the loop
                loop.schedule(() -> lag.complete(m.maxLag(window[0], System.nanoTime())), 250, TimeUnit.MILLISECONDS);
            });
            assertThat(lag.get(10, TimeUnit.SECONDS)).as("the blocked loop ran the sampler late").isGreaterThanOrEqualTo(100 * MS);
        } finally {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }

}
