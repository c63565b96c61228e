package dev.rdpprobe.core.internal.pdu.ntlm;

import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

/**
 * Names the Windows release an NTLM VERSION (major.minor.build) belongs to. Client and server
 * editions share builds, so names list both where both exist ("Windows 10 1809 / Server 2019").
 * Note that non-Windows NTLM servers (FreeRDP, xrdp) claim a Windows version of their choosing,
 * typically 6.1.7601.
 */
public final class WindowsRelease {

    /** The table as written below, while the class initialises; then {@link #KEYS} and {@link #NAMES}. */
    private static final Map<Long, String> RELEASES = new TreeMap<>();
    private static final Map<Integer, String> FAMILIES = new TreeMap<>();
    /** The release keys in ascending order, for a binary search that boxes no key per lookup. */
    private static final long[] KEYS;
    /** The name of each key. */
    private static final String[] NAMES;

    static {
        family(5, 0, "Windows 2000");
        family(5, 1, "Windows XP");
        family(5, 2, "Windows Server 2003 / XP x64");
        family(6, 0, "Windows Vista / Server 2008");
        family(6, 1, "Windows 7 / Server 2008 R2");
        family(6, 2, "Windows 8 / Server 2012");
        family(6, 3, "Windows 8.1 / Server 2012 R2");
        family(10, 0, "Windows 10/11");

        release(5, 0, 2195, "Windows 2000");
        release(5, 1, 2600, "Windows XP");
        release(5, 2, 3790, "Windows Server 2003 / XP x64");
        release(6, 0, 6000, "Windows Vista");
        release(6, 0, 6001, "Windows Vista SP1 / Server 2008");
        release(6, 0, 6002, "Windows Vista SP2 / Server 2008 SP2");
        release(6, 0, 6003, "Windows Server 2008 SP2");
        release(6, 1, 7600, "Windows 7 / Server 2008 R2");
        release(6, 1, 7601, "Windows 7 / Server 2008 R2 SP1");
        release(6, 2, 9200, "Windows 8 / Server 2012");
        release(6, 3, 9600, "Windows 8.1 / Server 2012 R2");
        release(10, 0, 10240, "Windows 10 1507");
        release(10, 0, 10586, "Windows 10 1511");
        release(10, 0, 14393, "Windows 10 1607 / Server 2016");
        release(10, 0, 15063, "Windows 10 1703");
        release(10, 0, 16299, "Windows 10 1709 / Server 1709");
        release(10, 0, 17134, "Windows 10 1803 / Server 1803");
        release(10, 0, 17763, "Windows 10 1809 / Server 2019");
        release(10, 0, 18362, "Windows 10 1903 / Server 1903");
        release(10, 0, 18363, "Windows 10 1909 / Server 1909");
        release(10, 0, 19041, "Windows 10 2004 / Server 2004");
        release(10, 0, 19042, "Windows 10 20H2 / Server 20H2");
        release(10, 0, 19043, "Windows 10 21H1");
        release(10, 0, 19044, "Windows 10 21H2");
        release(10, 0, 19045, "Windows 10 22H2");
        release(10, 0, 20348, "Windows Server 2022");
        release(10, 0, 22000, "Windows 11 21H2");
        release(10, 0, 22621, "Windows 11 22H2");
        release(10, 0, 22631, "Windows 11 23H2");
        release(10, 0, 25398, "Windows Server 23H2");
        release(10, 0, 26100, "Windows 11 24H2 / Server 2025");
        KEYS = new long[RELEASES.size()];
        NAMES = new String[RELEASES.size()];
        int n = 0;
        for (Map.Entry<Long, String> e : RELEASES.entrySet()) {
            KEYS[n] = e.getKey();
            NAMES[n++] = e.getValue();
        }
    }

    private WindowsRelease() {
    }

    private static void family(int major, int minor, String name) {
        FAMILIES.put(major << 8 | minor, name);
    }

    private static void release(int major, int minor, int build, String name) {
        RELEASES.put(key(major, minor, build), name);
    }

    private static long key(int major, int minor, int build) {
        return (long) major << 40 | (long) minor << 32 | (build & 0xFFFFFFFFL);
    }

    /**
     * The release for a version, e.g. "Windows 7 / Server 2008 R2 SP1" for 6.1.7601. A build not in the
     * table is named by its family and number ("Windows 10/11 family, build 26200"); an unknown
     * major.minor as "unknown Windows version 11.0, build 1".
     */
    public static String forVersion(int major, int minor, int build) {
        int at = Arrays.binarySearch(KEYS, key(major, minor, build));
        if (at >= 0) {
            return NAMES[at];
        }
        String family = FAMILIES.get(major << 8 | minor);
        if (family != null) {
            return family + " family, build " + build;
        }
        return "unknown Windows version " + major + "." + minor + ", build " + build;
    }

    /** {@link #forVersion(int, int, int)} of an NTLM VERSION. */
    public static String forVersion(NtlmVersion version) {
        return forVersion(version.major(), version.minor(), version.build());
    }
}
