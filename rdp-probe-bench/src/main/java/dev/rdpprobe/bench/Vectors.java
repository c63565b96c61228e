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
    /**
     * [MS-RDPBCGR] 4.1.4's MCS Connect Response as IronRDP's test suite quotes its parts (vectors.md E2): SC_CORE,
     * SC_NET with three channels, SC_SECURITY with a 32-byte random and a 184-byte proprietary certificate (338 B).
     */
    public static final byte[] CONNECT_RESPONSE_4_1_4 = hex("03 00 01 52 02 f0 80"
            + " 7f 66 82 01 46 0a 01 00 02 01 00 30 1a 02 01 22 02 01 03 02 01 00 02 01 01 02 01 00 02 01 01 02"
            + " 03 00 ff f8 02 01 02 04 82 01 20"
            + " 00 05 00 14 7c 00 01 81 16 14 76 0a 01 01 00 01 c0 00 4d 63 44 6e 81 08"
            + " 01 0c 0c 00 04 00 08 00 00 00 00 00"
            + " 03 0c 10 00 eb 03 03 00 ec 03 ed 03 ee 03 00 00"
            + " 02 0c ec 00 02 00 00 00 02 00 00 00 20 00 00 00 b8 00 00 00"
            + " 10 11 77 20 30 61 0a 12 e4 34 a1 1e f2 c3 9f 31 7d a4 5f 01 89 34 96 e0 ff 11 08 69 7f 1a c3 d2"
            + " 01 00 00 00 01 00 00 00 01 00 00 00 06 00 5c 00 52 53 41 31 48 00 00 00 00 02 00 00 3f 00 00 00"
            + " 01 00 01 00 cb 81 fe ba 6d 61 c3 55 05 d5 5f 2e 87 f8 71 94 d6 f1 a5 cb f1 5f 0c 3d f8 70 02 96"
            + " c4 fb 9b c8 3c 2d 55 ae e8 ff 32 75 ea 68 79 e5 a2 01 fd 31 a0 b1 1f 55 a6 1f c1 f6 d1 83 88 63"
            + " 26 56 12 bc 00 00 00 00 00 00 00 00 08 00 48 00 e9 e1 d6 28 46 8b 4e f5 0a df fd ee 21 99 ac b4"
            + " e1 8f 5f 81 57 82 ef 9d 96 52 63 27 18 29 db b3 4a fd 9a da 42 ad b5 69 21 89 0e 1d c0 4c 1a a8"
            + " aa 71 3e 0f 54 b9 9a e4 99 68 3f 6c d6 76 84 61 00 00 00 00 00 00 00 00");

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
