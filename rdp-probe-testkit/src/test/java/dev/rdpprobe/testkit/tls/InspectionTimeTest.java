package dev.rdpprobe.testkit.tls;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rdpprobe.core.RdpProber;
import dev.rdpprobe.core.outcome.DiagnosisCode;
import dev.rdpprobe.core.outcome.ConnectionOutcome;
import dev.rdpprobe.core.outcome.Failure;
import dev.rdpprobe.core.outcome.Phase;
import dev.rdpprobe.core.outcome.PhaseResult;
import dev.rdpprobe.core.outcome.PhaseStatus;
import dev.rdpprobe.testkit.FakeRdpServer;
import dev.rdpprobe.testkit.Scenario;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.Key;
import java.security.KeyStore;
import java.security.KeyStoreSpi;
import java.security.cert.Certificate;
import java.time.Duration;
import java.util.Collections;
import java.util.Date;
import java.util.Enumeration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The certificate inspection runs off the event loop but inside the TLS phase's limit: when the probe's own
 * work outlasts the limit, the phase times out with a failure that blames the probe, not the server. The
 * inspection is held up by a trust store whose aliases are released by the test (a latch, no sleep).
 */
class InspectionTimeTest {

    @Test
    void inspectionOutlastingTheTlsLimitTimesOutAsTheProbesOwnWork() throws Exception {
        try (FakeRdpServer server = FakeRdpServer.start(Scenario.healthyTlsOnly())) {
            warmUp(server);
            ConnectionOutcome o = null;
            CountDownLatch entered = null;
            // The handshake itself must finish within the limit, so that the limit expires during the inspection:
            // a busy machine gets a longer limit.
            for (Duration limit : List.of(Duration.ofMillis(100), Duration.ofMillis(400), Duration.ofMillis(1600))) {
                entered = new CountDownLatch(1);
                CountDownLatch release = new CountDownLatch(1);
                try (RdpProber prober = RdpProber.builder().udp(false).tlsTimeout(limit).deadline(Duration.ofSeconds(20))
                        .trustStore(heldTrustStore(entered, release)).build()) {
                    o = prober.probe(server.target()).join();
                    if (entered.getCount() == 0) {
                        break;
                    }
                } finally {
                    release.countDown();
                }
            }
            assertThat(entered.getCount()).as("the inspection started within one of the limits").isZero();
            PhaseResult tls = o.phase(Phase.TLS_HANDSHAKE);
            assertThat(tls.status()).as("%s", o.phases()).isEqualTo(PhaseStatus.TIMED_OUT);
            assertThat(tls.failure().orElseThrow()).isInstanceOfSatisfying(Failure.LocalWorkTimedOut.class,
                    f -> assertThat(f.work()).isEqualTo("inspection of the server's certificate chain"));
            assertThat(o.diagnosis().code()).isEqualTo(DiagnosisCode.CERT_INSPECTION_TIMED_OUT);
            assertThat(o.diagnosis().summary()).contains("completed the TLS handshake").contains("the time went to the probing machine");
        }
    }

    private static void warmUp(FakeRdpServer server) {
        try (RdpProber prober = RdpProber.builder().udp(false).build()) {
            assertThat(prober.probe(server.target()).join().phase(Phase.TLS_HANDSHAKE).status()).isEqualTo(PhaseStatus.OK);
        }
    }

    /** An empty trust store whose aliases wait for {@code release} (at most 30 s, or an interrupt) after counting down {@code entered}. */
    private static KeyStore heldTrustStore(CountDownLatch entered, CountDownLatch release) throws Exception {
        KeyStore store = new KeyStore(new HeldSpi(entered, release), null, "held") { };
        store.load(null, null);
        return store;
    }

    private static final class HeldSpi extends KeyStoreSpi {
        private final CountDownLatch entered;
        private final CountDownLatch release;

        HeldSpi(CountDownLatch entered, CountDownLatch release) {
            this.entered = entered;
            this.release = release;
        }

        @Override
        public Enumeration<String> engineAliases() {
            entered.countDown();
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return Collections.emptyEnumeration();
        }

        @Override public Key engineGetKey(String alias, char[] password) { return null; }
        @Override public Certificate[] engineGetCertificateChain(String alias) { return null; }
        @Override public Certificate engineGetCertificate(String alias) { return null; }
        @Override public Date engineGetCreationDate(String alias) { return null; }
        @Override public void engineSetKeyEntry(String alias, Key key, char[] password, Certificate[] chain) { }
        @Override public void engineSetKeyEntry(String alias, byte[] key, Certificate[] chain) { }
        @Override public void engineSetCertificateEntry(String alias, Certificate cert) { }
        @Override public void engineDeleteEntry(String alias) { }
        @Override public boolean engineContainsAlias(String alias) { return false; }
        @Override public int engineSize() { return 0; }
        @Override public boolean engineIsKeyEntry(String alias) { return false; }
        @Override public boolean engineIsCertificateEntry(String alias) { return false; }
        @Override public String engineGetCertificateAlias(Certificate cert) { return null; }
        @Override public void engineStore(OutputStream stream, char[] password) { }
        @Override public void engineLoad(InputStream stream, char[] password) { }
    }
}
