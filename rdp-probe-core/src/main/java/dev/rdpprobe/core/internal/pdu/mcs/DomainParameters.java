package dev.rdpprobe.core.internal.pdu.mcs;

import dev.rdpprobe.core.internal.pdu.PduCursor;
import io.netty.buffer.ByteBuf;

/**
 * T.125 DomainParameters (a BER SEQUENCE of eight INTEGERs).
 *
 * @param maxChannelIds maxChannelIds
 * @param maxUserIds maxUserIds
 * @param maxTokenIds maxTokenIds
 * @param numPriorities numPriorities
 * @param minThroughput minThroughput
 * @param maxHeight maxHeight
 * @param maxMcsPduSize maxMCSPDUsize
 * @param protocolVersion protocolVersion (2)
 */
record DomainParameters(long maxChannelIds, long maxUserIds, long maxTokenIds, long numPriorities,
        long minThroughput, long maxHeight, long maxMcsPduSize, long protocolVersion) {

    /** targetParameters of [MS-RDPBCGR] 4.1.3. */
    static final DomainParameters TARGET = new DomainParameters(34, 2, 0, 1, 0, 1, 0xFFFF, 2);
    /** minimumParameters of [MS-RDPBCGR] 4.1.3. */
    static final DomainParameters MINIMUM = new DomainParameters(1, 1, 1, 1, 0, 1, 0x420, 2);
    /** maximumParameters of [MS-RDPBCGR] 4.1.3. */
    static final DomainParameters MAXIMUM = new DomainParameters(0xFFFF, 0xFC17, 0xFFFF, 1, 0, 1, 0xFFFF, 2);

    private long[] values() {
        return new long[] {maxChannelIds, maxUserIds, maxTokenIds, numPriorities, minThroughput, maxHeight, maxMcsPduSize,
            protocolVersion};
    }

    private int contentLength() {
        int n = 0;
        for (long v : values()) {
            n += Ber.integerSize(v);
        }
        return n;
    }

    /** Whole encoded size (tag, length, content). */
    int encodedLength() {
        int content = contentLength();
        return 1 + Ber.lengthSize(content) + content;
    }

    void encode(ByteBuf out) {
        out.writeByte(Ber.TAG_SEQUENCE);
        Ber.writeLength(out, contentLength());
        for (long v : values()) {
            Ber.writeInteger(out, v);
        }
    }

    static DomainParameters decode(PduCursor r, String field) {
        PduCursor s = Ber.readTlv(r, Ber.TAG_SEQUENCE, field);
        long[] v = new long[8];
        String[] names = {"maxChannelIds", "maxUserIds", "maxTokenIds", "numPriorities", "minThroughput", "maxHeight",
            "maxMCSPDUsize", "protocolVersion"};
        for (int i = 0; i < v.length; i++) {
            v[i] = Ber.readUnsigned(s, Ber.TAG_INTEGER, field + "." + names[i]);
        }
        s.expectEnd(field);
        return new DomainParameters(v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7]);
    }
}
