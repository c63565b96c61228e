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
     * The template split once into its literal text and its placeholders, so that filling it in copies each part
     * once; a template without placeholders is filled in as its own text, with no copy.
     *
     * @throws IllegalArgumentException if a brace is not closed or a name is empty or not a plain word
     */
    static Compiled compile(String template) {
        placeholders(template); // the same validation as the tables get
        List<String> parts = new ArrayList<>();
        int literalStart = 0;
        int open;
        while ((open = template.indexOf('{', literalStart)) >= 0) {
            int close = template.indexOf('}', open + 1);
            parts.add(template.substring(literalStart, open));
            parts.add(template.substring(open + 1, close));
            literalStart = close + 1;
        }
        parts.add(template.substring(literalStart));
        return new Compiled(template, parts.size() == 1 ? null : parts.toArray(new String[0]));
    }

    /**
     * A template as {@link #compile} split it: it fills in exactly as {@link #render} does.
     *
     * @param template the template's text
     * @param parts literal, name, literal, …, name, literal (names at the odd indices); {@code null} without placeholders
     */
    record Compiled(String template, String[] parts) {

        /**
         * Fills every placeholder from {@code values}.
         *
         * @throws IllegalArgumentException if a placeholder has no value (a programming error, as for {@link #render})
         */
        String render(Map<String, String> values) {
            if (parts == null) {
                return template;
            }
            String[] filled = new String[parts.length];
            for (int i = 0; i < parts.length; i++) {
                if (i % 2 == 0) {
                    filled[i] = parts[i];
                } else {
                    String value = values.get(parts[i]);
                    if (value == null) {
                        throw new IllegalArgumentException("no value for {" + parts[i] + "} in: " + template);
                    }
                    filled[i] = value;
                }
            }
            return String.join("", filled);
        }
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
