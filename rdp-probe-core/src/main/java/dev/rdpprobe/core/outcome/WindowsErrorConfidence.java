package dev.rdpprobe.core.outcome;

import java.util.Locale;

/** How sure a {@link WindowsError} is: whether the codes' documented meaning matches the event, or it is an inference. */
public enum WindowsErrorConfidence {
    /** The code's documented meaning matches the event. */
    DOCUMENTED,
    /** An inference from how the client behaves; the documentation does not say. */
    LIKELY;

    /** The lower-case word used in the data files and the JSON: {@code documented} or {@code likely}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The confidence a data-file or JSON word names ({@code documented}, {@code likely}, any case).
     *
     * @throws IllegalArgumentException for any other word
     */
    public static WindowsErrorConfidence parse(String word) {
        for (WindowsErrorConfidence c : values()) {
            if (c.label().equalsIgnoreCase(word.strip())) {
                return c;
            }
        }
        throw new IllegalArgumentException("confidence '" + word + "' is neither documented nor likely");
    }
}
