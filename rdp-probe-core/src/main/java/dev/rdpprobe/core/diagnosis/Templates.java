package dev.rdpprobe.core.diagnosis;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** {@code {name}} placeholders in the texts of the data tables: listing them and filling them in. */
final class Templates {

    private Templates() {
    }

    /**
     * The placeholder names a template uses, in order of appearance.
     *
     * @throws IllegalArgumentException if a brace is not closed or a name is empty or not a plain word
     */
    static List<String> placeholders(String template) {
        List<String> names = new ArrayList<>();
        int i = 0;
        while (i < template.length()) {
            char c = template.charAt(i);
            if (c == '}') {
                throw new IllegalArgumentException("'}' without '{' at position " + i + " of: " + template);
            }
            if (c != '{') {
                i++;
                continue;
            }
            int close = template.indexOf('}', i + 1);
            if (close < 0) {
                throw new IllegalArgumentException("'{' at position " + i + " is never closed in: " + template);
            }
            String name = template.substring(i + 1, close);
            if (!name.matches("[A-Za-z][A-Za-z0-9]*")) {
                throw new IllegalArgumentException("'{" + name + "}' is not a variable name (letters and digits) in: " + template);
            }
            names.add(name);
            i = close + 1;
        }
        return names;
    }

    /**
     * Fills every placeholder from {@code values}.
     *
     * @throws IllegalArgumentException if a placeholder has no value (the tables are validated
     *     against the variable names, so this means a programming error)
     */
    static String render(String template, Map<String, String> values) {
        StringBuilder out = new StringBuilder(template.length() + 64);
        int i = 0;
        while (i < template.length()) {
            char c = template.charAt(i);
            if (c != '{') {
                out.append(c);
                i++;
                continue;
            }
            int close = template.indexOf('}', i + 1);
            if (close < 0) {
                throw new IllegalArgumentException("'{' at position " + i + " is never closed in: " + template);
            }
            String name = template.substring(i + 1, close);
            String value = values.get(name);
            if (value == null) {
                throw new IllegalArgumentException("no value for {" + name + "} in: " + template);
            }
            out.append(value);
            i = close + 1;
        }
        return out.toString();
    }
}
