package dev.rdpprobe.core.outcome;

/**
 * What the credential check found, by name: whether the server's Network Level Authentication accepted
 * the caller's credentials, refused them and why, or why the check could not be made. Names are part of
 * the JSON contract (only ever added).
 *
 * <p>Only {@link #ACCEPTED} means the credentials work, and it is given only after the server proved
 * that it holds the TLS key the probe saw (its {@code pubKeyAuth} answer verified). The {@code NOT_CHECKED_*}
 * values sent nothing computed from the password.
 */
public enum CredentialVerdict {
    /** The server accepted the NTLMv2 response and answered with a valid {@code pubKeyAuth}. */
    ACCEPTED(true, true),
    /** Wrong user name or password (STATUS_LOGON_FAILURE, STATUS_WRONG_PASSWORD, STATUS_NO_SUCH_USER). */
    REJECTED(true, false),
    /** The account is locked out (STATUS_ACCOUNT_LOCKED_OUT). */
    ACCOUNT_LOCKED_OUT(true, false),
    /** The account is disabled (STATUS_ACCOUNT_DISABLED). */
    ACCOUNT_DISABLED(true, false),
    /** The account has expired (STATUS_ACCOUNT_EXPIRED). */
    ACCOUNT_EXPIRED(true, false),
    /** The password has expired (STATUS_PASSWORD_EXPIRED). */
    PASSWORD_EXPIRED(true, false),
    /** The password must be changed before the first logon (STATUS_PASSWORD_MUST_CHANGE). */
    PASSWORD_MUST_CHANGE(true, false),
    /** Logon hours, workstation or logon-type restrictions (STATUS_ACCOUNT_RESTRICTION, INVALID_LOGON_HOURS, …). */
    ACCOUNT_RESTRICTED(true, false),
    /** The server's policy refuses NTLM (STATUS_NTLM_BLOCKED, STATUS_NOT_SUPPORTED, …). */
    NTLM_REFUSED(true, false),
    /** The server answered with another error code, named in the check. */
    SERVER_ERROR(true, false),
    /** The server accepted, but sent no {@code pubKeyAuth}: it cannot prove it holds the TLS key (a finding). */
    PUBKEYAUTH_MISSING(true, false),
    /** The server's {@code pubKeyAuth} does not match the TLS key the probe saw: something in between terminates TLS. */
    PUBKEYAUTH_WRONG(true, false),
    /** The server closed (or reset) the connection after the AUTHENTICATE, without an error code. */
    CLOSED(true, false),
    /** No answer to the AUTHENTICATE within the limit. */
    TIMED_OUT(true, false),
    /** The server selected no NLA (TLS only or Standard RDP Security): credentials would be typed into its logon screen. */
    NOT_CHECKED_NO_NLA(false, false),
    /** The server's certificate is neither trusted nor pinned, and sending to an unverified server was not allowed. */
    NOT_CHECKED_CERTIFICATE_NOT_VERIFIED(false, false),
    /** An earlier phase failed, or CredSSP did not reach an NTLM CHALLENGE. */
    NOT_CHECKED_NOT_REACHED(false, false),
    /** The check could not run on this side: no MD4 provider (rdp-probe-tls), destroyed credentials, or a CHALLENGE the probe cannot answer. */
    NOT_CHECKED_LOCAL(false, false);

    private final boolean sent;
    private final boolean accepted;

    CredentialVerdict(boolean sent, boolean accepted) {
        this.sent = sent;
        this.accepted = accepted;
    }

    /** Whether an NTLMv2 response computed from the password was sent (never the password itself). */
    public boolean responseSent() {
        return sent;
    }

    /** Whether the server accepted the credentials (and proved it holds the TLS key). */
    public boolean accepted() {
        return accepted;
    }
}
