package dev.rdpprobe.exporter;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The bound on probes at once: wait for a freed slot up to the bound, then refuse; never pile up. */
class ProbeAdmissionTest {

    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();

    @AfterEach
    void stop() {
        timer.shutdownNow();
    }

    @Test
    void aRequestBeyondTheLimitGetsTheNextFreedSlot() throws Exception {
        ProbeAdmission a = new ProbeAdmission(1, timer);
        ProbeAdmission.Slot first = a.acquire(Duration.ZERO).get();
        CompletableFuture<ProbeAdmission.Slot> second = a.acquire(Duration.ofMinutes(1));
        assertThat(second).isNotDone();
        first.release();
        assertThat(second.get()).isNotNull();
        assertThat(a.running()).isEqualTo(1);
        second.get().release();
        second.get().release(); // twice is harmless
        assertThat(a.running()).isZero();
    }

    @Test
    void aRequestThatWaitedItsBoundIsRefused() throws Exception {
        ProbeAdmission a = new ProbeAdmission(1, timer);
        a.acquire(Duration.ZERO).get();
        CompletableFuture<ProbeAdmission.Slot> late = a.acquire(Duration.ofMillis(20));
        ExecutionException e = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class, late::get);
        assertThat(e.getCause()).isInstanceOf(ProbeAdmission.Refused.class).hasMessageContaining("no probe slot freed within 20ms");
    }

    @Test
    void withoutAWaitARequestBeyondTheLimitIsRefusedAtOnce() throws Exception {
        ProbeAdmission a = new ProbeAdmission(2, timer);
        a.acquire(Duration.ZERO).get();
        a.acquire(Duration.ZERO).get();
        assertThat(a.acquire(Duration.ZERO)).isCompletedExceptionally();
    }

    @Test
    void atMostFourTimesTheLimitWait() throws Exception {
        ProbeAdmission a = new ProbeAdmission(1, timer);
        a.acquire(Duration.ZERO).get();
        for (int i = 0; i < a.waitingLimit(); i++) {
            assertThat(a.acquire(Duration.ofMinutes(1))).isNotDone();
        }
        assertThat(a.acquire(Duration.ofMinutes(1))).isCompletedExceptionally();
    }

    @Test
    void aSlotSkipsARequestThatGaveUp() throws Exception {
        ProbeAdmission a = new ProbeAdmission(1, timer);
        ProbeAdmission.Slot first = a.acquire(Duration.ZERO).get();
        CompletableFuture<ProbeAdmission.Slot> gaveUp = a.acquire(Duration.ofMinutes(1));
        CompletableFuture<ProbeAdmission.Slot> next = a.acquire(Duration.ofMinutes(1));
        gaveUp.cancel(false);
        first.release();
        assertThat(next).isDone();
        assertThat(a.running()).isEqualTo(1);
    }
}
