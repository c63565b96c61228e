package dev.rdpprobe.tls;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rdpprobe.tls.RecordSniffer.Verdict;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class RecordSnifferTest {

    private static Verdict classify(int... bytes) {
        byte[] b = new byte[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            b[i] = (byte) bytes[i];
        }
        return RecordSniffer.classify(b, b.length);
    }

    @Test
    void tlsRecordHeadersAreTls() {
        assertThat(classify(0x16, 0x03, 0x03, 0x00, 0x7a)).isEqualTo(Verdict.TLS);
        assertThat(classify(0x15, 0x03, 0x01, 0x00, 0x02)).isEqualTo(Verdict.TLS);
        assertThat(classify(0x17, 0x03, 0x03, 0x40, 0x00)).isEqualTo(Verdict.TLS);
    }

    @Test
    void partialHeadersNeedMore() {
        assertThat(classify()).isEqualTo(Verdict.NEED_MORE);
        assertThat(classify(0x16)).isEqualTo(Verdict.NEED_MORE);
        assertThat(classify(0x16, 0x03, 0x03, 0x00)).isEqualTo(Verdict.NEED_MORE);
    }

    @Test
    void foreignFirstBytesAreNotTls() {
        assertThat(classify(0x03, 0x00, 0x00, 0x13)).isEqualTo(Verdict.NOT_TLS);
        assertThat(classify('H', 'T', 'T', 'P')).isEqualTo(Verdict.NOT_TLS);
        assertThat(classify(0x16, 0x02)).isEqualTo(Verdict.NOT_TLS);
        assertThat(classify(0x16, 0x03, 0x09)).isEqualTo(Verdict.NOT_TLS);
        assertThat(classify(0x16, 0x03, 0x03, 0x00, 0x00)).isEqualTo(Verdict.NOT_TLS);
        assertThat(classify(0x16, 0x03, 0x03, 0xff, 0xff)).isEqualTo(Verdict.NOT_TLS);
    }

    @Test
    void previewsDescribeWhatWasSent() {
        byte[] http = "HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
        assertThat(RecordSniffer.preview(http, http.length)).isEqualTo("\"HTTP/1.1 400 Bad Request\"");
        byte[] tpkt = {0x03, 0x00, 0x00, 0x13, 0x0e, (byte) 0xd0, 0, 0, 0x12, 0x34, 0};
        assertThat(RecordSniffer.preview(tpkt, tpkt.length)).isEqualTo("an RDP/TPKT PDU (03 00 00 13 0e d0 00 00 12 34 00)");
        byte[] binary = {(byte) 0x80, 0x01, 0x02};
        assertThat(RecordSniffer.preview(binary, binary.length)).isEqualTo("80 01 02");
        assertThat(RecordSniffer.preview(new byte[0], 0)).isEmpty();
    }

    @Test
    void classifyingAByteBufLeavesItsIndices() {
        ByteBuf buf = Unpooled.wrappedBuffer(new byte[] {0x16, 0x03, 0x01, 0x00, 0x05, 1, 2});
        assertThat(RecordSniffer.classify(buf)).isEqualTo(Verdict.TLS);
        assertThat(buf.readerIndex()).isZero();
        assertThat(buf.readableBytes()).isEqualTo(7);
    }
}
