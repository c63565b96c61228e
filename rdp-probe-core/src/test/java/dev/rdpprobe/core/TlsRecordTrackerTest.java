package dev.rdpprobe.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;

class TlsRecordTrackerTest {

    /** A record header (application data, TLS 1.2) announcing {@code length} bytes. */
    private static byte[] header(int length) {
        return new byte[] {0x17, 0x03, 0x03, (byte) (length >> 8), (byte) length};
    }

    private static void feed(TlsRecordTracker t, byte[] bytes) {
        t.advance(Unpooled.wrappedBuffer(bytes));
    }

    @Test
    void wholeRecordsLeaveNothingInProgress() {
        TlsRecordTracker t = new TlsRecordTracker();
        byte[] two = new byte[2 * (5 + 3)];
        System.arraycopy(header(3), 0, two, 0, 5);
        System.arraycopy(header(3), 0, two, 8, 5);
        feed(t, two);
        assertThat(t.bytesInProgress()).isZero();
    }

    @Test
    void countsTheHeaderAndBodyOfAnUnfinishedRecordAcrossReads() {
        TlsRecordTracker t = new TlsRecordTracker();
        feed(t, new byte[] {0x17, 0x03});
        assertThat(t.bytesInProgress()).isEqualTo(2);
        feed(t, new byte[] {0x03, 0x01, 0x00}); // length 256
        assertThat(t.bytesInProgress()).isEqualTo(5);
        feed(t, new byte[100]);
        assertThat(t.bytesInProgress()).isEqualTo(105);
        byte[] rest = new byte[156 + 3];
        System.arraycopy(header(300), 0, rest, 156, 3); // the record ends, the next begins
        feed(t, rest);
        assertThat(t.bytesInProgress()).isEqualTo(3);
    }

    @Test
    void anEmptyRecordEndsAtItsHeader() {
        TlsRecordTracker t = new TlsRecordTracker();
        feed(t, header(0));
        assertThat(t.bytesInProgress()).isZero();
    }
}
