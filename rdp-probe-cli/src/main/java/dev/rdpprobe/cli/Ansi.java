package dev.rdpprobe.cli;

/** ANSI styles, applied only when colour is on. */
enum Ansi {
    BOLD("1"),
    DIM("2"),
    RED("31"),
    GREEN("32"),
    YELLOW("33"),
    CYAN("36");

    private final String code;

    Ansi(String code) {
        this.code = code;
    }

    /** {@code text} in this style when {@code colour} is on, else {@code text} unchanged. */
    String apply(String text, boolean colour) {
        return colour && !text.isEmpty() ? "\u001b[" + code + "m" + text + "\u001b[0m" : text;
    }
}
