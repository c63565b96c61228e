package dev.rdpprobe.core.outcome;

import java.time.Duration;
import java.time.Instant;

/**
 * What the server's NTLM CHALLENGE revealed about it. Any field may be {@code null} when the server
 * did not send it.
 *
 * @param targetName TargetName of the CHALLENGE
 * @param netbiosComputerName MsvAvNbComputerName
 * @param netbiosDomainName MsvAvNbDomainName (the computer name on workgroup hosts)
 * @param dnsComputerName MsvAvDnsComputerName
 * @param dnsDomainName MsvAvDnsDomainName
 * @param dnsTreeName MsvAvDnsTreeName (forest; domain members only)
 * @param osVersion "major.minor.build" from the VERSION structure
 * @param osBuild the build number alone, or {@code null}
 * @param windowsRelease the Windows release that build corresponds to, e.g. "Windows Server 2019 / Windows 10 1809"
 * @param serverTime MsvAvTimestamp
 * @param clockSkew serverTime minus our clock at receipt (positive: the server is ahead)
 * @param negotiateFlags the CHALLENGE's NegotiateFlags
 */
public record NtlmServerInfo(
        String targetName,
        String netbiosComputerName,
        String netbiosDomainName,
        String dnsComputerName,
        String dnsDomainName,
        String dnsTreeName,
        String osVersion,
        Integer osBuild,
        String windowsRelease,
        Instant serverTime,
        Duration clockSkew,
        long negotiateFlags) {
}
