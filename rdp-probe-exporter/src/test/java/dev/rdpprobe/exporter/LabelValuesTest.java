package dev.rdpprobe.exporter;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Server-chosen label values are bounded and lose their control characters. */
class LabelValuesTest {

    @Test
    void controlCharactersAndLoneSurrogatesBecomeReplacementCharacters() {
        assertThat(LabelValues.bounded("A\nB\r\u0000C\u0085D\u2028E\uD800F")).isEqualTo("A\uFFFDB\uFFFD\uFFFDC\uFFFDD\uFFFDE\uFFFDF");
    }

    @Test
    void quotesBackslashesAndOtherUnicodeStayForTheWriterToEscape() {
        assertThat(LabelValues.bounded("a\"b\\c é 😀")).isEqualTo("a\"b\\c é 😀");
    }

    @Test
    void longValuesAreCutAtCodePointsAndMarked() {
        String s = "😀".repeat(LabelValues.MAX_CODE_POINTS + 10);
        String bounded = LabelValues.bounded(s);
        assertThat(bounded.codePointCount(0, bounded.length())).isEqualTo(LabelValues.MAX_CODE_POINTS + 1);
        assertThat(bounded).endsWith("😀…");
        assertThat(LabelValues.bounded(null)).isEmpty();
    }
}
