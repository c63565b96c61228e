package dev.rdpprobe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.StringWriter;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The ASCII fallback of the report's symbols, and exact JSON, in charsets that cannot show everything. */
class ConsoleTextTest {

    private static final Charset CP437 = Charset.forName("IBM437");
    private static final Charset CP1252 = Charset.forName("windows-1252");
    private static final String REPORT_LINE = "━━ 7/11  Event Viewer → Operational … │███░│ · Müller";

    @Test
    void usAsciiGetsTheAsciiFormOfEachSymbolAndAQuestionMarkForTheRest() {
        assertThat(ConsoleText.fit(REPORT_LINE, StandardCharsets.US_ASCII))
                .isEqualTo("== 7/11  Event Viewer -> Operational ... |###.| . M?ller");
        assertThat(ConsoleText.fit("日本 😀 x", StandardCharsets.US_ASCII)).as("one ? per code point").isEqualTo("?? ? x");
    }

    @Test
    void aWindowsCodePageKeepsWhatItCanShow() {
        assertThat(ConsoleText.fit(REPORT_LINE, CP437)).isEqualTo("== 7/11  Event Viewer -> Operational ... │███░│ · Müller");
        assertThat(ConsoleText.fit(REPORT_LINE, CP1252)).isEqualTo("== 7/11  Event Viewer -> Operational … |###.| · Müller");
    }

    @Test
    void aUtfChangesNothing() {
        assertThat(ConsoleText.fit(REPORT_LINE, StandardCharsets.UTF_8)).isSameAs(REPORT_LINE);
        assertThat(ConsoleText.fitJson("{\"a\":\"→\"}", StandardCharsets.UTF_8)).isEqualTo("{\"a\":\"→\"}");
    }

    @Test
    void theReportDrawsInAsciiUnlessTheCharsetShowsAllItsSymbols() {
        assertThat(ConsoleText.showsReportSymbols(StandardCharsets.UTF_8)).isTrue();
        assertThat(ConsoleText.showsReportSymbols(CP437)).as("no ━ or → in code page 437").isFalse();
        assertThat(ConsoleText.showsReportSymbols(CP1252)).isFalse();
        assertThat(ConsoleText.showsReportSymbols(StandardCharsets.US_ASCII)).isFalse();
    }

    @Test
    void everyAsciiFormIsAsciiAndEveryReportSymbolHasOne() {
        assertThat(ConsoleText.ASCII_FORMS.values()).allMatch(v -> v.chars().allMatch(c -> c >= 0x20 && c < 0x7F));
        ConsoleText.REPORT_SYMBOLS.codePoints().forEach(cp -> assertThat(ConsoleText.ASCII_FORMS).containsKey(cp));
    }

    @Test
    void jsonKeepsItsExactValuesThroughEscapes() throws Exception {
        String json = new ObjectMapper().writeValueAsString(java.util.Map.of("remedy", "Event Viewer → Operational … 😀 Müller"));
        String ascii = ConsoleText.fitJson(json, StandardCharsets.US_ASCII);
        assertThat(ascii).matches("\\p{ASCII}*").contains("\\u2192");
        assertThat(new ObjectMapper().readTree(ascii).get("remedy").asText()).isEqualTo("Event Viewer → Operational … 😀 Müller");
        String cp437 = ConsoleText.fitJson(json, CP437);
        assertThat(cp437).as("plain ASCII: a file in any code page, and UTF-8").matches("\\p{ASCII}*").contains("M\\u00fcller");
        assertThat(new ObjectMapper().readTree(cp437).get("remedy").asText()).isEqualTo("Event Viewer → Operational … 😀 Müller");
    }

    @Test
    void theWriterFitsASurrogatePairSplitAcrossWrites() throws Exception {
        StringWriter sink = new StringWriter();
        try (ConsoleWriter writer = new ConsoleWriter(sink, StandardCharsets.US_ASCII)) {
            String text = "a😀b → c";
            writer.write(text, 0, 2); // "a" and the high surrogate
            writer.write(text.substring(2));
            writer.write('!');
        }
        assertThat(sink.toString()).isEqualTo("a?b -> c!");
    }
}
