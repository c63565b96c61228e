package dev.rdpprobe.core.internal.pdu.credssp;

import dev.rdpprobe.core.internal.pdu.MalformedPduException;
import dev.rdpprobe.core.internal.pdu.PduCursor;

/**
 * The one parser of a DER length (X.690 8.1.3, definite form only), shared by the framer of CredSSP
 * messages ({@link DerFraming}) and the element reader ({@link DerReader}): a first octet below
 * 0x80 is the length itself; {@code 0x81}–{@code 0x84} say that 1–4 big-endian octets follow
 * (non-minimal forms are accepted, as BER allows); {@code 0x80} (indefinite) and longer forms are refused.
 */
final class DerLength {

    /** At most this many octets after the first. */
    static final int MAX_EXTRA_OCTETS = 4;

    private DerLength() {
    }

    /**
     * How many octets follow the first length octet {@code first}: 0 for the short form.
     *
     * @param offset the first octet's offset from the PDU start, for the error
     * @throws MalformedPduException for the indefinite form or more than {@value #MAX_EXTRA_OCTETS} octets
     */
    static int extraOctets(int first, String pdu, String field, int offset) {
        if (first < 0x80) {
            return 0;
        }
        if (first == 0x80) {
            throw new MalformedPduException(pdu, field, offset, "indefinite length is not allowed");
        }
        int n = first & 0x7F;
        if (n > MAX_EXTRA_OCTETS) {
            throw new MalformedPduException(pdu, field, offset, n + " length bytes (at most " + MAX_EXTRA_OCTETS + ")");
        }
        return n;
    }

    /**
     * The length that {@code first} and the {@code extra} octets at the cursor encode, reading them
     * (the caller has checked they are present).
     */
    static long value(int first, PduCursor cursor, int extra, String field) {
        if (extra == 0) {
            return first;
        }
        long length = 0;
        for (int i = 0; i < extra; i++) {
            length = (length << 8) | cursor.u8(field);
        }
        return length;
    }
}
