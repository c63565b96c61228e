package dev.rdpprobe.core.internal.pdu.ntlm;

import dev.rdpprobe.core.internal.pdu.MalformedPduException;
import dev.rdpprobe.core.internal.pdu.PduCursor;
import io.netty.buffer.ByteBuf;
import java.util.Locale;

/**
 * The NTLM VERSION structure ([MS-NLMP] 2.2.2.10), 8 bytes: ProductMajorVersion (u8),
 * ProductMinorVersion (u8), ProductBuild (u16 LE), 3 reserved bytes, NTLMRevisionCurrent (u8).
 *
 * @param major ProductMajorVersion, 0–255
 * @param minor ProductMinorVersion, 0–255
 * @param build ProductBuild, 0–65535
 * @param revision NTLMRevisionCurrent, 0–255 ({@link #REVISION_W2K3} = 15 everywhere today)
 */
public record NtlmVersion(int major, int minor, int build, int revision) {

    /** Encoded size in bytes. */
    public static final int SIZE = 8;
    /** NTLMSSP_REVISION_W2K3, the only revision in use. */
    public static final int REVISION_W2K3 = 0x0F;
    /** 10.0.17763 (Windows 10 1809 / Server 2019), revision 15: what nmap and our probe claim to be. */
    public static final NtlmVersion WINDOWS_10_1809 = new NtlmVersion(10, 0, 17763, REVISION_W2K3);

    /** Checks the ranges. */
    public NtlmVersion {
        if (major < 0 || major > 0xFF || minor < 0 || minor > 0xFF || build < 0 || build > 0xFFFF
                || revision < 0 || revision > 0xFF) {
            throw new IllegalArgumentException("NTLM version out of range: " + major + "." + minor + "." + build
                    + " rev " + revision);
        }
    }

    /**
     * Reads the 8 bytes at {@code offset} of {@code message} without moving it.
     *
     * @throws MalformedPduException if fewer than 8 bytes are present there
     */
    public static NtlmVersion read(PduCursor message, int offset) {
        if (message.endOffset() - offset < SIZE) {
            throw message.error("Version", offset, "needs " + SIZE + " bytes, "
                    + Math.max(0, message.endOffset() - offset) + " present");
        }
        PduCursor v = message.windowAt(offset, SIZE, "Version");
        int major = v.u8("Version");
        int minor = v.u8("Version");
        int build = v.u16le("Version");
        v.skip(3, "Version");
        return new NtlmVersion(major, minor, build, v.u8("Version"));
    }

    /** Writes the 8 bytes. */
    public void write(ByteBuf out) {
        out.writeByte(major);
        out.writeByte(minor);
        out.writeShortLE(build);
        out.writeZero(3);
        out.writeByte(revision);
    }

    /** Whether every field is zero (what a peer that does not negotiate VERSION puts there). */
    public boolean isZero() {
        return major == 0 && minor == 0 && build == 0 && revision == 0;
    }

    /** "major.minor.build", e.g. "10.0.17763". */
    public String osVersion() {
        return major + "." + minor + "." + build;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%s (NTLM revision %d)", osVersion(), revision);
    }
}
