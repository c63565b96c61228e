package dev.rdpprobe.core.internal.pdu.ntlm;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * NTLM NegotiateFlags bits ([MS-NLMP] 2.2.2.5) and their names. Flags are carried as unsigned 32-bit
 * values in a {@code long}.
 */
public final class NtlmFlags {
    /** NTLMSSP_NEGOTIATE_UNICODE (A): strings are UTF-16LE. */
    public static final long NEGOTIATE_UNICODE = 0x00000001L;
    /** NTLM_NEGOTIATE_OEM (B): strings are in the OEM code page. */
    public static final long NEGOTIATE_OEM = 0x00000002L;
    /** NTLMSSP_REQUEST_TARGET (C). */
    public static final long REQUEST_TARGET = 0x00000004L;
    /** NTLMSSP_NEGOTIATE_SIGN (D). */
    public static final long NEGOTIATE_SIGN = 0x00000010L;
    /** NTLMSSP_NEGOTIATE_SEAL (E). */
    public static final long NEGOTIATE_SEAL = 0x00000020L;
    /** NTLMSSP_NEGOTIATE_DATAGRAM (F). */
    public static final long NEGOTIATE_DATAGRAM = 0x00000040L;
    /** NTLMSSP_NEGOTIATE_LM_KEY (G). */
    public static final long NEGOTIATE_LM_KEY = 0x00000080L;
    /** NTLMSSP_NEGOTIATE_NTLM (H). */
    public static final long NEGOTIATE_NTLM = 0x00000200L;
    /** NTLMSSP_ANONYMOUS (J). */
    public static final long ANONYMOUS = 0x00000800L;
    /** NTLMSSP_NEGOTIATE_OEM_DOMAIN_SUPPLIED (K). */
    public static final long DOMAIN_SUPPLIED = 0x00001000L;
    /** NTLMSSP_NEGOTIATE_OEM_WORKSTATION_SUPPLIED (L). */
    public static final long WORKSTATION_SUPPLIED = 0x00002000L;
    /** NTLMSSP_NEGOTIATE_ALWAYS_SIGN (M). */
    public static final long ALWAYS_SIGN = 0x00008000L;
    /** NTLMSSP_TARGET_TYPE_DOMAIN (N). */
    public static final long TARGET_TYPE_DOMAIN = 0x00010000L;
    /** NTLMSSP_TARGET_TYPE_SERVER (O). */
    public static final long TARGET_TYPE_SERVER = 0x00020000L;
    /** NTLMSSP_NEGOTIATE_EXTENDED_SESSIONSECURITY (P). */
    public static final long EXTENDED_SESSIONSECURITY = 0x00080000L;
    /** NTLMSSP_NEGOTIATE_IDENTIFY (Q). */
    public static final long NEGOTIATE_IDENTIFY = 0x00100000L;
    /** NTLMSSP_REQUEST_NON_NT_SESSION_KEY (R). */
    public static final long REQUEST_NON_NT_SESSION_KEY = 0x00400000L;
    /** NTLMSSP_NEGOTIATE_TARGET_INFO (S): the CHALLENGE carries TargetInfo. */
    public static final long NEGOTIATE_TARGET_INFO = 0x00800000L;
    /** NTLMSSP_NEGOTIATE_VERSION (T): the Version field is meaningful. */
    public static final long NEGOTIATE_VERSION = 0x02000000L;
    /** NTLMSSP_NEGOTIATE_128 (U). */
    public static final long NEGOTIATE_128 = 0x20000000L;
    /** NTLMSSP_NEGOTIATE_KEY_EXCH (V). */
    public static final long NEGOTIATE_KEY_EXCH = 0x40000000L;
    /** NTLMSSP_NEGOTIATE_56 (W). */
    public static final long NEGOTIATE_56 = 0x80000000L;

    /**
     * 0xE20882B7: the NEGOTIATE flags of nmap's rdp-ntlm-info and of sspi-rs ("mimicking a Windows 10
     * client"), including {@link #NEGOTIATE_VERSION} so that the server reveals its build.
     */
    public static final long PROBE_NEGOTIATE = 0xE20882B7L;

    private static final long[] BITS = {
        NEGOTIATE_UNICODE, NEGOTIATE_OEM, REQUEST_TARGET, NEGOTIATE_SIGN, NEGOTIATE_SEAL, NEGOTIATE_DATAGRAM,
        NEGOTIATE_LM_KEY, NEGOTIATE_NTLM, ANONYMOUS, DOMAIN_SUPPLIED, WORKSTATION_SUPPLIED, ALWAYS_SIGN,
        TARGET_TYPE_DOMAIN, TARGET_TYPE_SERVER, EXTENDED_SESSIONSECURITY, NEGOTIATE_IDENTIFY,
        REQUEST_NON_NT_SESSION_KEY, NEGOTIATE_TARGET_INFO, NEGOTIATE_VERSION, NEGOTIATE_128, NEGOTIATE_KEY_EXCH,
        NEGOTIATE_56,
    };
    private static final String[] NAMES = {
        "UNICODE", "OEM", "REQUEST_TARGET", "SIGN", "SEAL", "DATAGRAM",
        "LM_KEY", "NTLM", "ANONYMOUS", "DOMAIN_SUPPLIED", "WORKSTATION_SUPPLIED", "ALWAYS_SIGN",
        "TARGET_TYPE_DOMAIN", "TARGET_TYPE_SERVER", "EXTENDED_SESSIONSECURITY", "IDENTIFY",
        "REQUEST_NON_NT_SESSION_KEY", "TARGET_INFO", "VERSION", "128", "KEY_EXCH",
        "56",
    };

    private NtlmFlags() {
    }

    /** Whether every bit of {@code flag} is set in {@code flags}. */
    public static boolean has(long flags, long flag) {
        return (flags & flag) == flag;
    }

    /** Names of the set bits, in bit order; unnamed bits as hex, e.g. [UNICODE, NTLM, 0x4000]. */
    public static List<String> names(long flags) {
        List<String> out = new ArrayList<>();
        long rest = flags & 0xFFFFFFFFL;
        for (int i = 0; i < BITS.length; i++) {
            if ((rest & BITS[i]) != 0) {
                out.add(NAMES[i]);
                rest &= ~BITS[i];
            }
        }
        for (long bit = 1; bit <= 0x80000000L; bit <<= 1) {
            if ((rest & bit) != 0) {
                out.add(String.format(Locale.ROOT, "0x%X", bit));
            }
        }
        return out;
    }
}
