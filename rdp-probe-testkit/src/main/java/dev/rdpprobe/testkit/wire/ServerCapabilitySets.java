package dev.rdpprobe.testkit.wire;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.Arrays;

/**
 * The capability sets of the server's Demand Active PDU ([MS-RDPBCGR] 2.2.7), in the order and with the values a
 * Windows server sends (the 4.1.13 example): General, Bitmap, Order, Pointer, Input, Virtual Channel, Share, Font,
 * Multifragment Update. No fast-path input is offered, so a client's input stays slow-path (TPKT framed).
 */
public final class ServerCapabilitySets {

    /** CAPSETTYPE_GENERAL. */
    public static final int GENERAL = 1;
    /** CAPSETTYPE_BITMAP. */
    public static final int BITMAP = 2;
    /** CAPSETTYPE_ORDER. */
    public static final int ORDER = 3;
    /** CAPSETTYPE_POINTER. */
    public static final int POINTER = 8;
    /** CAPSETTYPE_SHARE. */
    public static final int SHARE = 9;
    /** CAPSETTYPE_INPUT. */
    public static final int INPUT = 13;
    /** CAPSETTYPE_FONT. */
    public static final int FONT = 14;
    /** CAPSETTYPE_VIRTUALCHANNEL. */
    public static final int VIRTUAL_CHANNEL = 20;
    /** CAPSETTYPE_MULTIFRAGMENTUPDATE. */
    public static final int MULTIFRAGMENT_UPDATE = 26;
    /** OSMAJORTYPE_WINDOWS. */
    private static final int OSMAJORTYPE_WINDOWS = 1;
    /** OSMINORTYPE_WINDOWS_NT. */
    private static final int OSMINORTYPE_WINDOWS_NT = 3;
    /**
     * General extraFlags as Windows sets them: FASTPATH_OUTPUT_SUPPORTED, LONG_CREDENTIALS_SUPPORTED,
     * AUTORECONNECT_SUPPORTED, ENC_SALTED_CHECKSUM, NO_BITMAP_COMPRESSION_HDR.
     */
    private static final int GENERAL_EXTRA_FLAGS = 0x041D;
    /** Input flags: INPUT_FLAG_SCANCODES, INPUT_FLAG_MOUSEX, INPUT_FLAG_UNICODE (no fast-path input). */
    private static final int INPUT_FLAGS = 0x0001 | 0x0004 | 0x0010;
    /** The multifragment update size Windows announces. */
    private static final int MULTIFRAGMENT_MAX_REQUEST_SIZE = 0x0000_FFFF;

    /**
     * Capability sets written back to back.
     *
     * @param count how many
     * @param bytes their encoding
     */
    public record Combined(int count, byte[] bytes) {
        /** Copies the bytes. */
        public Combined {
            bytes = bytes.clone();
        }

        @Override
        public byte[] bytes() {
            return bytes.clone();
        }
    }

    private ServerCapabilitySets() {
    }

    /**
     * The sets of a Windows-like server with a desktop of {@code width} × {@code height} at {@code colorDepth} bits per
     * pixel.
     */
    public static Combined windowsLike(int width, int height, int colorDepth) {
        if (width < 1 || width > 0x7FFF || height < 1 || height > 0x7FFF) {
            throw new IllegalArgumentException("desktop " + width + "x" + height + " out of range 1..32767");
        }
        if (colorDepth != 8 && colorDepth != 15 && colorDepth != 16 && colorDepth != 24 && colorDepth != 32) {
            throw new IllegalArgumentException("color depth " + colorDepth + ": one of 8, 15, 16, 24, 32");
        }
        ByteBuf out = Unpooled.buffer(512);
        try {
            // General (24 bytes)
            header(out, GENERAL, 24);
            out.writeShortLE(OSMAJORTYPE_WINDOWS).writeShortLE(OSMINORTYPE_WINDOWS_NT).writeShortLE(0x0200) // protocolVersion
                    .writeShortLE(0).writeShortLE(0).writeShortLE(GENERAL_EXTRA_FLAGS).writeShortLE(0).writeShortLE(0)
                    .writeShortLE(0).writeByte(1).writeByte(1); // refreshRectSupport, suppressOutputSupport
            // Bitmap (28 bytes)
            header(out, BITMAP, 28);
            out.writeShortLE(colorDepth).writeShortLE(1).writeShortLE(1).writeShortLE(1).writeShortLE(width).writeShortLE(height)
                    .writeShortLE(0).writeShortLE(1) // pad, desktopResizeFlag
                    .writeShortLE(1).writeByte(0).writeByte(0) // bitmapCompressionFlag, highColorFlags, drawingFlags
                    .writeShortLE(1).writeShortLE(0); // multipleRectangleSupport, pad
            // Order (88 bytes): no drawing orders supported
            header(out, ORDER, 88);
            out.writeZero(16).writeIntLE(0) // terminalDescriptor, pad4OctetsA
                    .writeShortLE(1).writeShortLE(20).writeShortLE(0).writeShortLE(1).writeShortLE(0) // granularities, maxOrderLevel, fonts
                    .writeShortLE(0x0022) // orderFlags: NEGOTIATEORDERSUPPORT | ZEROBOUNDSDELTASSUPPORT
                    .writeZero(32) // orderSupport
                    .writeShortLE(0).writeShortLE(0).writeIntLE(0).writeIntLE(0x000F4240) // textFlags, exFlags, pad, desktopSaveSize
                    .writeShortLE(1).writeShortLE(0).writeShortLE(0).writeShortLE(0); // pad, pad, textANSICodePage, pad
            // Pointer (10 bytes)
            header(out, POINTER, 10);
            out.writeShortLE(1).writeShortLE(0x19).writeShortLE(0x19);
            // Input (88 bytes)
            header(out, INPUT, 88);
            out.writeShortLE(INPUT_FLAGS).writeShortLE(0).writeIntLE(0).writeIntLE(0).writeIntLE(0).writeIntLE(0).writeZero(64);
            // Virtual Channel (12 bytes)
            header(out, VIRTUAL_CHANNEL, 12);
            out.writeIntLE(0).writeIntLE(1600); // flags VCCAPS_NO_COMPR, VCChunkSize
            // Share (8 bytes)
            header(out, SHARE, 8);
            out.writeShortLE(0x03EA).writeShortLE(0);
            // Font (8 bytes)
            header(out, FONT, 8);
            out.writeShortLE(0x0001).writeShortLE(0); // FONTSUPPORT_FONTLIST
            // Multifragment Update (8 bytes)
            header(out, MULTIFRAGMENT_UPDATE, 8);
            out.writeIntLE(MULTIFRAGMENT_MAX_REQUEST_SIZE);
            return new Combined(9, Arrays.copyOfRange(out.array(), out.arrayOffset() + out.readerIndex(),
                    out.arrayOffset() + out.writerIndex()));
        } finally {
            out.release();
        }
    }

    private static void header(ByteBuf out, int type, int length) {
        out.writeShortLE(type).writeShortLE(length);
    }
}
