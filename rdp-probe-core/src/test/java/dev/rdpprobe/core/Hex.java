package dev.rdpprobe.core;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.HexFormat;

/** Test helper: hex dumps (with offsets and spaces, as in vectors.md) to bytes. */
public final class Hex {
    private Hex() {
    }

    /** Parses "0000  03 00 …" dump lines or plain hex; offsets (4 hex digits followed by two spaces) are dropped. */
    public static byte[] bytes(String dump) {
        StringBuilder sb = new StringBuilder();
        for (String line : dump.strip().split("\n")) {
            String l = line.strip();
            if (l.matches("^[0-9a-fA-F]{4}  .*")) {
                l = l.substring(6);
            }
            sb.append(l.replaceAll("\\s+", ""));
        }
        return HexFormat.of().parseHex(sb.toString());
    }

    public static ByteBuf buf(String dump) {
        return Unpooled.wrappedBuffer(bytes(dump));
    }

    public static String hex(ByteBuf buf) {
        byte[] b = new byte[buf.readableBytes()];
        buf.getBytes(buf.readerIndex(), b);
        return HexFormat.of().formatHex(b);
    }

    public static String hex(byte[] b) {
        return HexFormat.of().formatHex(b);
    }
}
