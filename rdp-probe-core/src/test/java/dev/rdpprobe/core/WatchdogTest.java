package dev.rdpprobe.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Each prober owns its watchdog: it rescues on time, and closing it drops its rescues and its thread. */
class WatchdogTest {

    @Test
    void aRescueRunsAtTheDeadlinePlusTheGrace() throws Exception {
        try (Watchdog watchdog = new Watchdog()) {
            CountDownLatch ran = new CountDownLatch(1);
            watchdog.at(System.nanoTime(), Duration.ofMillis(1), ran::countDown);
            assertThat(ran.await(20, TimeUnit.SECONDS)).isTrue();
        }
    }

    @Test
    void closingDropsPendingRescuesAndRefusesNewOnes() throws Exception {
        Watchdog watchdog = new Watchdog();
        CountDownLatch ran = new CountDownLatch(1);
        watchdog.at(System.nanoTime(), Duration.ofHours(1), ran::countDown);
        watchdog.close();
        assertThatThrownBy(() -> watchdog.at(System.nanoTime(), Duration.ZERO, ran::countDown))
                .isInstanceOf(RejectedExecutionException.class);
        assertThat(ran.getCount()).isEqualTo(1);
    }
}
