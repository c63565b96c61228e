package dev.rdpprobe.core.internal.pdu.credssp;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Names of the NTSTATUS (and SSPI HRESULT) values a server may put in TSRequest.errorCode. The
 * table follows FreeRDP's mapping ([MS-CSSP] leaves the value to the security package) plus the
 * usual logon failures. {@code 0xC007xxxx} values are NTSTATUS_FROM_WIN32 of the Win32 error
 * {@code xxxx} (hex).
 */
public final class NtStatus {

    /** STATUS_SUCCESS. */
    public static final long STATUS_SUCCESS = 0x00000000L;
    /** STATUS_LOGON_FAILURE: unknown user name or bad password. */
    public static final long STATUS_LOGON_FAILURE = 0xC000006DL;
    /** STATUS_WRONG_PASSWORD. */
    public static final long STATUS_WRONG_PASSWORD = 0xC000006AL;
    /** STATUS_ACCESS_DENIED. */
    public static final long STATUS_ACCESS_DENIED = 0xC0000022L;
    /** STATUS_ACCOUNT_RESTRICTION. */
    public static final long STATUS_ACCOUNT_RESTRICTION = 0xC000006EL;
    /** STATUS_ACCOUNT_DISABLED. */
    public static final long STATUS_ACCOUNT_DISABLED = 0xC0000072L;
    /** STATUS_ACCOUNT_LOCKED_OUT. */
    public static final long STATUS_ACCOUNT_LOCKED_OUT = 0xC0000234L;
    /** STATUS_ACCOUNT_EXPIRED. */
    public static final long STATUS_ACCOUNT_EXPIRED = 0xC0000193L;
    /** STATUS_PASSWORD_EXPIRED. */
    public static final long STATUS_PASSWORD_EXPIRED = 0xC0000071L;
    /** STATUS_PASSWORD_MUST_CHANGE. */
    public static final long STATUS_PASSWORD_MUST_CHANGE = 0xC0000224L;
    /** STATUS_LOGON_TYPE_NOT_GRANTED: the user lacks the "log on through Remote Desktop" right. */
    public static final long STATUS_LOGON_TYPE_NOT_GRANTED = 0xC000015BL;
    /** STATUS_NO_SUCH_USER. */
    public static final long STATUS_NO_SUCH_USER = 0xC0000064L;
    /** STATUS_INVALID_LOGON_HOURS. */
    public static final long STATUS_INVALID_LOGON_HOURS = 0xC000006FL;
    /** STATUS_INVALID_WORKSTATION. */
    public static final long STATUS_INVALID_WORKSTATION = 0xC0000070L;
    /** STATUS_NO_LOGON_SERVERS: no domain controller reachable. */
    public static final long STATUS_NO_LOGON_SERVERS = 0xC000005EL;
    /** STATUS_TIME_DIFFERENCE_AT_DC: clock skew too large. */
    public static final long STATUS_TIME_DIFFERENCE_AT_DC = 0xC0000133L;
    /** STATUS_NOT_SUPPORTED. */
    public static final long STATUS_NOT_SUPPORTED = 0xC00000BBL;
    /** STATUS_INVALID_PARAMETER. */
    public static final long STATUS_INVALID_PARAMETER = 0xC000000DL;
    /** STATUS_MORE_PROCESSING_REQUIRED. */
    public static final long STATUS_MORE_PROCESSING_REQUIRED = 0xC0000016L;
    /** STATUS_NTLM_BLOCKED: NTLM is refused by policy ("Network security: Restrict NTLM"). */
    public static final long STATUS_NTLM_BLOCKED = 0xC0000418L;
    /** STATUS_DOWNGRADE_DETECTED. */
    public static final long STATUS_DOWNGRADE_DETECTED = 0xC0000388L;
    /** SEC_E_UNSUPPORTED_FUNCTION (an SSPI HRESULT). */
    public static final long SEC_E_UNSUPPORTED_FUNCTION = 0x80090302L;
    /** SEC_E_INTERNAL_ERROR. */
    public static final long SEC_E_INTERNAL_ERROR = 0x80090304L;
    /** SEC_E_INVALID_TOKEN. */
    public static final long SEC_E_INVALID_TOKEN = 0x80090308L;
    /** SEC_E_LOGON_DENIED. */
    public static final long SEC_E_LOGON_DENIED = 0x8009030CL;
    /** SEC_E_NO_CREDENTIALS. */
    public static final long SEC_E_NO_CREDENTIALS = 0x8009030EL;
    /** SEC_E_MESSAGE_ALTERED. */
    public static final long SEC_E_MESSAGE_ALTERED = 0x8009030FL;
    /** SEC_E_WRONG_PRINCIPAL. */
    public static final long SEC_E_WRONG_PRINCIPAL = 0x80090322L;

    private static final long FROM_WIN32_MASK = 0xFFFF0000L;
    private static final long FROM_WIN32_PREFIX = 0xC0070000L;
    private static final Map<Long, String> NAMES = new HashMap<>();

    static {
        NAMES.put(STATUS_SUCCESS, "STATUS_SUCCESS");
        NAMES.put(STATUS_LOGON_FAILURE, "STATUS_LOGON_FAILURE");
        NAMES.put(STATUS_WRONG_PASSWORD, "STATUS_WRONG_PASSWORD");
        NAMES.put(STATUS_ACCESS_DENIED, "STATUS_ACCESS_DENIED");
        NAMES.put(STATUS_ACCOUNT_RESTRICTION, "STATUS_ACCOUNT_RESTRICTION");
        NAMES.put(STATUS_ACCOUNT_DISABLED, "STATUS_ACCOUNT_DISABLED");
        NAMES.put(STATUS_ACCOUNT_LOCKED_OUT, "STATUS_ACCOUNT_LOCKED_OUT");
        NAMES.put(STATUS_ACCOUNT_EXPIRED, "STATUS_ACCOUNT_EXPIRED");
        NAMES.put(STATUS_PASSWORD_EXPIRED, "STATUS_PASSWORD_EXPIRED");
        NAMES.put(STATUS_PASSWORD_MUST_CHANGE, "STATUS_PASSWORD_MUST_CHANGE");
        NAMES.put(STATUS_LOGON_TYPE_NOT_GRANTED, "STATUS_LOGON_TYPE_NOT_GRANTED");
        NAMES.put(STATUS_NO_SUCH_USER, "STATUS_NO_SUCH_USER");
        NAMES.put(STATUS_INVALID_LOGON_HOURS, "STATUS_INVALID_LOGON_HOURS");
        NAMES.put(STATUS_INVALID_WORKSTATION, "STATUS_INVALID_WORKSTATION");
        NAMES.put(STATUS_NO_LOGON_SERVERS, "STATUS_NO_LOGON_SERVERS");
        NAMES.put(STATUS_TIME_DIFFERENCE_AT_DC, "STATUS_TIME_DIFFERENCE_AT_DC");
        NAMES.put(STATUS_NOT_SUPPORTED, "STATUS_NOT_SUPPORTED");
        NAMES.put(STATUS_INVALID_PARAMETER, "STATUS_INVALID_PARAMETER");
        NAMES.put(STATUS_MORE_PROCESSING_REQUIRED, "STATUS_MORE_PROCESSING_REQUIRED");
        NAMES.put(STATUS_NTLM_BLOCKED, "STATUS_NTLM_BLOCKED");
        NAMES.put(STATUS_DOWNGRADE_DETECTED, "STATUS_DOWNGRADE_DETECTED");
        NAMES.put(SEC_E_UNSUPPORTED_FUNCTION, "SEC_E_UNSUPPORTED_FUNCTION");
        NAMES.put(SEC_E_INTERNAL_ERROR, "SEC_E_INTERNAL_ERROR");
        NAMES.put(SEC_E_INVALID_TOKEN, "SEC_E_INVALID_TOKEN");
        NAMES.put(SEC_E_LOGON_DENIED, "SEC_E_LOGON_DENIED");
        NAMES.put(SEC_E_NO_CREDENTIALS, "SEC_E_NO_CREDENTIALS");
        NAMES.put(SEC_E_MESSAGE_ALTERED, "SEC_E_MESSAGE_ALTERED");
        NAMES.put(SEC_E_WRONG_PRINCIPAL, "SEC_E_WRONG_PRINCIPAL");
    }

    private NtStatus() {
    }

    /**
     * The name of a status: "STATUS_LOGON_FAILURE" for 0xC000006D, "NTSTATUS_FROM_WIN32(00EA)" for
     * 0xC00700EA (the Win32 error in hex), "0xC0FFEE01" for a value not in the table.
     *
     * @param status the value as an unsigned 32-bit number (a sign-extended negative int is accepted too)
     */
    public static String name(long status) {
        long value = status & 0xFFFFFFFFL;
        String known = NAMES.get(value);
        if (known != null) {
            return known;
        }
        if ((value & FROM_WIN32_MASK) == FROM_WIN32_PREFIX) {
            return String.format(Locale.ROOT, "NTSTATUS_FROM_WIN32(%04X)", value & 0xFFFF);
        }
        return String.format(Locale.ROOT, "0x%08X", value);
    }

    /** Whether the table (or the NTSTATUS_FROM_WIN32 rule) names the value. */
    public static boolean isKnown(long status) {
        long value = status & 0xFFFFFFFFL;
        return NAMES.containsKey(value) || (value & FROM_WIN32_MASK) == FROM_WIN32_PREFIX;
    }
}
