package dev.rdpprobe.cli;

/**
 * A scenario config that cannot be served, with where and what: {@code FILE:LINE: what is wrong}
 * (line 0 when the fault has no line, as an unreadable file).
 */
final class ScenarioConfigException extends Exception {

    private static final long serialVersionUID = 1L;

    private final String source;
    private final int line;
    private final String problem;

    ScenarioConfigException(String source, int line, String problem) {
        super(line > 0 ? source + ":" + line + ": " + problem : source + ": " + problem);
        this.source = source;
        this.line = line;
        this.problem = problem;
    }

    /** The file name (or "request body" for a config posted to the admin interface). */
    String source() {
        return source;
    }

    /** The 1-based line of the fault, 0 if it has none. */
    int line() {
        return line;
    }

    /** What is wrong, without the place. */
    String problem() {
        return problem;
    }
}
