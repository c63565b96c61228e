package dev.rdpprobe.core.internal.pdu.mcs;

/**
 * Golden vectors of the MCS Connect PDUs (shared/protocol/vectors.md E1, E2).
 */
final class McsVectors {
    private McsVectors() {
    }

    /**
     * E1: nmap's {@code MCSConnectInitial} as {@code rdp-enum-encryption} sends it after TLS (serverSelectedProtocol 1,
     * encryptionMethods 0); header, domain parameters, GCC framing and block layout as [MS-RDPBCGR] 4.1.3.
     */
    static final String CONNECT_INITIAL_E1 = """
            0000  03 00 01 a0 02 f0 80 7f 65 82 01 94 04 01 01 04
            0010  01 01 01 01 ff 30 19 02 01 22 02 01 02 02 01 00
            0020  02 01 01 02 01 00 02 01 01 02 02 ff ff 02 01 02
            0030  30 19 02 01 01 02 01 01 02 01 01 02 01 01 02 01
            0040  00 02 01 01 02 02 04 20 02 01 02 30 1c 02 02 ff
            0050  ff 02 02 fc 17 02 02 ff ff 02 01 01 02 01 00 02
            0060  01 01 02 02 ff ff 02 01 02 04 82 01 33 00 05 00
            0070  14 7c 00 01 81 2a 00 08 00 10 00 01 c0 00 44 75
            0080  63 61 81 1c 01 c0 d8 00 04 00 08 00 00 05 20 03
            0090  01 ca 03 aa 09 04 00 00 28 0a 00 00 45 00 4d 00
            00a0  50 00 2d 00 4c 00 41 00 50 00 2d 00 30 00 30 00
            00b0  31 00 34 00 00 00 00 00 00 00 00 00 04 00 00 00
            00c0  00 00 00 00 0c 00 00 00 00 00 00 00 00 00 00 00
            00d0  00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00
            00e0  00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00
            00f0  00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00
            0100  00 00 00 00 00 00 00 00 01 ca 01 00 00 00 00 00
            0110  18 00 07 00 01 00 00 00 00 00 00 00 00 00 00 00
            0120  00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00
            0130  00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00
            0140  00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00
            0150  00 00 00 00 00 00 00 00 01 00 00 00 04 c0 0c 00
            0160  09 00 00 00 00 00 00 00 02 c0 0c 00 00 00 00 00
            0170  00 00 00 00 03 c0 2c 00 03 00 00 00 72 64 70 64
            0180  72 00 00 00 00 00 80 80 63 6c 69 70 72 64 72 00
            0190  00 00 a0 c0 72 64 70 73 6e 64 00 00 00 00 00 c0
            """;

    /**
     * [MS-RDPBCGR] 4.1.4's Connect Response, assembled from the spec example's parts as IronRDP's test suite
     * quotes them (vectors.md E2 and ironrdp-testsuite-core core_data, network_data, security_data): MCS
     * Connect-Response prefix (rt-successful), GCC Conference Create Response prefix ("McDn"), SC_CORE
     * (0x00080004, clientRequestedProtocols 0), SC_NET (I/O channel 1003; 1004, 1005, 1006), SC_SECURITY
     * (128-bit, client compatible, 32-byte server random, 184-byte proprietary certificate with a 512-bit key).
     */
    static final String CONNECT_RESPONSE_4_1_4 = "03 00 01 52 02 f0 80"
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
            + " aa 71 3e 0f 54 b9 9a e4 99 68 3f 6c d6 76 84 61 00 00 00 00 00 00 00 00";

    /** E3: MCS Disconnect Provider Ultimatum, rn-user-requested. */
    static final String DISCONNECT_PROVIDER_ULTIMATUM = "03 00 00 09 02 f0 80 21 80";
}
