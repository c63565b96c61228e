package dev.rdpprobe.core.internal.pdu.ntlm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class FileTimeTest {

    @Test
    void knownValues() {
        assertThat(FileTime.toInstant(0)).isEqualTo(Instant.parse("1601-01-01T00:00:00Z"));
        assertThat(FileTime.toInstant(116_444_736_000_000_000L)).isEqualTo(Instant.EPOCH);
        assertThat(FileTime.toInstant(0x01D4CF4AE1002680L)).isEqualTo(Instant.parse("2019-02-28T09:49:21Z"));
    }

    @Test
    void unsignedValuesAboveLongMax() {
        assertThat(FileTime.toInstant(-1L)).isAfter(Instant.parse("+30000-01-01T00:00:00Z"));
    }

    @Test
    void roundTripKeeps100Nanoseconds() {
        Instant t = Instant.parse("2024-02-29T23:59:59.9999999Z");
        assertThat(FileTime.toInstant(FileTime.fromInstant(t))).isEqualTo(t);
        assertThat(FileTime.toInstant(FileTime.fromInstant(Instant.parse("2024-01-01T00:00:00.00000019Z"))))
                .isEqualTo(Instant.parse("2024-01-01T00:00:00.0000001Z"));
    }

    @Test
    void everyValueAServerCanSendCanBeWrittenBack() {
        for (long ticks : new long[] {0L, 1L, Long.MAX_VALUE, Long.MIN_VALUE, -2L, -1L}) {
            assertThat(FileTime.fromInstant(FileTime.toInstant(ticks))).as("0x%016X", ticks).isEqualTo(ticks);
        }
    }

    @Test
    void pastTheLargestFileTimeIsACallerMistake() {
        assertThatThrownBy(() -> FileTime.fromInstant(FileTime.toInstant(-1L).plusNanos(100)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("FILETIME range");
    }

    @Test
    void before1601IsACallerMistake() {
        assertThatThrownBy(() -> FileTime.fromInstant(Instant.parse("1600-12-31T23:59:59Z")))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
