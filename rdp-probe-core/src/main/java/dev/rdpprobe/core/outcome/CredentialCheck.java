package dev.rdpprobe.core.outcome;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * The result of the credential check. It holds no secret: the account name, never the password, its
 * hash or the NTLMv2 response.
 *
 * @param verdict what the check found
 * @param account the account checked, {@code DOMAIN\name} or {@code name}
 * @param ntStatus the server's TSRequest errorCode (unsigned NTSTATUS), when it sent one
 * @param statusName its name, when it sent one
 * @param credsspVersion the CredSSP version the pubKeyAuth was computed for (2–4: the sealed key; 5–6: the
 *     nonce-bound hash); empty when no AUTHENTICATE was sent
 * @param detail one line for people: what was seen
 */
public record CredentialCheck(CredentialVerdict verdict, String account, Optional<Long> ntStatus, Optional<String> statusName,
        Optional<Integer> credsspVersion, String detail) {

    /** Checks presence. */
    public CredentialCheck {
        Objects.requireNonNull(verdict, "verdict");
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(ntStatus, "ntStatus");
        Objects.requireNonNull(statusName, "statusName");
        Objects.requireNonNull(credsspVersion, "credsspVersion");
        Objects.requireNonNull(detail, "detail");
    }

    /** A check that sent nothing. */
    public static CredentialCheck notChecked(CredentialVerdict verdict, String account, String detail) {
        if (verdict.responseSent()) {
            throw new IllegalArgumentException(verdict + " is not a verdict of a check that sent nothing");
        }
        return new CredentialCheck(verdict, account, Optional.empty(), Optional.empty(), Optional.empty(), detail);
    }

    /** The errorCode as {@code STATUS_LOGON_FAILURE (0xC000006D)}, or empty. */
    public Optional<String> statusText() {
        return ntStatus.map(s -> statusName.orElse("NTSTATUS") + String.format(Locale.ROOT, " (0x%08X)", s));
    }
}
