package dev.rdpprobe.core.internal.pdu.x224;

import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * RDP_NEG_CORRELATION_INFO ([MS-RDPBCGR] 2.2.1.1.2): a 16-byte correlation id (the first byte not
 * 0x00 or 0xF4, no byte 0x0D) and 16 reserved zero bytes.
 */
public final class CorrelationInfo {
    public static final int TYPE = 0x06;
    public static final int LENGTH = 36;
    public static final int ID_LENGTH = 16;

    private final byte[] id;

    /** @param id the 16-byte correlation id (copied) */
    public CorrelationInfo(byte[] id) {
        if (id == null || id.length != ID_LENGTH) {
            throw new IllegalArgumentException("a correlation id has 16 bytes");
        }
        this.id = id.clone();
    }

    /** A random id obeying the spec's byte rules. */
    public static CorrelationInfo random(SecureRandom random) {
        byte[] id = new byte[ID_LENGTH];
        random.nextBytes(id);
        for (int i = 0; i < id.length; i++) {
            if (id[i] == 0x0D) {
                id[i] = 0x0E;
            }
        }
        if (id[0] == 0x00 || id[0] == (byte) 0xF4) {
            id[0] = 0x01;
        }
        return new CorrelationInfo(id);
    }

    /** A copy of the id. */
    public byte[] id() {
        return id.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CorrelationInfo c && Arrays.equals(id, c.id);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(id);
    }

    @Override
    public String toString() {
        return "CorrelationInfo[" + HexFormat.of().formatHex(id) + "]";
    }
}
