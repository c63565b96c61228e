package dev.rdpprobe.core.outcome;

/** What a non-RDP reply looks like, judged from its first bytes. */
public enum ForeignProtocol {
    /** A TLS record (handshake or alert): a TLS-only service, or RDP behind a TLS terminator. */
    TLS("TLS"),
    /** An HTTP response. */
    HTTP("HTTP"),
    /** An SSH server banner. */
    SSH("an SSH banner"),
    /** A printable text line (SMTP, FTP, a custom banner). */
    TEXT_BANNER("a text banner"),
    /** Nothing recognisable. */
    UNKNOWN("unknown binary data");

    private final String description;

    ForeignProtocol(String description) {
        this.description = description;
    }

    /** A short description for messages. */
    public String description() {
        return description;
    }
}
