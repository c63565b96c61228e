package dev.rdpprobe.core.diagnosis;

/**
 * MERGE SHIM — DELETE AT MERGE. The real {@code ErrorCodeExplainer} lives in rdp-probe-core
 * (branch of the diagnosis helper). This copy exists only so that the CLI's {@code explain}
 * subcommand compiles against the same API ({@code parseCode(String)}, {@code explain(long, long)},
 * {@code Explanation.toText()}) before that branch merges. Delete this file and
 * {@code Explanation.java} next to it from rdp-probe-cli when merging.
 */
public final class ErrorCodeExplainer {

    private ErrorCodeExplainer() {
    }

    /** SHIM: says that the explanation tables are not in this build. */
    public static Explanation explain(long disconnectReason, long extendedReason) {
        if (disconnectReason < 0 || disconnectReason > 0xFFFF_FFFFL || extendedReason < 0 || extendedReason > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("codes are 32-bit: 0..0xFFFFFFFF");
        }
        return new Explanation(String.format(java.util.Locale.ROOT,
                "Windows client error 0x%X / 0x%X (decimal %d / %d)%n"
                        + "This build does not include the explanation tables yet (they come with the diagnosis module).%n",
                disconnectReason, extendedReason, disconnectReason, extendedReason));
    }

    /** SHIM: hex with 0x, or decimal; at most 0xFFFFFFFF. */
    public static long parseCode(String text) {
        String s = text == null ? "" : text.strip();
        try {
            long v = s.matches("0[xX][0-9A-Fa-f]{1,8}") ? Long.parseLong(s.substring(2), 16)
                    : s.matches("[0-9]{1,10}") ? Long.parseLong(s) : -1;
            if (v >= 0 && v <= 0xFFFF_FFFFL) {
                return v;
            }
        } catch (NumberFormatException e) {
            // falls through to the message below
        }
        throw new IllegalArgumentException("'" + s + "' is not a code: write it as mstsc shows it, hex with 0x (0x904), or in decimal (2308)");
    }
}
