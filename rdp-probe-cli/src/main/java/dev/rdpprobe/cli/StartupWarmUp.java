package dev.rdpprobe.cli;

import dev.rdpprobe.json.OutcomeJson;
import dev.rdpprobe.core.target.Target;
import dev.rdpprobe.core.tls.TlsProvider;
import io.netty.buffer.ByteBufAllocator;
import java.lang.reflect.Field;
import java.security.KeyStore;
import java.util.List;
import java.util.ServiceLoader;
import javax.net.ssl.TrustManagerFactory;

/**
 * Work a run will need, started on a second thread while the main thread loads picocli and builds its
 * model (~65 ms of one core on a cold JVM, with a second core idle then). For every run: the annotations of
 * the command's option holders, which makes the JDK generate picocli's annotation proxy classes (one per
 * annotation type, generated at run time and never kept by a class-data archive) before picocli asks for
 * them. For a probe run also: the JVM's default trust store (read on the first certificate inspection; the
 * JDK keeps the parsed store for the next reader), the TLS provider's and Netty's class initialisation, and
 * the JSON writer's. It only initialises what the run initialises anyway, it changes no state the run reads
 * differently (the JDK hands both threads the same annotations), and whatever fails here is ignored (the
 * run does the same work itself and reports it). The probe part is not started for {@code --help},
 * {@code --version} or {@code explain}, which need none of it; nothing is started with
 * {@code -Drdpprobe.warmUp=false} (the benchmark's way to measure what it gains).
 */
final class StartupWarmUp {

    /** Held so that the JDK's cached trust store (weakly referenced) outlives the warm-up. */
    private static volatile Object trust;

    private StartupWarmUp() {
    }

    /** The classes whose annotations picocli reads to build the command's model: the command and its mixins. */
    static final List<Class<?>> OPTION_HOLDERS = List.of(RdpProbeCommand.class, OutputOptions.class, ProbeSettings.class,
            CredentialOptions.class);

    /** Starts the warm-up for a command line: the annotations always, the probe's work when it will probe. */
    static void startFor(String[] args) {
        if (!Boolean.parseBoolean(System.getProperty("rdpprobe.warmUp", "true"))) {
            return;
        }
        Thread t = new Thread(() -> warmUp(willProbe(args)), "rdp-probe-warm-up");
        t.setDaemon(true);
        t.setPriority(Thread.NORM_PRIORITY - 1);
        t.start();
    }

    /** Whether {@code args} will probe: not for the help, the version or {@code explain}. */
    static boolean willProbe(String[] args) {
        for (String a : args) {
            if (a.equals("--help") || a.equals("-h") || a.equals("--version") || a.equals("-V")) {
                return false;
            }
        }
        return args.length != 0 && !args[0].equals("explain");
    }

    private static void warmUp(boolean probe) {
        try {
            for (Class<?> holder : OPTION_HOLDERS) {
                holder.getAnnotations();
                for (Field field : holder.getDeclaredFields()) {
                    field.getAnnotations();
                }
            }
        } catch (Throwable e) { // NOPMD: a warm-up that fails changes nothing; picocli reads them itself
            // ignored on purpose
        }
        if (probe) {
            warmUpProbe();
        }
    }

    private static void warmUpProbe() {
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
