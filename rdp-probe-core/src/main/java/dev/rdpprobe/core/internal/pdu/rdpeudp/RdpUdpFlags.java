package dev.rdpprobe.core.internal.pdu.rdpeudp;

import java.util.Locale;
import java.util.StringJoiner;

/**
 * The uFlags bits of RDPUDP_FEC_HEADER ([MS-RDPEUDP] 2.2.2.1), with a readable rendering of a flag
 * word. An open value: unknown bits are shown in hex.
 */
public final class RdpUdpFlags {

    /** RDPUDP_FLAG_SYN: the datagram opens a connection. */
    public static final int SYN = 0x0001;
    /** RDPUDP_FLAG_FIN. */
    public static final int FIN = 0x0002;
    /** RDPUDP_FLAG_ACK: on a SYN+ACK it introduces no ACK vector (3.1.5.1.3). */
    public static final int ACK = 0x0004;
    /** RDPUDP_FLAG_DATA. */
    public static final int DATA = 0x0008;
    /** RDPUDP_FLAG_FEC. */
    public static final int FEC = 0x0010;
    /** RDPUDP_FLAG_CN. */
    public static final int CN = 0x0020;
    /** RDPUDP_FLAG_CWR. */
    public static final int CWR = 0x0040;
    /** RDPUDP_FLAG_SACK_OPTION. */
    public static final int SACK_OPTION = 0x0080;
    /** RDPUDP_FLAG_ACK_OF_ACKS. */
    public static final int ACK_OF_ACKS = 0x0100;
    /** RDPUDP_FLAG_SYNLOSSY: the client asks for the lossy (RDP-UDP-L) mode. */
    public static final int SYNLOSSY = 0x0200;
    /** RDPUDP_FLAG_ACKDELAYED. */
    public static final int ACKDELAYED = 0x0400;
    /** RDPUDP_FLAG_CORRELATION_ID: an RDPUDP_CORRELATION_ID_PAYLOAD follows the SYNDATA. */
    public static final int CORRELATION_ID = 0x0800;
    /** RDPUDP_FLAG_SYNEX: an RDPUDP_SYNDATAEX_PAYLOAD follows. */
    public static final int SYNEX = 0x1000;

    private static final int[] BITS = {
        SYN, FIN, ACK, DATA, FEC, CN, CWR, SACK_OPTION, ACK_OF_ACKS, SYNLOSSY, ACKDELAYED, CORRELATION_ID, SYNEX
    };
    private static final String[] NAMES = {
        "SYN", "FIN", "ACK", "DATA", "FEC", "CN", "CWR", "SACK_OPTION", "ACK_OF_ACKS", "SYNLOSSY", "ACKDELAYED",
        "CORRELATION_ID", "SYNEX"
    };

    private RdpUdpFlags() {
    }

    /**
     * Renders a flag word, e.g. {@code "0x0005 (SYN|ACK)"}; unknown bits appear in hex, no bit as {@code none}.
     *
     * @param flags the 16-bit uFlags value
     * @return the hex value and the names of its bits
     */
    public static String describe(int flags) {
        int value = flags & 0xFFFF;
        StringJoiner names = new StringJoiner("|");
        int rest = value;
        for (int i = 0; i < BITS.length; i++) {
            if ((value & BITS[i]) != 0) {
                names.add(NAMES[i]);
                rest &= ~BITS[i];
            }
        }
        if (rest != 0) {
            names.add(String.format(Locale.ROOT, "0x%04X", rest));
        }
        return String.format(Locale.ROOT, "0x%04X (%s)", value, value == 0 ? "none" : names.toString());
    }
}
