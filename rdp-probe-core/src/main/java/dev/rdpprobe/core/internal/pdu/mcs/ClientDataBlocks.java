package dev.rdpprobe.core.internal.pdu.mcs;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
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
