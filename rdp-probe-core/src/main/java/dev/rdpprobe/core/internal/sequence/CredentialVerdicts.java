package dev.rdpprobe.core.internal.sequence;

import dev.rdpprobe.core.internal.pdu.credssp.NtStatus;
import dev.rdpprobe.core.outcome.CredentialVerdict;

/** What a server's errorCode to the AUTHENTICATE means for the account: the codec → model mapping of the check. */
final class CredentialVerdicts {

    private CredentialVerdicts() {
    }

    /** The verdict of an errorCode. */
    static CredentialVerdict of(long ntStatus) {
        if (ntStatus == NtStatus.STATUS_LOGON_FAILURE || ntStatus == NtStatus.STATUS_WRONG_PASSWORD
                || ntStatus == NtStatus.STATUS_NO_SUCH_USER || ntStatus == NtStatus.SEC_E_LOGON_DENIED) {
            return CredentialVerdict.REJECTED;
        }
        if (ntStatus == NtStatus.STATUS_ACCOUNT_LOCKED_OUT) {
            return CredentialVerdict.ACCOUNT_LOCKED_OUT;
        }
        if (ntStatus == NtStatus.STATUS_ACCOUNT_DISABLED) {
            return CredentialVerdict.ACCOUNT_DISABLED;
        }
        if (ntStatus == NtStatus.STATUS_ACCOUNT_EXPIRED) {
            return CredentialVerdict.ACCOUNT_EXPIRED;
        }
        if (ntStatus == NtStatus.STATUS_PASSWORD_EXPIRED) {
            return CredentialVerdict.PASSWORD_EXPIRED;
        }
        if (ntStatus == NtStatus.STATUS_PASSWORD_MUST_CHANGE) {
            return CredentialVerdict.PASSWORD_MUST_CHANGE;
        }
        if (ntStatus == NtStatus.STATUS_ACCOUNT_RESTRICTION || ntStatus == NtStatus.STATUS_INVALID_LOGON_HOURS
                || ntStatus == NtStatus.STATUS_INVALID_WORKSTATION || ntStatus == NtStatus.STATUS_LOGON_TYPE_NOT_GRANTED) {
            return CredentialVerdict.ACCOUNT_RESTRICTED;
        }
        if (ntStatus == NtStatus.STATUS_NTLM_BLOCKED || ntStatus == NtStatus.STATUS_NOT_SUPPORTED
                || ntStatus == NtStatus.SEC_E_UNSUPPORTED_FUNCTION || ntStatus == NtStatus.STATUS_DOWNGRADE_DETECTED) {
            return CredentialVerdict.NTLM_REFUSED;
        }
        return CredentialVerdict.SERVER_ERROR;
    }
}
