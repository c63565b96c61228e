package dev.rdpprobe.cli;

import dev.rdpprobe.json.OutcomeJson;
import dev.rdpprobe.core.target.Target;
import dev.rdpprobe.core.tls.TlsProvider;
import io.netty.buffer.ByteBufAllocator;
import java.security.KeyStore;
import java.util.ServiceLoader;
import javax.net.ssl.TrustManagerFactory;

/**
 * Work a probe run will need, started on a second thread while the main thread parses the command
 * line (picocli's model takes ~65 ms of one core on a cold JVM, and a probe run has a second core idle
 * then): the JVM's default trust store (read on the first certificate inspection; the JDK keeps the
 * parsed store for the next reader), the TLS provider's and Netty's class initialisation, and the JSON
 * writer's. It only initialises what the run initialises anyway, it changes no state the run reads
 * differently, and whatever fails here is ignored (the run does the same work itself and reports it).
 * Not started for {@code --help}, {@code --version} or {@code explain}, which need none of it, nor with
 * {@code -Drdpprobe.warmUp=false} (the benchmark's way to measure what it gains).
 */
final class StartupWarmUp {

    /** Held so that the JDK's cached trust store (weakly referenced) outlives the warm-up. */
    private static volatile Object trust;

    private StartupWarmUp() {
    }

    /** Starts the warm-up for a command line that will probe; does nothing for one that will not. */
    static void startFor(String[] args) {
        if (!Boolean.parseBoolean(System.getProperty("rdpprobe.warmUp", "true"))) {
            return;
        }
        for (String a : args) {
            if (a.equals("--help") || a.equals("-h") || a.equals("--version") || a.equals("-V")) {
                return;
            }
        }
        if (args.length == 0 || args[0].equals("explain")) {
            return;
        }
        Thread t = new Thread(StartupWarmUp::warmUp, "rdp-probe-warm-up");
        t.setDaemon(true);
        t.setPriority(Thread.NORM_PRIORITY - 1);
        t.start();
    }

    private static void warmUp() {
        try {
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init((KeyStore) null);
            trust = factory.getTrustManagers();
            ServiceLoader.load(TlsProvider.class, StartupWarmUp.class.getClassLoader()).findFirst();
            ByteBufAllocator.DEFAULT.buffer(64).release();
            OutcomeJson.internalError(Target.of("127.0.0.1"), null, new IllegalStateException("warming up the JSON writer"));
        } catch (Throwable e) { // NOPMD: a warm-up that fails changes nothing; the run does the work itself
            // ignored on purpose
        }
    }
}
