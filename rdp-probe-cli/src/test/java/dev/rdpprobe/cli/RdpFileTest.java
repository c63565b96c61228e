package dev.rdpprobe.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading .rdp files: the encodings mstsc and editors save, the line forms, the bounds, the secrets. */
class RdpFileTest {

    static final byte[] NO_BOM = {};

    @TempDir
    Path dir;

    static RdpFile parse(byte[] bytes) throws IOException {
        return RdpFile.parse(new ByteArrayInputStream(bytes), "Work.rdp");
    }

    @Test
    void readsAFileAsMstscSavesIt() throws IOException {
        Path file = RdpFiles.write(dir, "Work.rdp", RdpFiles.mstsc(
                "screen mode id:i:2",
                "full address:s:rds01.example.com:3390",
                "enablecredsspsupport:i:0",
                "username:s:CORP\\alice",
                "password 51:b:01000000D08C9DDF0115D1118C7A00C04FC297EB01000000",
                "hidef color depth:b:0A0B",
                "prompt for credentials:i:1"));
        assertThat(Files.readAllBytes(file)).startsWith((byte) 0xFF, (byte) 0xFE);

        RdpFile rdp = RdpFile.read(file, "Work.rdp");

        assertThat(rdp.get("Full Address")).get().satisfies(s -> {
            assertThat(s.type()).isEqualTo(RdpFile.Type.STRING);
            assertThat(s.value()).isEqualTo("rds01.example.com:3390");
            assertThat(s.line()).isEqualTo(2);
        });
        assertThat(rdp.get("enablecredsspsupport").get().intValue()).isZero();
        assertThat(rdp.get("username").get().value()).isEqualTo("CORP\\alice");
        assertThat(rdp.get("hidef color depth").get().asWritten()).isEqualTo("hidef color depth:b:0A0B");
        assertThat(rdp.settings()).containsKeys("screen mode id", "prompt for credentials");
    }

    @Test
    void aSavedPasswordIsNeverKeptOnlyItsLine() throws IOException {
        RdpFile rdp = parse(RdpFiles.mstsc("full address:s:h", "password 51:b:01000000D08C9DDF", "password:s:plain"));
        assertThat(rdp.passwordLine()).isEqualTo(3);
        assertThat(rdp.settings()).containsOnlyKeys("full address");
        assertThat(rdp.settings().values()).noneMatch(s -> s.value().contains("D08C9DDF") || s.value().contains("plain"));
    }

    @Test
    void readsUtf16BigEndianAndUtf8WithOrWithoutBomAndEveryLineEnd() throws IOException {
        String[] lines = {"full address:s:rds01", "server port:i:3390"};
        byte[][] forms = {
            RdpFiles.bytes(StandardCharsets.UTF_16BE, new byte[] {(byte) 0xFE, (byte) 0xFF}, "\r\n", lines),
            RdpFiles.bytes(StandardCharsets.UTF_8, new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, "\n", lines),
            RdpFiles.bytes(StandardCharsets.UTF_8, NO_BOM, "\n", lines),
            RdpFiles.bytes(StandardCharsets.UTF_8, NO_BOM, "\r", lines),
            RdpFiles.bytes(StandardCharsets.UTF_16LE, new byte[] {(byte) 0xFF, (byte) 0xFE}, "\n", lines),
        };
        for (byte[] form : forms) {
            RdpFile rdp = parse(form);
            assertThat(rdp.get("full address").get().value()).isEqualTo("rds01");
            assertThat(rdp.get("server port").get().intValue()).isEqualTo(3390);
            assertThat(rdp.get("server port").get().line()).isEqualTo(2);
        }
    }

    @Test
    void blankLinesAreSkippedButCountedAndTheLastOfARepeatedNameWins() throws IOException {
        RdpFile rdp = parse(RdpFiles.mstsc("", "full address:s:first", "  ", "FULL ADDRESS:s:second"));
        assertThat(rdp.get("full address").get().value()).isEqualTo("second");
        assertThat(rdp.get("full address").get().line()).isEqualTo(4);
    }

    @Test
    void malformedLinesAreNamedByNumberWithWhatToFix() {
        assertThatThrownBy(() -> parse(RdpFiles.mstsc("full address:s:h", "just text", "desktopwidth:x:1", "desktopheight:i:tall",
                "hidef color depth:b:0G", ":s:nameless")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Work.rdp line 2 is not name:type:value")
                .hasMessageContaining("Work.rdp line 3 has type 'x'")
                .hasMessageContaining("Work.rdp line 4 'desktopheight:i:tall' has no integer")
                .hasMessageContaining("Work.rdp line 5 'hidef color depth:b:…' is not an even number of hex digits")
                .hasMessageContaining("Work.rdp line 6 has no name");
    }

    @Test
    void anIntegerBeyond32BitsIsRefused() {
        assertThatThrownBy(() -> parse(RdpFiles.mstsc("server port:i:99999999999")))
                .hasMessageContaining("line 1").hasMessageContaining("32-bit integer");
    }

    @Test
    void textThatIsNotInItsEncodingIsRefusedNotReplaced() {
        byte[] latin1 = "full address:s:b\u00fccher\n".getBytes(StandardCharsets.ISO_8859_1);
        assertThatThrownBy(() -> parse(latin1)).hasMessageContaining("is not UTF-8 text and has no byte-order mark");
        byte[] loneSurrogate = {(byte) 0xFF, (byte) 0xFE, 'a', 0, 0x00, (byte) 0xD8, 'b', 0};
        assertThatThrownBy(() -> parse(loneSurrogate)).hasMessageContaining("is not UTF-16LE text");
    }

    @Test
    void aFileOverOneMebibyteIsRefusedBeforeItIsRead() throws IOException {
        Path big = dir.resolve("big.rdp");
        try (var channel = java.nio.channels.FileChannel.open(big, java.nio.file.StandardOpenOption.CREATE_NEW,
                java.nio.file.StandardOpenOption.WRITE, java.nio.file.StandardOpenOption.SPARSE)) {
            channel.write(java.nio.ByteBuffer.wrap(new byte[] {'x'}), RdpFile.MAX_FILE_BYTES);   // sparse: nothing is written before
        }
        assertThatThrownBy(() -> RdpFile.read(big, "big.rdp"))
                .hasMessage("big.rdp is larger than 1 MiB; a Remote Desktop connection file is a few kilobytes: give the .rdp file mstsc saved");
    }

    @Test
    void anEndlessStreamStopsOneBytePastTheBound() {
        InputStream endless = new InputStream() {
            long served;

            @Override
            public int read() {
                served++;
                return 'a';
            }

            @Override
            public int read(byte[] b, int off, int len) {
                java.util.Arrays.fill(b, off, off + len, (byte) 'a');
                served += len;
                return len;
            }
        };
        assertThatThrownBy(() -> RdpFile.parse(endless, "/dev/zero")).hasMessageContaining("larger than 1 MiB");
    }

    @Test
    void aLineOfAbsurdLengthIsRefusedByNumber() {
        String longValue = "a".repeat(RdpFile.MAX_LINE_CHARS);
        assertThatThrownBy(() -> parse(RdpFiles.mstsc("full address:s:h", "signature:s:" + longValue)))
                .hasMessageStartingWith("Work.rdp line 2 is longer than 65536 characters");
    }

    @Test
    void aDirectoryAndAMissingFileAreNamed() {
        assertThatThrownBy(() -> RdpFile.read(dir, "dir")).hasMessageContaining("dir is a directory");
        assertThatThrownBy(() -> RdpFile.read(dir.resolve("none.rdp"), "none.rdp")).hasMessage("none.rdp: no such file");
    }
}
