package dev.rdpprobe.core;

import io.netty.buffer.ByteBuf;

/**
 * Follows the TLS record boundaries of the raw inbound stream (a 5-byte header: type, version, a
 * 16-bit length; then that many bytes) to tell how many bytes of a record that has begun and not
 * finished have arrived. It only counts: it reads no payload, allocates nothing, and keeps 5 bytes of
 * state whatever the lengths say (the TLS engine judges whether the records are valid).
 */
final class TlsRecordTracker {

    private static final int HEADER_LENGTH = 5;

    private final byte[] header = new byte[HEADER_LENGTH];
    private int headerSeen;
    private int recordLength;
    private int bodyLeft;

    /** Follows the readable bytes of {@code buf} (indices untouched). */
    void advance(ByteBuf buf) {
        int i = buf.readerIndex();
        int end = buf.writerIndex();
        while (i < end) {
            if (headerSeen < HEADER_LENGTH) {
                header[headerSeen++] = buf.getByte(i++);
                if (headerSeen == HEADER_LENGTH) {
                    recordLength = ((header[3] & 0xFF) << 8) | (header[4] & 0xFF);
                    bodyLeft = recordLength;
                    if (bodyLeft == 0) {
                        headerSeen = 0;
                    }
                }
            } else {
                int take = Math.min(bodyLeft, end - i);
                i += take;
                bodyLeft -= take;
                if (bodyLeft == 0) {
                    headerSeen = 0;
                }
            }
        }
    }

    /** Bytes of the current, unfinished record that have arrived (header included); 0 at a record boundary. */
    int bytesInProgress() {
        return headerSeen < HEADER_LENGTH ? headerSeen : HEADER_LENGTH + recordLength - bodyLeft;
    }
}
