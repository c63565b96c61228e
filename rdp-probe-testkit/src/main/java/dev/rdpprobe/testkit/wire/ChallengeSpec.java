package dev.rdpprobe.testkit.wire;

import dev.rdpprobe.core.internal.pdu.ntlm.AvPair;
import dev.rdpprobe.core.internal.pdu.ntlm.NtlmChallenge;
import dev.rdpprobe.core.internal.pdu.ntlm.NtlmFlags;
import dev.rdpprobe.core.internal.pdu.ntlm.NtlmVersion;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * What a (fake) server puts in its NTLM CHALLENGE. Names left {@code null} are not sent.
 *
 * @param targetName TargetName ({@code null} for none)
 * @param netbiosComputerName MsvAvNbComputerName, or {@code null}
 * @param netbiosDomainName MsvAvNbDomainName, or {@code null}
 * @param dnsComputerName MsvAvDnsComputerName, or {@code null}
 * @param dnsDomainName MsvAvDnsDomainName, or {@code null}
 * @param dnsTreeName MsvAvDnsTreeName, or {@code null}
 * @param versionMajor VERSION ProductMajorVersion
 * @param versionMinor VERSION ProductMinorVersion
 * @param versionBuild VERSION ProductBuild
 * @param timestamp MsvAvTimestamp, or {@code null}
 * @param flags NegotiateFlags; without NEGOTIATE_VERSION the Version field is zero, without
 *     NEGOTIATE_TARGET_INFO a decoder ignores the AV pairs
 * @param challenge the 8-byte ServerChallenge
 */
public record ChallengeSpec(String targetName, String netbiosComputerName, String netbiosDomainName,
        String dnsComputerName, String dnsDomainName, String dnsTreeName, int versionMajor, int versionMinor,
        int versionBuild, Instant timestamp, long flags, byte[] challenge) {

    /**
     * 0xE28A8235, the flags of the Windows 10 CHALLENGE in vectors.md D1: UNICODE, REQUEST_TARGET,
     * SIGN, SEAL, NTLM, ALWAYS_SIGN, TARGET_TYPE_SERVER, EXTENDED_SESSIONSECURITY, TARGET_INFO,
     * VERSION, 128, KEY_EXCH, 56.
     */
    public static final long WINDOWS_SERVER_FLAGS = 0xE28A8235L;

    /** Checks the challenge and ranges, copies the array. */
    public ChallengeSpec {
        Objects.requireNonNull(challenge, "challenge");
        if (challenge.length != 8) {
            throw new IllegalArgumentException("challenge must be 8 bytes, not " + challenge.length);
        }
        challenge = challenge.clone();
        // validates the version ranges (u8.u8.u16) with the same message NtlmVersion gives
        new NtlmVersion(versionMajor, versionMinor, versionBuild, NtlmVersion.REVISION_W2K3);
        if (flags < 0 || flags > 0xFFFFFFFFL) {
            throw new IllegalArgumentException("flags not an unsigned 32-bit value: " + flags);
        }
    }

    /**
     * A workgroup host as Windows describes itself: TargetName and every NetBIOS/DNS name equal to
     * the computer name, no tree, flags {@link #WINDOWS_SERVER_FLAGS}.
     */
    public static ChallengeSpec workgroup(String computerName, int major, int minor, int build, Instant timestamp,
            byte[] challenge) {
        return new ChallengeSpec(computerName, computerName, computerName, computerName, computerName, null,
                major, minor, build, timestamp, WINDOWS_SERVER_FLAGS, challenge);
    }

    /** A copy of the challenge. */
    @Override
    public byte[] challenge() {
        return challenge.clone();
    }

    /** The CHALLENGE_MESSAGE, AV pairs in Windows' order 2, 1, 4, 3, 5, 7. */
    public NtlmChallenge toChallenge() {
        List<AvPair> pairs = new ArrayList<>();
        addName(pairs, AvPair.MSV_AV_NB_DOMAIN_NAME, netbiosDomainName);
        addName(pairs, AvPair.MSV_AV_NB_COMPUTER_NAME, netbiosComputerName);
        addName(pairs, AvPair.MSV_AV_DNS_DOMAIN_NAME, dnsDomainName);
        addName(pairs, AvPair.MSV_AV_DNS_COMPUTER_NAME, dnsComputerName);
        addName(pairs, AvPair.MSV_AV_DNS_TREE_NAME, dnsTreeName);
        if (timestamp != null) {
            pairs.add(AvPair.ofTimestamp(timestamp));
        }
        NtlmVersion version = NtlmFlags.has(flags, NtlmFlags.NEGOTIATE_VERSION)
                ? new NtlmVersion(versionMajor, versionMinor, versionBuild, NtlmVersion.REVISION_W2K3) : null;
        return new NtlmChallenge(targetName, flags, challenge, pairs, version);
    }

    private static void addName(List<AvPair> pairs, int id, String name) {
        if (name != null) {
            pairs.add(AvPair.ofString(id, name));
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ChallengeSpec that && Objects.equals(targetName, that.targetName)
                && Objects.equals(netbiosComputerName, that.netbiosComputerName)
                && Objects.equals(netbiosDomainName, that.netbiosDomainName)
                && Objects.equals(dnsComputerName, that.dnsComputerName)
                && Objects.equals(dnsDomainName, that.dnsDomainName) && Objects.equals(dnsTreeName, that.dnsTreeName)
                && versionMajor == that.versionMajor && versionMinor == that.versionMinor
                && versionBuild == that.versionBuild && Objects.equals(timestamp, that.timestamp)
                && flags == that.flags && Arrays.equals(challenge, that.challenge);
    }

    @Override
    public int hashCode() {
        return Objects.hash(targetName, netbiosComputerName, netbiosDomainName, dnsComputerName, dnsDomainName,
                dnsTreeName, versionMajor, versionMinor, versionBuild, timestamp, flags, Arrays.hashCode(challenge));
    }

    /** Never prints the challenge bytes. */
    @Override
    public String toString() {
        return "ChallengeSpec[targetName=" + targetName + ", nbComputer=" + netbiosComputerName + ", nbDomain="
                + netbiosDomainName + ", dnsComputer=" + dnsComputerName + ", dnsDomain=" + dnsDomainName
                + ", tree=" + dnsTreeName + ", version=" + versionMajor + "." + versionMinor + "." + versionBuild
                + ", timestamp=" + timestamp + ", flags=" + NtlmFlags.names(flags) + ", challenge=(8 bytes, not shown)]";
    }
}
