package dev.rdpprobe.testkit.wire;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.Arrays;
import java.util.List;

/**
 * Server-side writers of the MCS Connect Response with GCC Conference Create Response ([MS-RDPBCGR] 2.2.1.4),
 * the counterpart of the probe's reader, in the layout of the 4.1.4 example.
 */
public final class McsWriters {

    private McsWriters() {
    }

    /**
     * The server data blocks.
     *
     * @param version SC_CORE.version
     * @param clientRequestedProtocols the echo of the requested protocols
     * @param encryptionMethod SC_SECURITY.encryptionMethod
     * @param encryptionLevel SC_SECURITY.encryptionLevel
     * @param serverRandom the 32-byte random, or {@code null} for none (with TLS)
     * @param certificate the server certificate bytes, or {@code null} for none
     * @param multitransportFlags SC_MULTITRANSPORT.flags, or {@code null} for no such block
     * @param staticChannelIds SC_NET.channelIdArray: the id of each static channel the client's CS_NET asked for, in
     *     its order
     * @param messageChannelId SC_MCS_MSGCHANNEL.MCSChannelID
     */
    public record ServerBlocks(long version, int clientRequestedProtocols, int encryptionMethod, int encryptionLevel,
            byte[] serverRandom, byte[] certificate, Long multitransportFlags, List<Integer> staticChannelIds, int messageChannelId) {

        /** Copies the channel ids. */
        public ServerBlocks {
            staticChannelIds = List.copyOf(staticChannelIds);
        }

        /** Blocks for a client that asked for no static channel: the message channel is 1004. */
        public ServerBlocks(long version, int clientRequestedProtocols, int encryptionMethod, int encryptionLevel,
                byte[] serverRandom, byte[] certificate, Long multitransportFlags) {
            this(version, clientRequestedProtocols, encryptionMethod, encryptionLevel, serverRandom, certificate,
                    multitransportFlags, List.of(), IO_CHANNEL_ID + 1);
        }
    }

    /** The I/O channel's id, as Windows gives it (SC_NET.MCSChannelId). */
    public static final int IO_CHANNEL_ID = 1003;

    /**
     * The channel ids a Windows server gives: 1004 and up for the {@code staticChannels} static channels, in the
     * client's order, then the message channel.
     */
    public static List<Integer> staticChannelIds(int staticChannels) {
        return java.util.stream.IntStream.range(0, staticChannels).map(i -> IO_CHANNEL_ID + 1 + i).boxed().toList();
    }

    /** A proprietary certificate ([MS-RDPBCGR] 2.2.1.4.3.1.1) with a public key of {@code keyBits} (modulus bytes are a pattern). */
    public static byte[] proprietaryCertificate(int keyBits) {
        int keyLen = keyBits / 8 + 8;
        ByteBuf out = Unpooled.buffer();
        out.writeIntLE(1).writeIntLE(1).writeIntLE(1); // dwVersion, dwSigAlgId, dwKeyAlgId
        out.writeShortLE(6).writeShortLE(20 + keyLen); // BB_RSA_KEY_BLOB
        out.writeIntLE(0x31415352).writeIntLE(keyLen).writeIntLE(keyBits).writeIntLE(keyBits / 8 - 1).writeIntLE(65537);
        for (int i = 0; i < keyLen; i++) {
            out.writeByte(i < keyBits / 8 ? 0xA5 ^ i : 0);
        }
        out.writeShortLE(8).writeShortLE(72); // BB_RSA_SIGNATURE_BLOB
        out.writeZero(72);
        return bytes(out);
    }

    /** A whole TPKT-framed Connect Response with {@code result}, carrying {@code blocks}. */
    public static byte[] connectResponse(int result, ServerBlocks blocks) {
        ByteBuf b = Unpooled.buffer();
        b.writeShortLE(0x0C01).writeShortLE(16).writeIntLE((int) blocks.version()).writeIntLE(blocks.clientRequestedProtocols())
                .writeIntLE(0);
        List<Integer> ids = blocks.staticChannelIds();
        int padding = ids.size() % 2 == 1 ? 2 : 0;
        b.writeShortLE(0x0C03).writeShortLE(8 + 2 * ids.size() + padding).writeShortLE(IO_CHANNEL_ID).writeShortLE(ids.size());
        ids.forEach(b::writeShortLE);
        b.writeZero(padding);
        if (blocks.serverRandom() == null) {
            b.writeShortLE(0x0C02).writeShortLE(12).writeIntLE(blocks.encryptionMethod()).writeIntLE(blocks.encryptionLevel());
        } else {
            byte[] cert = blocks.certificate() == null ? new byte[0] : blocks.certificate();
            b.writeShortLE(0x0C02).writeShortLE(20 + blocks.serverRandom().length + cert.length)
                    .writeIntLE(blocks.encryptionMethod()).writeIntLE(blocks.encryptionLevel())
                    .writeIntLE(blocks.serverRandom().length).writeIntLE(cert.length)
                    .writeBytes(blocks.serverRandom()).writeBytes(cert);
        }
        b.writeShortLE(0x0C04).writeShortLE(6).writeShortLE(blocks.messageChannelId());
        if (blocks.multitransportFlags() != null) {
            b.writeShortLE(0x0C08).writeShortLE(8).writeIntLE((int) (long) blocks.multitransportFlags());
        }
        byte[] serverBlocks = bytes(b);
        ByteBuf gccTail = Unpooled.buffer();
        gccTail.writeBytes(new byte[] {0x14, 0x76, 0x0a, 0x01, 0x01, 0x00, 0x01, (byte) 0xc0, 0x00, 'M', 'c', 'D', 'n'});
        perLength(gccTail, serverBlocks.length);
        gccTail.writeBytes(serverBlocks);
        byte[] tail = bytes(gccTail);
        ByteBuf gcc = Unpooled.buffer();
        gcc.writeBytes(new byte[] {0x00, 0x05, 0x00, 0x14, 0x7c, 0x00, 0x01});
        perLength(gcc, tail.length);
        gcc.writeBytes(tail);
        byte[] userData = bytes(gcc);
        ByteBuf mcs = Unpooled.buffer();
        mcs.writeBytes(new byte[] {0x0a, 0x01, (byte) result, 0x02, 0x01, 0x00});
        mcs.writeBytes(new byte[] {0x30, 0x1a, 0x02, 0x01, 0x22, 0x02, 0x01, 0x03, 0x02, 0x01, 0x00, 0x02, 0x01, 0x01, 0x02, 0x01,
            0x00, 0x02, 0x01, 0x01, 0x02, 0x03, 0x00, (byte) 0xff, (byte) 0xf8, 0x02, 0x01, 0x02});
        mcs.writeByte(0x04).writeByte(0x82).writeShort(userData.length).writeBytes(userData);
        byte[] content = bytes(mcs);
        ByteBuf out = Unpooled.buffer();
        int total = 7 + 2 + 3 + content.length;
        out.writeByte(3).writeByte(0).writeShort(total).writeBytes(new byte[] {0x02, (byte) 0xf0, (byte) 0x80});
        out.writeByte(0x7f).writeByte(0x66).writeByte(0x82).writeShort(content.length).writeBytes(content);
        return bytes(out);
    }

    /** An MCS Disconnect Provider Ultimatum with reason rn-provider-initiated (1), as a server ends a connection. */
    public static byte[] disconnectProviderUltimatum() {
        return new byte[] {0x03, 0x00, 0x00, 0x09, 0x02, (byte) 0xf0, (byte) 0x80, 0x20, (byte) 0x80};
    }

    private static void perLength(ByteBuf out, int n) {
        if (n < 0x80) {
            out.writeByte(n);
        } else {
            out.writeShort(0x8000 | n);
        }
    }

    private static byte[] bytes(ByteBuf buf) {
        try {
            return Arrays.copyOfRange(buf.array(), buf.arrayOffset() + buf.readerIndex(), buf.arrayOffset() + buf.writerIndex());
        } finally {
            buf.release();
        }
    }
}
