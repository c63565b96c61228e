package dev.rdpprobe.json;

/**
 * A refusal raised while {@link OutcomeReader} maps a tree (unchecked, so that mapping methods compose as
 * functions); {@link OutcomeJson} turns it into the {@link OutcomeJsonException} callers see.
 */
final class Refusal extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String path;
    private final String expected;
    private final String found;

    Refusal(String path, String expected, String found, Throwable cause) {
        super(path + ": expected " + expected + ", found " + found, cause, false, false);
        this.path = path;
        this.expected = expected;
        this.found = found;
    }

    OutcomeJsonException toException() {
        return new OutcomeJsonException(path, expected, found, getCause());
    }
}
