package dev.rdpprobe.it;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

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

    /** Starts Xvfb and waits (at most 20 s) until it reports its display on its stdout. */
    static XvfbDisplay start() throws IOException, InterruptedException {
        Process p = new ProcessBuilder("Xvfb", "-displayfd", "1", "-screen", "0", "800x600x24", "-nolisten", "tcp")
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        // the first line of its stdout is the display number; it is null when Xvfb exits without one
        CompletableFuture<String> line = CompletableFuture.supplyAsync(() -> {
            try {
                return new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.US_ASCII)).readLine();
            } catch (IOException e) {
                return null;
            }
        });
        String written;
        try {
            written = line.get(20, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            written = null;
        }
        if (written != null && written.matches("[0-9]+")) {
            return new XvfbDisplay(p, ":" + written);
        }
        p.destroyForcibly();
        throw new IllegalStateException("Xvfb reported no display (exited: " + !p.isAlive() + "); install xvfb");
    }

    /** The display, as {@code DISPLAY} names it ({@code :N}). */
    String name() {
        return name;
    }

    @Override
    public void close() {
        xvfb.destroy();
        try {
            if (!xvfb.waitFor(5, TimeUnit.SECONDS)) {
                xvfb.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            xvfb.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
