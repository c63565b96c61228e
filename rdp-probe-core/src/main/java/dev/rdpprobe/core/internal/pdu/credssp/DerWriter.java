package dev.rdpprobe.core.internal.pdu.credssp;

import java.io.ByteArrayOutputStream;

/**
 * The matching tiny DER writer: builds definite-length elements bottom-up as byte arrays (the
 * structures are a few hundred bytes; TSRequest caps them at 64 KiB). Hand-written because core
 * must not depend on BouncyCastle.
 */
final class DerWriter {

    private DerWriter() {
    }

    /** One element: tag, minimal definite length, content. */
    static byte[] tlv(int tag, byte[]... parts) {
        int length = 0;
        for (byte[] part : parts) {
            length += part.length;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(length + 6);
        out.write(tag);
        writeLength(out, length);
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    private static void writeLength(ByteArrayOutputStream out, int length) {
        if (length < 0x80) {
            out.write(length);
        } else if (length <= 0xFF) {
            out.write(0x81);
            out.write(length);
        } else if (length <= 0xFFFF) {
            out.write(0x82);
            out.write(length >>> 8);
            out.write(length);
        } else if (length <= 0xFFFFFF) {
            out.write(0x83);
            out.write(length >>> 16);
            out.write(length >>> 8);
            out.write(length);
        } else {
            out.write(0x84);
            out.write(length >>> 24);
            out.write(length >>> 16);
            out.write(length >>> 8);
            out.write(length);
        }
    }

    /** An INTEGER element with the minimal two's-complement encoding of {@code value}. */
    static byte[] integer(int tag, long value) {
        int n = 8;
        while (n > 1) {
            long top = value >> ((n - 1) * 8 - 1);
            if (top != 0 && top != -1) {
                break;
            }
            n--;
        }
        byte[] content = new byte[n];
        for (int i = 0; i < n; i++) {
            content[i] = (byte) (value >> ((n - 1 - i) * 8));
        }
        return tlv(tag, content);
    }

    /** An OBJECT IDENTIFIER element from dotted text (at least two arcs). */
    static byte[] oid(String dotted) {
        String[] parts = dotted.split("\\.");
        if (parts.length < 2) {
            throw new IllegalArgumentException("OID needs at least two arcs: " + dotted);
        }
        ByteArrayOutputStream content = new ByteArrayOutputStream();
        long first = Long.parseLong(parts[0]) * 40 + Long.parseLong(parts[1]);
        writeArc(content, first);
        for (int i = 2; i < parts.length; i++) {
            writeArc(content, Long.parseLong(parts[i]));
        }
        return tlv(DerReader.OID, content.toByteArray());
    }

    private static void writeArc(ByteArrayOutputStream out, long arc) {
        if (arc < 0) {
            throw new IllegalArgumentException("negative OID arc");
        }
        int groups = 1;
        while (groups < 10 && (arc >>> (7 * groups)) != 0) {
            groups++;
        }
        for (int g = groups - 1; g >= 0; g--) {
            int b = (int) ((arc >>> (7 * g)) & 0x7F);
            out.write(g == 0 ? b : b | 0x80);
        }
    }
}
