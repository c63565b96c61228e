package dev.rdpprobe.cli;

import java.io.PrintWriter;
import java.util.Locale;

/**
 * A one-line progress bar on stderr, redrawn in place with '\r'. It draws nothing unless enabled
 * (only when stderr is a terminal), and redraws at most every 50 ms.
 */
final class ProgressBar {

    private static final int WIDTH = 30;
    private static final long MIN_REDRAW_NANOS = 50_000_000L;

    private final PrintWriter err;
    private final int total;
    private final boolean enabled;
    private final boolean unicode;
    private int done;
    private int problems;
    private long lastDraw = Long.MIN_VALUE;
    private int drawnLength;

    ProgressBar(PrintWriter err, int total, boolean enabled, boolean unicode) {
        this.err = err;
        this.total = total;
        this.enabled = enabled;
        this.unicode = unicode;
    }

    /** Records progress and redraws if enough time has passed (or everything is done). */
    void update(int doneNow, int problemsNow) {
        this.done = doneNow;
        this.problems = problemsNow;
        long now = System.nanoTime();
        if (enabled && (doneNow == total || lastDraw == Long.MIN_VALUE || now - lastDraw >= MIN_REDRAW_NANOS)) {
            draw(now);
        }
    }

    /** Redraws the current state (after {@link #clear()}). */
    void redraw() {
        if (enabled) {
            draw(System.nanoTime());
        }
    }

    /** Removes the bar from the line, so that other output starts on a clean line. */
    void clear() {
        if (enabled && drawnLength > 0) {
            err.print("\r" + " ".repeat(drawnLength) + "\r");
            err.flush();
            drawnLength = 0;
        }
    }

    private void draw(long now) {
        lastDraw = now;
        int cells = total == 0 ? WIDTH : (int) ((long) done * WIDTH / total);
        String bar = (unicode ? "█" : "#").repeat(cells) + (unicode ? "░" : ".").repeat(WIDTH - cells);
        String text = String.format(Locale.ROOT, "[%s] %d/%d  %d with problems", bar, done, total, problems);
        err.print("\r" + text + (text.length() < drawnLength ? " ".repeat(drawnLength - text.length()) : ""));
        err.flush();
        drawnLength = Math.max(drawnLength, text.length());
    }
}
