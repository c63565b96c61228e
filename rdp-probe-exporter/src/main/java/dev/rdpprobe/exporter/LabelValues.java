package dev.rdpprobe.exporter;

/**
 * Label values that come from the server (the NTLM names, its Windows release) are hostile: a server chooses them.
 * Before they become a label value each is bounded to {@link #MAX_CODE_POINTS} code points (longer ones are cut and
 * end with {@code …}), and every control character (C0, DEL, C1, line and paragraph separators) and every lone
 * surrogate becomes U+FFFD. What remains — quotes, backslashes, any other Unicode — the exposition writers of the
 * Prometheus client escape as the text formats require.
 */
final class LabelValues {

    /** The longest label value kept: a NetBIOS name has 15 characters, a DNS name at most 253. */
    static final int MAX_CODE_POINTS = 256;

    private LabelValues() {
    }

    /** The value made safe to expose; {@code null} becomes the empty string. */
    static String bounded(String value) {
        if (value == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(Math.min(value.length(), MAX_CODE_POINTS + 1));
        int count = 0;
        for (int i = 0; i < value.length(); ) {
            if (count == MAX_CODE_POINTS) {
                out.append('…');
                break;
            }
            char c = value.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
                out.append(c).append(value.charAt(i + 1));
                i += 2;
            } else {
                out.append(isUnsafe(c) ? '\uFFFD' : c);
                i++;
            }
            count++;
        }
        return out.toString();
    }

    private static boolean isUnsafe(char c) {
        return Character.isISOControl(c) || Character.isSurrogate(c) || c == '\u2028' || c == '\u2029';
    }
}
