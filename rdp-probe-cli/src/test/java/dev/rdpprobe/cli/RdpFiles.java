package dev.rdpprobe.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Connection files written in the test, byte for byte as the clients write them. */
final class RdpFiles {

    private RdpFiles() {
    }

    /** As mstsc saves a file: UTF-16LE with its byte-order mark (FF FE), lines ended by CR LF. */
    static byte[] mstsc(String... lines) {
        return bytes(StandardCharsets.UTF_16LE, new byte[] {(byte) 0xFF, (byte) 0xFE}, "\r\n", lines);
    }

    /** The bytes of {@code lines} in {@code charset}, after {@code bom}, each ended by {@code eol}. */
    static byte[] bytes(Charset charset, byte[] bom, String eol, String... lines) {
        StringBuilder text = new StringBuilder();
        for (String line : lines) {
            text.append(line).append(eol);
        }
        byte[] body = text.toString().getBytes(charset);
        byte[] out = new byte[bom.length + body.length];
        System.arraycopy(bom, 0, out, 0, bom.length);
        System.arraycopy(body, 0, out, bom.length, body.length);
        return out;
    }

    /** Writes {@code bytes} to {@code name} in {@code dir}. */
    static Path write(Path dir, String name, byte[] bytes) {
        try {
            return Files.write(dir.resolve(name), bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
