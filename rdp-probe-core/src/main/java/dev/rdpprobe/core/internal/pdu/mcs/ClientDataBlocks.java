package dev.rdpprobe.core.internal.pdu.mcs;

import dev.rdpprobe.core.internal.pdu.PduCursor;
import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The client data blocks of a GCC Conference Create Request ([MS-RDPBCGR] 2.2.1.3), written in the order
 * of the 4.1.3 example: CS_CORE, CS_CLUSTER, CS_SECURITY, CS_NET, then CS_MULTITRANSPORT.
 *
 * @param core TS_UD_CS_CORE
 * @param cluster TS_UD_CS_CLUSTER, or {@code null} for none
 * @param security TS_UD_CS_SEC
 * @param network TS_UD_CS_NET
 * @param multitransport TS_UD_CS_MULTITRANSPORT, or {@code null} for none
 */
public record ClientDataBlocks(ClientCoreData core, Cluster cluster, Security security, Network network,
        Multitransport multitransport) {

    public ClientDataBlocks {
        Objects.requireNonNull(core, "core");
        Objects.requireNonNull(security, "security");
        Objects.requireNonNull(network, "network");
    }

    /**
     * What the probe sends: CS_CORE echoing {@code serverSelectedProtocol}, CS_CLUSTER (redirection
     * supported, version 4, as Windows clients send it), CS_SECURITY offering {@code encryptionMethods},
     * CS_NET with no channel, and CS_MULTITRANSPORT offering UDP (so that a server that supports it says so).
     */
    public static ClientDataBlocks forProbe(int serverSelectedProtocol, int encryptionMethods) {
        return new ClientDataBlocks(ClientCoreData.forProbe(serverSelectedProtocol), new Cluster(Cluster.PROBE_FLAGS, 0),
                new Security(encryptionMethods, 0), new Network(List.of()), new Multitransport(Multitransport.PROBE_FLAGS));
    }

    /** Encoded size of all blocks. */
    public int encodedLength() {
        return ClientCoreData.LENGTH + (cluster == null ? 0 : Cluster.LENGTH) + Security.LENGTH + network.encodedLength()
                + (multitransport == null ? 0 : Multitransport.LENGTH);
    }

    void encode(ByteBuf out) {
        core.encode(out);
        if (cluster != null) {
            cluster.encode(out);
        }
        security.encode(out);
        network.encode(out);
        if (multitransport != null) {
            multitransport.encode(out);
        }
    }

    /** Decodes the blocks filling window {@code r}; CS_CORE, CS_SECURITY and CS_NET are required, other types skipped. */
    static ClientDataBlocks decode(PduCursor r) {
        ClientCoreData core = null;
        Cluster cluster = null;
        Security security = null;
        Network network = null;
        Multitransport multitransport = null;
        while (r.hasMore()) {
            int at = r.offset();
            int type = r.u16le("TS_UD_HEADER.type");
            int length = r.u16le("TS_UD_HEADER.length");
            if (length < 4) {
                throw r.error("TS_UD_HEADER.length", at + 2, "length " + length + " is below the 4-byte header");
            }
            PduCursor b = r.window(length - 4, String.format("block 0x%04X", type));
            switch (type) {
                case ClientCoreData.TYPE -> core = ClientCoreData.decode(b);
                case Cluster.TYPE -> cluster = new Cluster(b.i32le("TS_UD_CS_CLUSTER.Flags"), b.i32le("TS_UD_CS_CLUSTER.RedirectedSessionID"));
                case Security.TYPE -> security = new Security(b.i32le("TS_UD_CS_SEC.encryptionMethods"),
                        b.i32le("TS_UD_CS_SEC.extEncryptionMethods"));
                case Network.TYPE -> network = Network.decode(b);
                case Multitransport.TYPE -> multitransport = new Multitransport(b.i32le("TS_UD_CS_MULTITRANSPORT.flags"));
                default -> {
                    // other client blocks (monitor data, message channel …) are not needed
                }
            }
        }
        if (core == null || security == null || network == null) {
            throw r.error("client data blocks", r.offset(), "CS_CORE, CS_SECURITY and CS_NET are required");
        }
        return new ClientDataBlocks(core, cluster, security, network, multitransport);
    }

    /**
     * TS_UD_CS_CLUSTER (2.2.1.3.5).
     *
     * @param flags REDIRECTION_SUPPORTED, the redirection version, REDIRECTED_SESSIONID_FIELD_VALID …
     * @param redirectedSessionId the session to reconnect to (0)
     */
    public record Cluster(int flags, int redirectedSessionId) {
        /** Block type CS_CLUSTER. */
        public static final int TYPE = 0xC004;
        static final int LENGTH = 12;
        /** REDIRECTION_SUPPORTED (0x01) with ServerSessionRedirectionVersion 4 ((4 - 1) &lt;&lt; 2), as Windows sends. */
        public static final int PROBE_FLAGS = 0x0D;

        void encode(ByteBuf out) {
            out.writeShortLE(TYPE).writeShortLE(LENGTH).writeIntLE(flags).writeIntLE(redirectedSessionId);
        }
    }

    /**
     * TS_UD_CS_SEC (2.2.1.3.3).
     *
     * @param encryptionMethods the methods offered (see {@link EncryptionMethods})
     * @param extEncryptionMethods the French-locale field (0)
     */
    public record Security(int encryptionMethods, int extEncryptionMethods) {
        /** Block type CS_SECURITY. */
        public static final int TYPE = 0xC002;
        static final int LENGTH = 12;

        void encode(ByteBuf out) {
            out.writeShortLE(TYPE).writeShortLE(LENGTH).writeIntLE(encryptionMethods).writeIntLE(extEncryptionMethods);
        }
    }

    /**
     * TS_UD_CS_NET (2.2.1.3.4): the static virtual channels asked for.
     *
     * @param channels the CHANNEL_DEF entries, at most {@value #MAX_CHANNELS}
     */
    public record Network(List<Channel> channels) {
        /** Block type CS_NET. */
        public static final int TYPE = 0xC003;
        /** Most static channels a client may ask for. */
        public static final int MAX_CHANNELS = 31;

        public Network {
            channels = List.copyOf(channels);
            if (channels.size() > MAX_CHANNELS) {
                throw new IllegalArgumentException(channels.size() + " channels; at most " + MAX_CHANNELS);
            }
        }

        int encodedLength() {
            return 8 + 12 * channels.size();
        }

        static Network decode(PduCursor b) {
            int countAt = b.offset();
            long count = b.u32le("TS_UD_CS_NET.channelCount");
            if (count > MAX_CHANNELS || count * 12 > b.remaining()) {
                throw b.error("TS_UD_CS_NET.channelCount", countAt, count + " channels do not fit (at most " + MAX_CHANNELS
                        + ", 12 bytes each, " + b.remaining() + " bytes follow)");
            }
            List<Channel> channels = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                int nameAt = b.offset();
                byte[] raw = b.bytes(8, "CHANNEL_DEF.name");
                int n = 0;
                while (n < raw.length && raw[n] != 0) {
                    n++;
                }
                String name = new String(raw, 0, n, StandardCharsets.US_ASCII);
                int options = b.i32le("CHANNEL_DEF.options");
                try {
                    channels.add(new Channel(name, options));
                } catch (IllegalArgumentException e) {
                    throw b.error("CHANNEL_DEF.name", nameAt, e.getMessage());
                }
            }
            return new Network(channels);
        }

        void encode(ByteBuf out) {
            out.writeShortLE(TYPE).writeShortLE(encodedLength()).writeIntLE(channels.size());
            for (Channel c : channels) {
                byte[] name = c.name().getBytes(StandardCharsets.US_ASCII);
                out.writeBytes(name).writeZero(8 - name.length).writeIntLE(c.options());
            }
        }
    }

    /**
     * CHANNEL_DEF (2.2.1.3.4.1).
     *
     * @param name the channel's name, 1 to 7 ASCII characters
     * @param options its CHANNEL_OPTION_* flags
     */
    public record Channel(String name, int options) {
        public Channel {
            if (name == null || name.isEmpty() || name.length() > 7 || !StandardCharsets.US_ASCII.newEncoder().canEncode(name)) {
                throw new IllegalArgumentException("a channel name is 1 to 7 ASCII characters: " + name);
            }
        }
    }

    /**
     * TS_UD_CS_MULTITRANSPORT (2.2.1.3.8).
     *
     * @param flags the TRANSPORTTYPE_* flags the client supports
     */
    public record Multitransport(int flags) {
        /** Block type CS_MULTITRANSPORT. */
        public static final int TYPE = 0xC00A;
        static final int LENGTH = 8;
        /** TRANSPORTTYPE_UDPFECR | TRANSPORTTYPE_UDPFECL | TRANSPORTTYPE_UDP_PREFERRED | SOFTSYNC_TCP_TO_UDP. */
        public static final int PROBE_FLAGS = 0x0305;

        void encode(ByteBuf out) {
            out.writeShortLE(TYPE).writeShortLE(LENGTH).writeIntLE(flags);
        }
    }
}
