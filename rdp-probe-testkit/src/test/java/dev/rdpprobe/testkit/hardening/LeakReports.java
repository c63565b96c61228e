package dev.rdpprobe.testkit.hardening;

import io.netty.buffer.ByteBufUtil;
import io.netty.util.ResourceLeakDetector;
import io.netty.util.ResourceLeakDetectorFactory;
import java.util.ArrayList;
import java.util.List;

/**
 * Collects Netty's leak reports instead of only logging them, so that a test can fail on any. Two hooks:
 * a {@link ResourceLeakDetector.LeakListener} on the detector of every {@code ByteBuf} (pooled, unpooled,
 * composite: they share one detector), which works whenever it is installed; and a
 * {@link ResourceLeakDetectorFactory} whose detectors record their reports, which covers other reference-counted
 * types whose detector is created after {@link #install()} (in a JVM where the soak runs first, all of them).
 */
final class LeakReports {

    private static final List<String> REPORTS = new ArrayList<>();
    private static boolean installed;

    private LeakReports() {
    }

    /** Installs both hooks (once per JVM). */
    static synchronized void install() {
        if (installed) {
            return;
        }
        installed = true;
        ByteBufUtil.setLeakListener((resourceType, records) -> add("LEAK " + resourceType + ": " + records));
        ResourceLeakDetectorFactory.setResourceLeakDetectorFactory(new RecordingFactory());
    }

    /** Every report since the last {@link #clear()}. */
    static synchronized List<String> reports() {
        return List.copyOf(REPORTS);
    }

    static synchronized void clear() {
        REPORTS.clear();
    }

    private static synchronized void add(String report) {
        REPORTS.add(report);
    }

    private static final class RecordingFactory extends ResourceLeakDetectorFactory {
        @Override
        public <T> ResourceLeakDetector<T> newResourceLeakDetector(Class<T> resource, int samplingInterval, long maxActive) {
            return new ResourceLeakDetector<T>(resource, samplingInterval) {
                @Override
                protected void reportTracedLeak(String resourceType, String records) {
                    add("LEAK " + resourceType + ": " + records);
                    super.reportTracedLeak(resourceType, records);
                }

                @Override
                protected void reportUntracedLeak(String resourceType) {
                    add("LEAK " + resourceType + " (untraced)");
                    super.reportUntracedLeak(resourceType);
                }
            };
        }
    }
}
