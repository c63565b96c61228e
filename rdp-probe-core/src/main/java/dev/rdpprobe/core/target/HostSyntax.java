package dev.rdpprobe.core.target;

import java.net.IDN;
import java.util.Locale;

/**
 * The syntax of a host name that can resolve (RFC 1035 / RFC 1123, names with '_' as some internal DNS
 * zones use them, and internationalised names through {@link IDN}): what {@link Target} refuses before
 * any DNS query leaves the machine, with a message that says what to fix.
 */
final class HostSyntax {

    /** The longest label of a DNS name (RFC 1035 2.3.4). */
    static final int MAX_LABEL_LENGTH = 63;

    private HostSyntax() {
    }

    /**
     * The ASCII form of a host name: an internationalised name becomes its punycode ({@code bücher.example}
     * → {@code xn--bcher-kva.example}); an ASCII name is returned as it is.
     *
     * @throws IllegalArgumentException if a non-ASCII name is not a valid internationalised name
     */
    static String toAscii(String host) {
        if (host.chars().allMatch(c -> c < 0x80)) {
            return host;
        }
        try {
            return IDN.toASCII(host, IDN.USE_STD3_ASCII_RULES);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("host '" + host + "' is not a valid internationalised name ("
                    + e.getMessage() + "); check its spelling, or give its punycode (xn--…) form");
        }
    }

    /**
     * Why an ASCII host that is not an IP literal can never resolve, or {@code null} when its syntax is
     * fine: an empty label, a label over 63 characters or with a leading or trailing hyphen, a character
     * no host name has, or a dotted run of numbers that is no IPv4 address ({@code 999.1.1.1},
     * {@code 1.2.3.4.5}). One trailing dot (a fully qualified name) is allowed.
     */
    static String problem(String host) {
        String name = host.endsWith(".") && host.length() > 1 ? host.substring(0, host.length() - 1) : host;
        String[] labels = name.split("\\.", -1);
        boolean allNumeric = true;
        for (String label : labels) {
            if (label.isEmpty()) {
                return "host '" + host + "' has an empty label (two dots in a row, or a dot at the start); remove the extra dot";
            }
            if (label.length() > MAX_LABEL_LENGTH) {
                return "host '" + host + "' has a label of " + label.length() + " characters; a DNS label has at most "
                        + MAX_LABEL_LENGTH;
            }
            if (label.startsWith("-") || label.endsWith("-")) {
                return "host '" + host + "' has the label '" + label + "', which starts or ends with '-'; no host name does";
            }
            for (int i = 0; i < label.length(); i++) {
                char c = label.charAt(i);
                if (!(Character.isLetterOrDigit(c) && c < 0x80) && c != '-' && c != '_') {
                    return "host '" + host + "' contains '" + c + "'; a host name has letters, digits, '-' and '.' only";
                }
            }
            allNumeric &= label.chars().allMatch(c -> c >= '0' && c <= '9');
        }
        if (allNumeric) {
            return "host '" + host + "' is not an IPv4 address (four numbers 0-255, such as 192.0.2.10)"
                    + (labels.length == 4 ? "" : String.format(Locale.ROOT, "; it has %d parts", labels.length));
        }
        return null;
    }
}
