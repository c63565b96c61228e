package dev.rdpprobe.core.internal.pdu.ntlm;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class WindowsReleaseTest {

    @Test
    void knownBuilds() {
        assertThat(WindowsRelease.forVersion(6, 1, 7601)).isEqualTo("Windows 7 / Server 2008 R2 SP1");
        assertThat(WindowsRelease.forVersion(6, 0, 6000)).isEqualTo("Windows Vista");
        assertThat(WindowsRelease.forVersion(6, 0, 6001)).contains("Server 2008");
        assertThat(WindowsRelease.forVersion(6, 0, 6002)).contains("Server 2008 SP2");
        assertThat(WindowsRelease.forVersion(6, 1, 7600)).isEqualTo("Windows 7 / Server 2008 R2");
        assertThat(WindowsRelease.forVersion(6, 2, 9200)).isEqualTo("Windows 8 / Server 2012");
        assertThat(WindowsRelease.forVersion(6, 3, 9600)).isEqualTo("Windows 8.1 / Server 2012 R2");
        assertThat(WindowsRelease.forVersion(10, 0, 10240)).isEqualTo("Windows 10 1507");
        assertThat(WindowsRelease.forVersion(10, 0, 10586)).isEqualTo("Windows 10 1511");
        assertThat(WindowsRelease.forVersion(10, 0, 14393)).isEqualTo("Windows 10 1607 / Server 2016");
        assertThat(WindowsRelease.forVersion(10, 0, 15063)).isEqualTo("Windows 10 1703");
        assertThat(WindowsRelease.forVersion(10, 0, 16299)).startsWith("Windows 10 1709");
        assertThat(WindowsRelease.forVersion(10, 0, 17134)).startsWith("Windows 10 1803");
        assertThat(WindowsRelease.forVersion(10, 0, 17763)).isEqualTo("Windows 10 1809 / Server 2019");
        assertThat(WindowsRelease.forVersion(10, 0, 18362)).startsWith("Windows 10 1903");
        assertThat(WindowsRelease.forVersion(10, 0, 18363)).startsWith("Windows 10 1909");
        assertThat(WindowsRelease.forVersion(10, 0, 19041)).startsWith("Windows 10 2004");
        assertThat(WindowsRelease.forVersion(10, 0, 19042)).startsWith("Windows 10 20H2");
        assertThat(WindowsRelease.forVersion(10, 0, 19043)).isEqualTo("Windows 10 21H1");
        assertThat(WindowsRelease.forVersion(10, 0, 19044)).isEqualTo("Windows 10 21H2");
        assertThat(WindowsRelease.forVersion(10, 0, 19045)).isEqualTo("Windows 10 22H2");
        assertThat(WindowsRelease.forVersion(10, 0, 20348)).isEqualTo("Windows Server 2022");
        assertThat(WindowsRelease.forVersion(10, 0, 22000)).isEqualTo("Windows 11 21H2");
        assertThat(WindowsRelease.forVersion(10, 0, 22621)).isEqualTo("Windows 11 22H2");
        assertThat(WindowsRelease.forVersion(10, 0, 22631)).isEqualTo("Windows 11 23H2");
        assertThat(WindowsRelease.forVersion(10, 0, 25398)).isEqualTo("Windows Server 23H2");
        assertThat(WindowsRelease.forVersion(10, 0, 26100)).isEqualTo("Windows 11 24H2 / Server 2025");
        assertThat(WindowsRelease.forVersion(NtlmVersion.WINDOWS_10_1809)).isEqualTo("Windows 10 1809 / Server 2019");
    }

    @Test
    void unknownBuildsNameTheFamilyHonestly() {
        assertThat(WindowsRelease.forVersion(10, 0, 27000)).isEqualTo("Windows 10/11 family, build 27000");
        assertThat(WindowsRelease.forVersion(6, 1, 7602)).isEqualTo("Windows 7 / Server 2008 R2 family, build 7602");
        assertThat(WindowsRelease.forVersion(11, 0, 1)).isEqualTo("unknown Windows version 11.0, build 1");
    }
}
