package dev.rdpprobe.testkit;

/**
 * The non-secret facts of a client's Client Info PDU, as the fake server records them
 * ({@link RecordedConnection#clientInfo()}). Its strings — domain, user name, password (sent in the clear for an
 * auto-logon), shell, directory — are never read.
 *
 * @param codePage TS_INFO_PACKET.CodePage (with INFO_UNICODE, the client's input locale, e.g. 0x0409)
 * @param flags TS_INFO_PACKET.flags
 */
public record ClientInfo(long codePage, long flags) {

    /** INFO_AUTOLOGON. */
    private static final long INFO_AUTOLOGON = 0x08;

    /** Whether the client asked for an automatic logon (INFO_AUTOLOGON: it sent a password, which is never read). */
    public boolean autoLogon() {
        return (flags & INFO_AUTOLOGON) != 0;
    }
}
