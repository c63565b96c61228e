package dev.rdpprobe.core.diagnosis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rdpprobe.core.outcome.DiagnosisEntry;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A template split once ({@link Templates#compile}) fills in exactly as the template text does ({@link Templates#render}). */
class TemplatesTest {

    @Test
    void everyTemplateOfTheTableFillsInAsItsText() {
        List<String> templates = new ArrayList<>();
        for (DiagnosisEntry entry : DiagnosisTable.standard().entries()) {
            templates.add(entry.summaryTemplate());
            templates.addAll(entry.remedyTemplates());
        }
        assertThat(templates).hasSizeGreaterThan(100);
        Map<String, String> values = new HashMap<>();
        for (String name : OutcomeFacts.VARIABLES) {
            values.put(name, "«" + name + " → value»");
        }
        int constant = 0;
        for (String template : templates) {
            Templates.Compiled compiled = Templates.compile(template);
            assertThat(compiled.render(values)).as(template).isEqualTo(Templates.render(template, values));
            if (Templates.placeholders(template).isEmpty()) {
                assertThat(compiled.render(values)).as("a template without placeholders is its own text").isSameAs(template);
                constant++;
            }
        }
        assertThat(constant).as("some templates have no placeholder").isPositive();
    }

    @Test
    void placeholdersAtTheEdgesAndSideBySideFillIn() {
        Map<String, String> values = Map.of("a", "1", "b", "", "host", "rds01");
        for (String template : List.of("{a}", "{a}{b}{a}", "x{a}", "{a}x", "", "no placeholder", "{host}:{a} → done")) {
            assertThat(Templates.compile(template).render(values)).as(template).isEqualTo(Templates.render(template, values));
        }
        assertThat(Templates.compile("{a}{b}{a}").render(values)).isEqualTo("11");
    }

    @Test
    void aMissingValueAndAMalformedTemplateAreRefusedAsByRender() {
        assertThatThrownBy(() -> Templates.compile("see {host} now").render(Map.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("no value for {host} in: see {host} now");
        assertThatThrownBy(() -> Templates.compile("see {host now")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Templates.compile("see {} now")).isInstanceOf(IllegalArgumentException.class);
    }
}
