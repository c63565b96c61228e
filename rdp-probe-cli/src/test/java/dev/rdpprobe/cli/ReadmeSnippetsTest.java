package dev.rdpprobe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Every Java snippet of the README is compiled: a block marked {@code <!-- snippet: FILE#NAME -->} must be,
 * line for line (indentation removed), the region {@code // snippet:NAME} … {@code // end:NAME} of FILE, a
 * source of the consumer project (consumer-test/, built and run by bin/test against the installed library).
 */
class ReadmeSnippetsTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Pattern MARKED = Pattern.compile("<!-- snippet: ([^#\\s]+)#([\\w-]+) -->\\s*```java\\n(.*?)```", Pattern.DOTALL);

    @Test
    void everyJavaBlockOfTheReadmeIsASnippetOfACompiledSource() throws IOException {
        String readme = Files.readString(ROOT.resolve("README.md"));
        int javaBlocks = count(readme, "```java");
        List<String> problems = new ArrayList<>();
        Matcher m = MARKED.matcher(readme);
        int marked = 0;
        while (m.find()) {
            marked++;
            Path file = ROOT.resolve(m.group(1));
            if (!Files.isRegularFile(file)) {
                problems.add(m.group(1) + " does not exist");
                continue;
            }
            List<String> region = region(Files.readAllLines(file), m.group(2));
            if (region == null) {
                problems.add(m.group(1) + " has no region // snippet:" + m.group(2) + " … // end:" + m.group(2));
            } else if (!dedent(region).equals(dedent(m.group(3).lines().toList()))) {
                problems.add("README block " + m.group(1) + "#" + m.group(2) + " differs from the source:\n"
                        + String.join("\n", dedent(region)));
            }
        }
        assertThat(problems).isEmpty();
        assertThat(marked).as("every ```java block of the README is marked as a snippet").isEqualTo(javaBlocks);
        assertThat(marked).isPositive();
    }

    private static List<String> region(List<String> lines, String name) {
        int start = -1;
        for (int i = 0; i < lines.size(); i++) {
            String t = lines.get(i).trim();
            if (t.equals("// snippet:" + name)) {
                start = i + 1;
            } else if (t.equals("// end:" + name) && start >= 0) {
                return lines.subList(start, i);
            }
        }
        return null;
    }

    private static List<String> dedent(List<String> lines) {
        int indent = lines.stream().filter(l -> !l.isBlank()).mapToInt(l -> l.length() - l.stripLeading().length()).min().orElse(0);
        return lines.stream().map(l -> l.isBlank() ? "" : l.substring(indent).stripTrailing()).toList();
    }

    private static int count(String text, String what) {
        int n = 0;
        for (int i = text.indexOf(what); i >= 0; i = text.indexOf(what, i + 1)) {
            n++;
        }
        return n;
    }
}
