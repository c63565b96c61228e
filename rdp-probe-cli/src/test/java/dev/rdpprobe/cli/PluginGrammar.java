package dev.rdpprobe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The output grammar of the Monitoring Plugins Development Guidelines, written independently of the code
 * under test: one line {@code RDP STATE - text[ | perfdata]}, the text without {@code |}, and perfdata items
 * {@code 'label'=value[UOM];[warn];[crit];[min];[max]} separated by spaces, warn and crit in the range
 * syntax, min and max plain numbers, the value a number or {@code U}.
 */
final class PluginGrammar {

    static final String NUMBER = "-?(?:\\d+(?:\\.\\d*)?|\\.\\d+)";
    static final String RANGE = "@?(?:(?:~|" + NUMBER + ")?:)?(?:" + NUMBER + ")?";
    static final String UOM = "(?:s|ms|us|%|B|KB|MB|TB|c)?";
    static final String LABEL = "'(?:[^'=]|'')+'|[^'= ]+";
    static final Pattern ITEM = Pattern.compile("(" + LABEL + ")=(U|" + NUMBER + UOM + ")"
            + "(?:;(" + RANGE + ")(?:;(" + RANGE + ")(?:;(" + NUMBER + ")?(?:;(" + NUMBER + ")?)?)?)?)?");
    static final Pattern LINE = Pattern.compile("RDP (OK|WARNING|CRITICAL|UNKNOWN) - ([^|\\r\\n]+?)(?: \\| ([^|\\r\\n]+))?");

    /** One parsed status line. */
    record Parsed(String state, String text, Map<String, Item> perfData) {
    }

    /** One parsed perfdata item. */
    record Item(String value, String warn, String crit, String min, String max) {
    }

    private PluginGrammar() {
    }

    /** Parses everything a plugin printed: exactly one line, ending with one line break, matching the grammar. */
    static Parsed parse(String stdout) {
        assertThat(stdout).as("the plugin's output").endsWith(System.lineSeparator());
        List<String> lines = stdout.lines().toList();
        assertThat(lines).as("one line: %s", stdout).hasSize(1);
        String line = lines.get(0);
        Matcher m = LINE.matcher(line);
        assertThat(m.matches()).as("status line grammar: %s", line).isTrue();
        Map<String, Item> items = new LinkedHashMap<>();
        if (m.group(3) != null) {
            List<String> seen = new ArrayList<>();
            Matcher item = ITEM.matcher(m.group(3));
            int at = 0;
            while (at < m.group(3).length()) {
                assertThat(item.find(at) && item.start() == at).as("perfdata item at %d of '%s'", at, m.group(3)).isTrue();
                String label = item.group(1).startsWith("'") ? item.group(1).substring(1, item.group(1).length() - 1) : item.group(1);
                seen.add(label);
                items.put(label, new Item(item.group(2), item.group(3), item.group(4), item.group(5), item.group(6)));
                at = item.end();
                if (at < m.group(3).length()) {
                    assertThat(m.group(3).charAt(at)).as("items are separated by one space").isEqualTo(' ');
                    at++;
                }
            }
            assertThat(seen).as("labels are unique").doesNotHaveDuplicates();
        }
        return new Parsed(m.group(1), m.group(2), items);
    }
}
