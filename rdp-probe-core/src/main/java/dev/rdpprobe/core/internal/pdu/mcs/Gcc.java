package dev.rdpprobe.core.internal.pdu.mcs;

/** Constants of T.124's ConnectData as RDP uses it ([MS-RDPBCGR] 2.2.1.3, 2.2.1.4, 4.1.3, 4.1.4). */
final class Gcc {
    /**
     * The ConnectData prefix: key choice 0 (object), then the length (5) and bytes of the T.124 object
     * identifier {0 0 20 124 0 1} as RDP writes them.
     */
    static final byte[] T124_KEY = {0x00, 0x05, 0x00, 0x14, 0x7C, 0x00, 0x01};

    /**
     * A ConferenceCreateRequest up to its user data: the ConnectGCCPDU choice and option bits (0x00 0x08),
     * conferenceName "1" (0x00 0x10), terminationMethod, one user data set with an h221NonStandard key
     * (0x00 0x01 0xC0 0x00) of "Duca".
     */
    static final byte[] CREATE_REQUEST_HEADER = {0x00, 0x08, 0x00, 0x10, 0x00, 0x01, (byte) 0xC0, 0x00, 'D', 'u', 'c', 'a'};

    /** The ConnectGCCPDU choice byte of a ConferenceCreateResponse. */
    static final int CREATE_RESPONSE_CHOICE = 0x14;

    /** The h221NonStandard key of the server's user data. */
    static final byte[] SERVER_KEY = {'M', 'c', 'D', 'n'};

    private Gcc() {
    }
}
