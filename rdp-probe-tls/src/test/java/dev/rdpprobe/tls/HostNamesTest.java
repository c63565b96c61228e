package dev.rdpprobe.tls;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HostNamesTest {

    @Test
    void recognisesIpLiterals() {
        assertThat(HostNames.isIpLiteral("127.0.0.1")).isTrue();
        assertThat(HostNames.isIpLiteral("::1")).isTrue();
        assertThat(HostNames.isIpLiteral("[fe80::1%eth0]")).isTrue();
        assertThat(HostNames.isIpLiteral("rds01.example.com")).isFalse();
        assertThat(HostNames.isIpLiteral("localhost")).isFalse();
        assertThat(HostNames.isIpLiteral("300.1.1.1")).isFalse();
        assertThat(HostNames.isIpLiteral("")).isFalse();
    }

    @Test
    void exactNamesMatchCaseInsensitivelyIgnoringATrailingDot() {
        assertThat(HostNames.dnsNameMatches("RDS01.example.com", "rds01.EXAMPLE.com.")).isTrue();
        assertThat(HostNames.dnsNameMatches("rds01.example.com", "rds02.example.com")).isFalse();
    }

    @Test
    void wildcardsMatchExactlyOneLeftMostLabel() {
        assertThat(HostNames.dnsNameMatches("*.example.com", "rds01.example.com")).isTrue();
        assertThat(HostNames.dnsNameMatches("*.example.com", "example.com")).isFalse();
        assertThat(HostNames.dnsNameMatches("*.example.com", "a.b.example.com")).isFalse();
        assertThat(HostNames.dnsNameMatches("*.com", "example.com")).isFalse();
        assertThat(HostNames.dnsNameMatches("rds*.example.com", "rds01.example.com")).isFalse();
    }

    @Test
    void sniIsSentForNamesOnly() {
        assertThat(ProbeTlsClient.sniHostName("rds01.example.com.")).isEqualTo("rds01.example.com");
        assertThat(ProbeTlsClient.sniHostName("localhost")).isEqualTo("localhost");
        assertThat(ProbeTlsClient.sniHostName("127.0.0.5")).isNull();
        assertThat(ProbeTlsClient.sniHostName("::1")).isNull();
        assertThat(ProbeTlsClient.sniHostName("[::1]")).isNull();
    }
}
