package dev.rdpprobe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rdpprobe.core.outcome.ConnectionOutcome;
import dev.rdpprobe.core.outcome.Failure;
import dev.rdpprobe.core.outcome.Phase;
import dev.rdpprobe.core.outcome.PhaseResult;
import dev.rdpprobe.json.OutcomeJson;
import dev.rdpprobe.testkit.SampleOutcomes;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class TerminalTextTest {

    @Test
    void theJsonOutputEscapesEveryCharacterTheTerminalHides() throws Exception {
        // the JSON module keeps its own copy of the set (it cannot depend on the CLI): they must agree
        StringBuilder hidden = new StringBuilder();
        for (int cp = 0; cp <= Character.MAX_CODE_POINT; cp++) {
            if (TerminalText.hidden(cp) && cp != '"' && cp != '\\') {
                hidden.appendCodePoint(cp);
            }
        }
        ConnectionOutcome o = SampleOutcomes.withX224(PhaseResult.failed(Phase.X224_NEGOTIATION, Duration.ZERO, Duration.ofMillis(1),
                new Failure.NotTls(hidden.toString())));
        String line = OutcomeJson.toJson(o);
        line.codePoints().forEach(cp -> assertThat(TerminalText.hidden(cp)).as("U+%04X raw in the JSON", cp).isFalse());
        assertThat(OutcomeJson.read(line)).isEqualTo(o);
        assertThat(OutcomeJson.toJson(SampleOutcomes.withX224(PhaseResult.failed(Phase.X224_NEGOTIATION, Duration.ZERO,
                Duration.ofMillis(1), new Failure.NotTls("Müller 東京 \uD83D\uDE00"))))).as("printable characters stay raw; a surrogate pair becomes an escaped pair")
                .contains("Müller 東京 \\uD83D\\uDE00");
    }

    @Test
    void controlsBecomeVisibleHexEscapes() {
        assertThat(TerminalText.escape("a\u001b[2Jb")).isEqualTo("a\\x1b[2Jb");
        assertThat(TerminalText.escape("\u001b]0;title\u0007")).isEqualTo("\\x1b]0;title\\x07");
        assertThat(TerminalText.escape("x\r\nverdict: OK")).isEqualTo("x\\x0d\\x0averdict: OK");
        assertThat(TerminalText.escape("\u0000\t\u007f")).isEqualTo("\\x00\\x09\\x7f");
        assertThat(TerminalText.escape("\u0085\u009b")).as("C1").isEqualTo("\\x85\\x9b");
    }

    @Test
    void bidiZeroWidthAndSeparatorsBecomeUnicodeEscapes() {
        assertThat(TerminalText.escape("\u202Egnp.exe")).isEqualTo("\\u202egnp.exe");
        for (char c : new char[] {'\u202A', '\u202B', '\u202C', '\u202D', '\u202E', '\u2066', '\u2067', '\u2068', '\u2069',
            '\u200E', '\u200F', '\u061C', '\u200B', '\u200C', '\u200D', '\u2060', '\uFEFF', '\u2028', '\u2029', '\u00AD'}) {
            assertThat(TerminalText.hidden(c)).as("U+%04X", (int) c).isTrue();
            assertThat(TerminalText.escape("a" + c + "b")).as("U+%04X", (int) c).doesNotContain(String.valueOf(c));
        }
        assertThat(TerminalText.escape("tag\uDB40\uDC41")).as("a tag character beyond the BMP").isEqualTo("tag\\U000e0041");
    }

    @Test
    void loneSurrogatesAreEscapedAndPairsKept() {
        assertThat(TerminalText.escape("a\uD800b")).isEqualTo("a\\ud800b");
        assertThat(TerminalText.escape("\uDC00")).isEqualTo("\\udc00");
        assertThat(TerminalText.escape("smile \uD83D\uDE00")).isEqualTo("smile \uD83D\uDE00");
    }

    @Test
    void printableTextIsKeptAsItIs() {
        String text = "CN=rds01.example.com, O=Müller & Söhne → 東京 \\ backslash";
        assertThat(TerminalText.escape(text)).isSameAs(text);
        assertThat(TerminalText.safe(text)).isEqualTo(text);
        assertThat(TerminalText.escape(null)).isNull();
        assertThat(TerminalText.safe(null)).isNull();
    }

    @Test
    void escapingIsIdempotent() {
        String hostile = "\u001b[31m\u202E\uD800x\r\n" + "y".repeat(500);
        String once = TerminalText.safe(hostile);
        assertThat(TerminalText.safe(once)).isEqualTo(once);
        assertThat(TerminalText.prose(once)).isEqualTo(once);
        assertThat(TerminalText.escape(once)).isEqualTo(once);
    }

    @Test
    void longValuesAreCutWithTheirFullLength() {
        String cut = TerminalText.safe("A".repeat(3000));
        assertThat(cut).endsWith("…(3000 chars)").startsWith("AAAA");
        assertThat(cut.codePointCount(0, cut.length())).isEqualTo(TerminalText.MAX_VALUE);
        assertThat(TerminalText.safe("A".repeat(TerminalText.MAX_VALUE))).isEqualTo("A".repeat(TerminalText.MAX_VALUE));
        String emoji = "\uD83D\uDE00".repeat(300);
        String cutEmoji = TerminalText.cut(emoji, 50);
        assertThat(cutEmoji).endsWith("…(300 chars)");
        assertThat(Character.isHighSurrogate(cutEmoji.charAt(cutEmoji.indexOf('…') - 1))).as("no pair split").isFalse();
    }

    @Test
    void aCutNeverSplitsAnEscape() {
        for (int letters = 170; letters < 200; letters++) {
            String cut = TerminalText.safe("A".repeat(letters) + "\u202E".repeat(20));
            assertThat(cut).endsWith("…(" + (letters + 20) + " chars)");
            String kept = cut.substring(0, cut.indexOf('…'));
            assertThat(kept.replace("\\u202e", "")).as("whole escapes only: %s", kept).matches("A+");
        }
    }

    @Test
    void proseCutsOnlyTheOverlongWords() {
        String sentence = "The server " + "B".repeat(2000) + " is fine, and so is this long sentence " + "word ".repeat(100);
        String out = TerminalText.prose(sentence);
        assertThat(out).startsWith("The server BBBB").contains("…(2000 chars) is fine, and so is this long sentence word word");
        assertThat(out.split(" ")).allSatisfy(w -> assertThat(w.length()).isLessThanOrEqualTo(TerminalText.MAX_VALUE));
        assertThat(TerminalText.prose("short \u001b words")).isEqualTo("short \\x1b words");
    }
}
