package dev.rdpprobe.core.diagnosis;

/**
 * MERGE SHIM — DELETE AT MERGE (see {@link ErrorCodeExplainer}). The real record carries the
 * meanings, phases and next steps; the CLI uses only {@link #toText()}.
 *
 * @param text the rendering
 */
public record Explanation(String text) {

    /** A plain-text rendering, several lines, for people. */
    public String toText() {
        return text;
    }
}
