package dev.rdpprobe.core.internal.pdu.rdpeudp;

import dev.rdpprobe.core.internal.pdu.MalformedPduException;
import dev.rdpprobe.core.internal.pdu.PduCursor;
import io.netty.buffer.ByteBuf;
import java.util.Locale;

/**
 * RDPUDP_SYNDATA_PAYLOAD ([MS-RDPEUDP] 2.2.2.5): 8 bytes, big-endian.
 *
 * @param initialSequenceNumber snInitialSequenceNumber, an unsigned 32-bit value held in an int's bits
 * @param upstreamMtu uUpStreamMtu, {@value #MIN_MTU}..{@value #MAX_MTU}
 * @param downstreamMtu uDownStreamMtu, {@value #MIN_MTU}..{@value #MAX_MTU}
 */
public record SynDataPayload(int initialSequenceNumber, int upstreamMtu, int downstreamMtu) {

    /** Encoded size in bytes. */
    public static final int SIZE = 8;
    /** Smallest MTU the spec allows. */
    public static final int MIN_MTU = 1132;
    /** Largest MTU the spec allows; also what Windows and this probe use. */
    public static final int MAX_MTU = 1232;

    /**
     * @throws IllegalArgumentException if an MTU is outside {@value #MIN_MTU}..{@value #MAX_MTU}
     */
    public SynDataPayload {
        checkMtu(upstreamMtu, "upstreamMtu");
        checkMtu(downstreamMtu, "downstreamMtu");
    }

    /**
     * A payload with both MTUs at {@value #MAX_MTU}.
     *
     * @param initialSequenceNumber the sender's random initial sequence number
     * @return the payload
     */
    public static SynDataPayload withMaxMtu(int initialSequenceNumber) {
        return new SynDataPayload(initialSequenceNumber, MAX_MTU, MAX_MTU);
    }

    /** The smaller of the two MTUs: the size a SYN or SYN+ACK carrying this payload is padded to. */
    public int paddedDatagramSize() {
        return Math.min(upstreamMtu, downstreamMtu);
    }

    /**
     * Writes the 8 bytes.
     *
     * @param out where to write
     */
    public void encode(ByteBuf out) {
        out.writeInt(initialSequenceNumber);
        out.writeShort(upstreamMtu);
        out.writeShort(downstreamMtu);
    }

    /**
     * Reads the 8 bytes at the reader index, which the caller has checked are readable.
     *
     * @param datagram the datagram, at the payload
     * @return the payload
     * @throws MalformedPduException if an MTU is out of range
     */
    static SynDataPayload decode(PduCursor datagram) {
        int offset = datagram.offset();
        int isn = (int) datagram.u32be("snInitialSequenceNumber");
        int up = datagram.u16be("uUpStreamMtu");
        int down = datagram.u16be("uDownStreamMtu");
        if (!inRange(up)) {
            throw datagram.error("uUpStreamMtu", offset + 4, outOfRange(up));
        }
        if (!inRange(down)) {
            throw datagram.error("uDownStreamMtu", offset + 6, outOfRange(down));
        }
        return new SynDataPayload(isn, up, down);
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "SynDataPayload[isn=0x%08X, upstreamMtu=%d, downstreamMtu=%d]",
                initialSequenceNumber, upstreamMtu, downstreamMtu);
    }

    private static boolean inRange(int mtu) {
        return mtu >= MIN_MTU && mtu <= MAX_MTU;
    }

    private static String outOfRange(int mtu) {
        return mtu + " is outside " + MIN_MTU + ".." + MAX_MTU;
    }

    private static void checkMtu(int mtu, String name) {
        if (!inRange(mtu)) {
            throw new IllegalArgumentException(name + " " + outOfRange(mtu) + " ([MS-RDPEUDP] 2.2.2.5)");
        }
    }
}
