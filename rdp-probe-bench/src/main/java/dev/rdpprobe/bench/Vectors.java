package dev.rdpprobe.bench;

import java.util.HexFormat;

/** Byte vectors from shared/protocol/vectors.md that the benchmarks decode. */
public final class Vectors {

    /** B1: Connection Confirm, RDP_NEG_RSP flags 0x1F selecting HYBRID. */
    public static final byte[] CC_NEG_RSP_HYBRID = hex("03 00 00 13 0e d0 00 00 00 00 00 02 1f 08 00 02 00 00 00");

    /** B4: Connection Confirm, RDP_NEG_FAILURE HYBRID_REQUIRED_BY_SERVER (5). */
    public static final byte[] CC_NEG_FAILURE = hex("03 00 00 13 0e d0 00 00 12 34 00 03 00 08 00 05 00 00 00");

    /** D1: a Windows 10 server's TSRequest v6 carrying a raw NTLM CHALLENGE with five AV pairs and a timestamp. */
    public static final byte[] TSREQUEST_CHALLENGE_D1 = hex(""
            + "30 82 01 02 a0 03 02 01 06 a1 81 fa 30 81 f7 30"
            + "81 f4 a0 81 f1 04 81 ee 4e 54 4c 4d 53 53 50 00"
            + "02 00 00 00 1e 00 1e 00 38 00 00 00 35 82 8a e2"
            + "6e 80 3b b7 f8 b9 f6 5c 00 00 00 00 00 00 00 00"
            + "98 00 98 00 56 00 00 00 0a 00 ab 3f 00 00 00 0f"
            + "44 00 45 00 53 00 4b 00 54 00 4f 00 50 00 2d 00"
            + "4b 00 4d 00 44 00 54 00 34 00 32 00 30 00 02 00"
            + "1e 00 44 00 45 00 53 00 4b 00 54 00 4f 00 50 00"
            + "2d 00 4b 00 4d 00 44 00 54 00 34 00 32 00 30 00"
            + "01 00 1e 00 44 00 45 00 53 00 4b 00 54 00 4f 00"
            + "50 00 2d 00 4b 00 4d 00 44 00 54 00 34 00 32 00"
            + "30 00 04 00 1e 00 44 00 45 00 53 00 4b 00 54 00"
            + "4f 00 50 00 2d 00 4b 00 4d 00 44 00 54 00 34 00"
            + "32 00 30 00 03 00 1e 00 44 00 45 00 53 00 4b 00"
            + "54 00 4f 00 50 00 2d 00 4b 00 4d 00 44 00 54 00"
            + "34 00 32 00 30 00 07 00 08 00 75 c6 84 56 d7 d8"
            + "d4 01 00 00 00 00");

    /** F2: the spec's SYN+ACK (ISN 0x42 acknowledged, MTUs 1232/1232), zero-padded to 1232 bytes as sent. */
    public static final byte[] SYN_ACK_F2 = padded(hex("00 00 00 42 04 00 00 05 00 00 00 42 04 d0 04 d0"), 1232);

    private Vectors() {
    }

    private static byte[] hex(String spaced) {
        return HexFormat.of().parseHex(spaced.replace(" ", ""));
    }

    private static byte[] padded(byte[] head, int size) {
        byte[] out = new byte[size];
        System.arraycopy(head, 0, out, 0, head.length);
        return out;
    }
}
