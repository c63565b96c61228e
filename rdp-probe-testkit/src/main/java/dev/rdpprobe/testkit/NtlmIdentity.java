package dev.rdpprobe.testkit;

/**
 * Who the fake server says it is in its NTLM CHALLENGE: the names of its AV pairs and the Windows
 * version of its VERSION field. Names left {@code null} are not sent.
 *
 * <pre>{@code
 * NtlmIdentity.workgroup("FAKE-RDP", 10, 0, 20348)                                  // a standalone Windows Server 2022
 * NtlmIdentity.domainMember("RDS01", "CORP", "corp.example.com", 10, 0, 17763)      // a Windows Server 2019 domain member
 * }</pre>
 *
 * @param targetName TargetName, or {@code null}
 * @param netbiosComputerName MsvAvNbComputerName, or {@code null}
 * @param netbiosDomainName MsvAvNbDomainName, or {@code null}
 * @param dnsComputerName MsvAvDnsComputerName, or {@code null}
 * @param dnsDomainName MsvAvDnsDomainName, or {@code null}
 * @param dnsTreeName MsvAvDnsTreeName, or {@code null}
 * @param osMajor VERSION ProductMajorVersion, 0..255
 * @param osMinor VERSION ProductMinorVersion, 0..255
 * @param osBuild VERSION ProductBuild, 0..65535
 */
public record NtlmIdentity(String targetName, String netbiosComputerName, String netbiosDomainName,
        String dnsComputerName, String dnsDomainName, String dnsTreeName, int osMajor, int osMinor, int osBuild) {

    /** The computer name of {@link #windowsServer2022()}. */
    public static final String DEFAULT_COMPUTER = "FAKE-RDP";

    /** Checks the version ranges. */
    public NtlmIdentity {
        check("osMajor", osMajor, 0xFF);
        check("osMinor", osMinor, 0xFF);
        check("osBuild", osBuild, 0xFFFF);
    }

    private static void check(String name, int value, int max) {
        if (value < 0 || value > max) {
            throw new IllegalArgumentException(name + " must be 0.." + max + ", was " + value);
        }
    }

    /** The fake server's default: {@value #DEFAULT_COMPUTER}, a Windows Server 2022 (10.0.20348) workgroup host. */
    public static NtlmIdentity windowsServer2022() {
        return workgroup(DEFAULT_COMPUTER, 10, 0, 20348);
    }

    /**
     * A workgroup (standalone) host as Windows describes itself: TargetName and every NetBIOS and DNS
     * name equal to the computer name, no tree.
     */
    public static NtlmIdentity workgroup(String computerName, int osMajor, int osMinor, int osBuild) {
        return new NtlmIdentity(computerName, computerName, computerName, computerName, computerName, null,
                osMajor, osMinor, osBuild);
    }

    /**
     * A member of an Active Directory domain as Windows describes itself: TargetName and NetBIOS
     * domain name {@code netbiosDomain}, NetBIOS computer name {@code computerName}, DNS computer name
     * {@code computerName.dnsDomain} (lower case), DNS domain and tree {@code dnsDomain}.
     */
    public static NtlmIdentity domainMember(String computerName, String netbiosDomain, String dnsDomain,
            int osMajor, int osMinor, int osBuild) {
        String fqdn = computerName.toLowerCase(java.util.Locale.ROOT) + "." + dnsDomain;
        return new NtlmIdentity(netbiosDomain, computerName, netbiosDomain, fqdn, dnsDomain, dnsDomain,
                osMajor, osMinor, osBuild);
    }
}
