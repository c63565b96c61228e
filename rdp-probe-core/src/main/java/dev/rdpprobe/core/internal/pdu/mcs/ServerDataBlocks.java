package dev.rdpprobe.core.internal.pdu.mcs;

import dev.rdpprobe.core.internal.pdu.PduCursor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The server data blocks of a GCC Conference Create Response ([MS-RDPBCGR] 2.2.1.4), in any order. Known
 * blocks are decoded; a block of another type, or a second block of a known type, is kept by type and length
 * and never fatal.
 *
 * @param core TS_UD_SC_CORE, or {@code null} if absent
 * @param security TS_UD_SC_SEC1, or {@code null} if absent
 * @param network TS_UD_SC_NET, or {@code null} if absent
 * @param messageChannel TS_UD_SC_MCS_MSGCHANNEL's MCSChannelID, or {@code null} if absent
 * @param multitransportFlags TS_UD_SC_MULTITRANSPORT's flags, or {@code null} if absent
 * @param unknown the other blocks, in wire order
 */
public record ServerDataBlocks(Core core, Security security, Network network, Integer messageChannel,
        Long multitransportFlags, List<UnknownBlock> unknown) {

    /** Block type SC_CORE. */
    public static final int SC_CORE = 0x0C01;
    /** Block type SC_SECURITY. */
    public static final int SC_SECURITY = 0x0C02;
    /** Block type SC_NET. */
    public static final int SC_NET = 0x0C03;
    /** Block type SC_MCS_MSGCHANNEL. */
    public static final int SC_MCS_MSGCHANNEL = 0x0C04;
    /** Block type SC_MULTITRANSPORT. */
    public static final int SC_MULTITRANSPORT = 0x0C08;

    public ServerDataBlocks {
        unknown = List.copyOf(unknown);
    }

    /**
     * TS_UD_SC_CORE (2.2.1.4.2).
     *
     * @param version the server's RDP version (0x00080004: RDP 5.0–8.1; 0x00080005 and up: RDP 10.x)
     * @param clientRequestedProtocols the echo of RDP_NEG_REQ.requestedProtocols, or {@code null} if absent
     * @param earlyCapabilityFlags the RNS_UD_SC_* flags, or {@code null} if absent
     */
    public record Core(long version, Long clientRequestedProtocols, Long earlyCapabilityFlags) {
    }

    /**
     * TS_UD_SC_SEC1 (2.2.1.4.3).
     *
     * @param encryptionMethod the method the server chose (0 with TLS or CredSSP)
     * @param encryptionLevel the level it enforces (0 none, 1 low, 2 client compatible, 3 high, 4 FIPS)
     * @param serverRandom the 32-byte server random, or {@code null} if absent (no Standard RDP Security)
     * @param certificate the server certificate, or {@code null} if absent
     */
    public record Security(long encryptionMethod, long encryptionLevel, byte[] serverRandom, ServerCertificate certificate) {
        public Security {
            serverRandom = serverRandom == null ? null : serverRandom.clone();
        }

        @Override
        public byte[] serverRandom() {
            return serverRandom == null ? null : serverRandom.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Security s && s.encryptionMethod == encryptionMethod && s.encryptionLevel == encryptionLevel
                    && Arrays.equals(s.serverRandom, serverRandom) && java.util.Objects.equals(s.certificate, certificate);
        }

        @Override
        public int hashCode() {
            return Long.hashCode(encryptionMethod) * 31 + Long.hashCode(encryptionLevel);
        }

        @Override
        public String toString() {
            return "Security[encryptionMethod=" + encryptionMethod + ", encryptionLevel=" + encryptionLevel
                    + ", serverRandom=" + (serverRandom == null ? "none" : serverRandom.length + " bytes")
                    + ", certificate=" + certificate + "]";
        }
    }

    /**
     * TS_UD_SC_NET (2.2.1.4.4).
     *
     * @param ioChannel the MCS I/O channel (1003)
     * @param channelIds the ids of the static channels the client asked for, in its order
     */
    public record Network(int ioChannel, List<Integer> channelIds) {
        public Network {
            channelIds = List.copyOf(channelIds);
        }
    }

    /**
     * A block this codec does not decode.
     *
     * @param type its type
     * @param length its length, header included
     */
    public record UnknownBlock(int type, int length) {
    }

    /** Decodes the blocks filling window {@code r}. */
    static ServerDataBlocks decode(PduCursor r) {
        Core core = null;
        Security security = null;
        Network network = null;
        Integer messageChannel = null;
        Long multitransport = null;
        List<UnknownBlock> unknown = new ArrayList<>();
        while (r.hasMore()) {
            int at = r.offset();
            int type = r.u16le("TS_UD_HEADER.type");
            int length = r.u16le("TS_UD_HEADER.length");
            if (length < 4) {
                throw r.error("TS_UD_HEADER.length", at + 2, "length " + length + " is below the 4-byte header");
            }
            PduCursor body = r.window(length - 4, String.format("block 0x%04X", type));
            if (type == SC_CORE && core == null) {
                core = core(body);
            } else if (type == SC_SECURITY && security == null) {
                security = security(body);
            } else if (type == SC_NET && network == null) {
                network = network(body);
            } else if (type == SC_MCS_MSGCHANNEL && messageChannel == null) {
                messageChannel = body.u16le("TS_UD_SC_MCS_MSGCHANNEL.MCSChannelID");
            } else if (type == SC_MULTITRANSPORT && multitransport == null) {
                multitransport = body.u32le("TS_UD_SC_MULTITRANSPORT.flags");
            } else {
                unknown.add(new UnknownBlock(type, length));
            }
        }
        return new ServerDataBlocks(core, security, network, messageChannel, multitransport, unknown);
    }

    private static Core core(PduCursor b) {
        long version = b.u32le("TS_UD_SC_CORE.version");
        Long requested = b.remaining() >= 4 ? b.u32le("TS_UD_SC_CORE.clientRequestedProtocols") : null;
        Long early = b.remaining() >= 4 ? b.u32le("TS_UD_SC_CORE.earlyCapabilityFlags") : null;
        return new Core(version, requested, early);
    }

    private static Security security(PduCursor b) {
        long method = b.u32le("TS_UD_SC_SEC1.encryptionMethod");
        long level = b.u32le("TS_UD_SC_SEC1.encryptionLevel");
        if (!b.hasMore()) {
            return new Security(method, level, null, null);
        }
        int randomLenAt = b.offset();
        long randomLen = b.u32le("TS_UD_SC_SEC1.serverRandomLen");
        int certLenAt = b.offset();
        long certLen = b.u32le("TS_UD_SC_SEC1.serverCertLen");
        if (randomLen > b.remaining()) {
            throw b.error("TS_UD_SC_SEC1.serverRandomLen", randomLenAt, "serverRandomLen " + randomLen
                    + " runs past the end (" + b.remaining() + " bytes follow)");
        }
        byte[] random = b.bytes((int) randomLen, "TS_UD_SC_SEC1.serverRandom");
        if (certLen > b.remaining()) {
            throw b.error("TS_UD_SC_SEC1.serverCertLen", certLenAt, "serverCertLen " + certLen
                    + " runs past the end (" + b.remaining() + " bytes follow)");
        }
        ServerCertificate certificate = certLen == 0 ? null
                : ServerCertificate.decode(b.window((int) certLen, "TS_UD_SC_SEC1.serverCertificate"));
        return new Security(method, level, randomLen == 0 ? null : random, certificate);
    }

    private static Network network(PduCursor b) {
        int io = b.u16le("TS_UD_SC_NET.MCSChannelId");
        int countAt = b.offset();
        int count = b.u16le("TS_UD_SC_NET.channelCount");
        if (count * 2 > b.remaining()) {
            throw b.error("TS_UD_SC_NET.channelCount", countAt, count + " channel ids need " + (count * 2) + " bytes, "
                    + b.remaining() + " follow");
        }
        List<Integer> ids = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            ids.add(b.u16le("TS_UD_SC_NET.channelIdArray"));
        }
        // a 2-byte pad follows an odd count; servers omit it at times
        return new Network(io, ids);
    }
}
