package dev.rdpprobe.testkit.wire;

import dev.rdpprobe.core.internal.pdu.MalformedPduException;
import dev.rdpprobe.core.internal.pdu.PduCursor;

/**
 * The non-secret facts of a client's Client Info PDU ([MS-RDPBCGR] 2.2.1.11): its TS_INFO_PACKET's code page (the
 * client's input locale when INFO_UNICODE is set) and flags. The domain, user name, password, shell and working
 * directory are stepped over by their lengths (every length bounded by the PDU) and never read into a value: the
 * password of an auto-logon travels here in the clear (inside TLS).
 *
 * @param codePage TS_INFO_PACKET.CodePage
 * @param flags TS_INFO_PACKET.flags (INFO_MOUSE, INFO_UNICODE, INFO_AUTOLOGON …)
 */
public record ClientInfoFacts(long codePage, long flags) {

    /** The PDU name errors carry. */
    public static final String PDU = "Client Info PDU";
    /** TS_SECURITY_HEADER.flags SEC_INFO_PKT. */
    public static final int SEC_INFO_PKT = 0x0040;
    /** TS_SECURITY_HEADER.flags SEC_ENCRYPT. */
    public static final int SEC_ENCRYPT = 0x0008;
    /** TS_INFO_PACKET.flags INFO_UNICODE: the strings are UTF-16, their terminators two bytes. */
    public static final long INFO_UNICODE = 0x10;

    /**
     * Reads the facts from the user data of the client's Send Data Request: a basic security header with SEC_INFO_PKT
     * and no encryption (TLS carries the connection), then TS_INFO_PACKET.
     *
     * @throws MalformedPduException naming the field and its offset from the user data's first byte
     */
    public static ClientInfoFacts decode(byte[] userData) {
        PduCursor r = PduCursor.over(PDU, userData);
        int flags = r.u16le("securityHeader.flags");
        r.skip(2, "securityHeader.flagsHi");
        if ((flags & SEC_INFO_PKT) == 0) {
            throw r.error("securityHeader.flags", 0, String.format("0x%04X lacks SEC_INFO_PKT (0x0040)", flags));
        }
        if ((flags & SEC_ENCRYPT) != 0) {
            throw r.error("securityHeader.flags", 0, "SEC_ENCRYPT, but the server chose no RDP encryption");
        }
        long codePage = r.u32le("TS_INFO_PACKET.CodePage");
        long infoFlags = r.u32le("TS_INFO_PACKET.flags");
        int terminator = (infoFlags & INFO_UNICODE) != 0 ? 2 : 1;
        String[] fields = {"Domain", "UserName", "Password", "AlternateShell", "WorkingDir"};
        int[] lengths = new int[fields.length];
        for (int i = 0; i < fields.length; i++) {
            lengths[i] = r.u16le("TS_INFO_PACKET.cb" + fields[i]);
        }
        for (int i = 0; i < fields.length; i++) {
            r.skip(lengths[i] + terminator, "TS_INFO_PACKET." + fields[i]); // stepped over, never read
        }
        // the extended info packet (client address, time zone …) may follow: not needed
        return new ClientInfoFacts(codePage, infoFlags);
    }
}
