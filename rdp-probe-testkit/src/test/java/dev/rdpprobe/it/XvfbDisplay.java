package dev.rdpprobe.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A private X display for a real client that opens one before anything else (xfreerdp): an Xvfb that picks a free
 * display itself ({@code -displayfd}) and listens on no TCP port ({@code -nolisten tcp}); closing it stops it.
 */
final class XvfbDisplay implements AutoCloseable {

    private final Process xvfb;
    private final String name;

    private XvfbDisplay(Process xvfb, String name) {
        this.xvfb = xvfb;
        this.name = name;
    }

    /** Starts Xvfb and waits (at most 20 s) until it reports its display. */
    static XvfbDisplay start() throws IOException, InterruptedException {
        Path out = Files.createTempFile("rdpprobe-xvfb", ".display");
        Process p = new ProcessBuilder("Xvfb", "-displayfd", "1", "-screen", "0", "800x600x24", "-nolisten", "tcp")
                .redirectOutput(out.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try {
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (System.nanoTime() < end && p.isAlive()) {
                String written = Files.readString(out, StandardCharsets.US_ASCII);
                if (written.matches("[0-9]+\n")) { // the whole line: the number, then its newline
                    return new XvfbDisplay(p, ":" + written.strip());
                }
                Thread.sleep(50);
            }
            p.destroyForcibly();
            throw new IllegalStateException("Xvfb reported no display (exited: " + !p.isAlive() + "); install xvfb");
        } finally {
            Files.deleteIfExists(out);
        }
    }

    /** The display, as {@code DISPLAY} names it ({@code :N}). */
    String name() {
        return name;
    }

    @Override
    public void close() throws InterruptedException {
        xvfb.destroy();
        if (!xvfb.waitFor(5, TimeUnit.SECONDS)) {
            xvfb.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
    }
}
