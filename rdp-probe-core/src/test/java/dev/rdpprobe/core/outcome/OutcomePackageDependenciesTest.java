package dev.rdpprobe.core.outcome;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The outcome model sits below everything but {@code target}: it imports no codec, no machine, no root
 * type and not the diagnosis logic, so that the values users compare never drag internal types into the API.
 */
class OutcomePackageDependenciesTest {

    private static final Path SOURCES = Path.of("src/main/java/dev/rdpprobe/core/outcome");
    private static final Pattern OUR_IMPORT = Pattern.compile("^import (static )?dev\\.rdpprobe\\.(\\S+);", Pattern.MULTILINE);

    @Test
    void theOutcomeModelImportsOnlyTheTargetPackageOfOurs() throws IOException {
        List<Path> sources;
        try (Stream<Path> files = Files.list(SOURCES)) {
            sources = files.filter(f -> f.toString().endsWith(".java")).toList();
        }
        assertThat(sources).as("the outcome sources, read from the module directory").hasSizeGreaterThan(20);
        List<String> forbidden = sources.stream().flatMap(f -> {
                String text = read(f);
                return OUR_IMPORT.matcher(text).results().map(m -> m.group(2))
                        .filter(imported -> !imported.startsWith("core.target.") && !imported.startsWith("core.outcome."))
                        .map(imported -> f.getFileName() + " imports " + imported);
        }).toList();
        assertThat(forbidden).isEmpty();
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
