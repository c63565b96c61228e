package dev.rdpprobe.core;

import dev.rdpprobe.core.target.Target;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rdpprobe.core.outcome.ConnectionOutcome;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@link RdpProber#probeAll} against the caller's own mistakes: a sink that throws costs neither the other
 * outcomes nor the slot, and is reported; targets that cannot be iterated end the batch after the probes in
 * flight, whatever they throw. Loopback ports where nothing listens; the waits only keep a broken build from hanging.
 */
class ProbeAllTest {

    static final long WAIT = 20;
    static RdpProber prober;
    static int port;

    @BeforeAll
    static void start() {
        prober = RdpProber.builder().udp(false).connectTimeout(Duration.ofSeconds(2)).build();
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @AfterAll
    static void stop() {
        prober.close();
    }

    static List<Target> targets(int n) {
        return Collections.nCopies(n, Target.of("127.0.0.1", port));
    }

    @Test
    void aSinkThatThrowsLosesNoOtherOutcomeNorItsSlotAndIsReported() throws Exception {
        List<ConnectionOutcome> delivered = Collections.synchronizedList(new ArrayList<>());
        IllegalStateException mistake = new IllegalStateException("the caller's sink failed");
        CompletableFuture<Void> all = prober.probeAll(targets(5), 1, o -> {
            delivered.add(o);
            if (delivered.size() <= 2) {
                throw mistake;
            }
        });
        assertThatThrownBy(() -> all.get(WAIT, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                .cause().isSameAs(mistake);
        assertThat(delivered).as("one slot, two sink failures: every outcome still came").hasSize(5);
        assertThat(mistake.getSuppressed()).as("the same exception twice is not suppressed in itself").isEmpty();
    }

    @Test
    void targetsThatThrowAnErrorEndTheBatchAfterTheProbesInFlight() throws Exception {
        List<ConnectionOutcome> delivered = Collections.synchronizedList(new ArrayList<>());
        AssertionError broken = new AssertionError("the caller's iterator broke");
        Iterable<Target> twoThenBroken = () -> new Iterator<>() {
            int given;

            public boolean hasNext() {
                return true;
            }

            public Target next() {
                if (given == 2) {
                    throw broken;
                }
                given++;
                return Target.of("127.0.0.1", port);
            }
        };
        CompletableFuture<Void> all = prober.probeAll(twoThenBroken, 4, delivered::add);
        assertThatThrownBy(() -> all.get(WAIT, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                .cause().isSameAs(broken);
        assertThat(delivered).hasSize(2);
    }

    @Test
    void aNullTargetEndsTheBatchAndReleasesItsSlot() throws Exception {
        List<ConnectionOutcome> delivered = Collections.synchronizedList(new ArrayList<>());
        List<Target> withNull = new ArrayList<>(targets(2));
        withNull.add(null);
        CompletableFuture<Void> all = prober.probeAll(withNull, 1, delivered::add);
        assertThatThrownBy(() -> all.get(WAIT, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                .cause().isInstanceOf(NullPointerException.class);
        assertThat(delivered).hasSize(2);
    }

    @Test
    void theFeedStartsNoThreadOfItsOwn() throws Exception {
        Thread caller = Thread.currentThread();
        List<String> iteratedOn = Collections.synchronizedList(new ArrayList<>());
        Iterable<Target> recorded = () -> new Iterator<>() {
            final Iterator<Target> inner = targets(4).iterator();

            public boolean hasNext() {
                iteratedOn.add(Thread.currentThread().getName());
                return inner.hasNext();
            }

            public Target next() {
                return inner.next();
            }
        };
        List<ConnectionOutcome> delivered = Collections.synchronizedList(new ArrayList<>());
        prober.probeAll(recorded, 2, delivered::add).get(WAIT, TimeUnit.SECONDS);
        assertThat(delivered).hasSize(4);
        assertThat(iteratedOn.get(0)).as("the first probes start on the caller's thread").isEqualTo(caller.getName());
        assertThat(iteratedOn).noneMatch(name -> name.startsWith("rdp-probe-feeder"))
                .as("never on an event loop").noneMatch(name -> name.startsWith("rdp-probe-"));
    }
}
