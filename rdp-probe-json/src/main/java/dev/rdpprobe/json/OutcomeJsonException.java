package dev.rdpprobe.json;

import java.io.IOException;

/**
 * A document that {@link OutcomeJson#read} refuses: not JSON, over a bound of {@link JsonOptions}, or JSON
 * that is not an outcome of the contract. {@link #path()} names where (a JSONPath such as
 * {@code $.phases[3].status}), {@link #expected()} what was expected there, {@link #found()} what was there.
 * The message quotes at most a few dozen characters of the document, with invisible characters escaped.
 */
public final class OutcomeJsonException extends IOException {

    private static final long serialVersionUID = 1L;

    private final String path;
    private final String expected;
    private final String found;

    OutcomeJsonException(String path, String expected, String found) {
        this(path, expected, found, null);
    }

    OutcomeJsonException(String path, String expected, String found, Throwable cause) {
        super(path + ": expected " + expected + ", found " + found, cause);
        this.path = path;
        this.expected = expected;
        this.found = found;
    }

    /** Where in the document: {@code $} for the whole, {@code $.server.tls.chain[0].notAfter} for a value. */
    public String path() {
        return path;
    }

    /** What the contract expects there, e.g. {@code one of OK, FAILED, TIMED_OUT, SKIPPED, NOT_REACHED}. */
    public String expected() {
        return expected;
    }

    /** What the document has there, e.g. {@code the string "DONE"}, or {@code no such field}. */
    public String found() {
        return found;
    }
}
