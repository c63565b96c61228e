package dev.rdpprobe.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DurationConverterTest {

    @Test
    void units() {
        assertThat(DurationConverter.parse("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(DurationConverter.parse("3s")).isEqualTo(Duration.ofSeconds(3));
        assertThat(DurationConverter.parse("1.5s")).isEqualTo(Duration.ofMillis(1500));
        assertThat(DurationConverter.parse("1m")).isEqualTo(Duration.ofMinutes(1));
        assertThat(DurationConverter.parse(" 2S ")).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void mistakesSayWhatToWrite() {
        assertThatThrownBy(() -> DurationConverter.parse("5")).hasMessageContaining("500ms, 3s or 1m");
        assertThatThrownBy(() -> DurationConverter.parse("3h")).hasMessageContaining("500ms, 3s or 1m");
        assertThatThrownBy(() -> DurationConverter.parse("-1s")).hasMessageContaining("not a duration");
        assertThatThrownBy(() -> DurationConverter.parse("0ms")).hasMessageContaining("positive");
        assertThatThrownBy(() -> DurationConverter.parse("61m")).hasMessageContaining("over an hour");
    }
}
