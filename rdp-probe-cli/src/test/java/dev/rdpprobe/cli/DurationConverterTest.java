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
        assertThat(DurationConverter.parse("1h")).isEqualTo(Duration.ofHours(1));
        assertThat(DurationConverter.parse("60min")).isEqualTo(Duration.ofHours(1));
        assertThat(DurationConverter.parse("2 sec")).isEqualTo(Duration.ofSeconds(2));
        assertThat(DurationConverter.parse("1.2345s")).isEqualTo(Duration.ofNanos(1_234_500_000));
        assertThat(DurationConverter.parse(".5s")).isEqualTo(Duration.ofMillis(500));
        assertThat(DurationConverter.parse("1ms")).isEqualTo(Duration.ofMillis(1));
    }

    @Test
    void mistakesSayWhatToWrite() {
        assertThatThrownBy(() -> DurationConverter.parse("5")).hasMessage("'5' has no unit; write 5s for seconds (or 5ms, 5m)");
        assertThatThrownBy(() -> DurationConverter.parse("2h")).hasMessage("'2h' is over the 1h limit; a limit may be from 1ms to 1h (3600s)");
        assertThatThrownBy(() -> DurationConverter.parse("61m")).hasMessageContaining("over the 1h limit");
        assertThatThrownBy(() -> DurationConverter.parse("3601s")).hasMessageContaining("over the 1h limit");
        assertThatThrownBy(() -> DurationConverter.parse("99999999999999999999999h")).hasMessageContaining("over the 1h limit");
        assertThatThrownBy(() -> DurationConverter.parse("-1s")).hasMessage("'-1s' is negative; a limit may be from 1ms to 1h (3600s)");
        assertThatThrownBy(() -> DurationConverter.parse("0ms")).hasMessageContaining("zero").hasMessageContaining("positive");
        assertThatThrownBy(() -> DurationConverter.parse("0.5ms")).hasMessageContaining("below 1ms");
        assertThatThrownBy(() -> DurationConverter.parse("5d")).hasMessageContaining("unknown unit 'd'; use ms, s, m or h");
        assertThatThrownBy(() -> DurationConverter.parse("5us")).hasMessageContaining("unknown unit 'us'");
        assertThatThrownBy(() -> DurationConverter.parse("fast")).hasMessageContaining("not a duration").hasMessageContaining("500ms, 3s or 1m");
        assertThatThrownBy(() -> DurationConverter.parse("1s2")).hasMessageContaining("not a duration");
        assertThatThrownBy(() -> DurationConverter.parse("")).hasMessageContaining("empty");
    }
}
