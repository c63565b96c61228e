package dev.rdpprobe.core.target;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TargetTest {

    @Test
    void aHostLongerThanADnsNameIsRefused() {
        String longest = ("a".repeat(63) + ".").repeat(3) + "a".repeat(61); // 253 characters, labels of 63 at most
        assertThat(Target.parse(longest + ":1").host()).hasSize(Target.MAX_HOST_LENGTH);
        assertThatThrownBy(() -> Target.parse("a".repeat(3000)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("host is 3000 characters long; a host name has at most 253");
    }

    @Test
    void aControlCharacterIsNamedAsOneNotAsWhitespace() {
        assertThatThrownBy(() -> Target.parse("rds\u001b[2J"))
                .hasMessageContaining("contains a control character (U+001B)");
        assertThatThrownBy(() -> Target.of("rds\u0085x"))
                .hasMessageContaining("contains a control character (U+0085)");
        assertThatThrownBy(() -> Target.of("rds 01"))
                .hasMessageContaining("contains whitespace");
        assertThatThrownBy(() -> Target.of("rds/01"))
                .hasMessageContaining("contains '/'");
    }

    @Test
    void aNameThatCanNeverResolveIsRefusedWithWhatToFix() {
        assertThatThrownBy(() -> Target.parse("a".repeat(64) + ".example.com"))
                .hasMessageContaining("a label of 64 characters; a DNS label has at most 63");
        assertThatThrownBy(() -> Target.parse("rds01..example.com")).hasMessageContaining("empty label");
        assertThatThrownBy(() -> Target.parse(".example.com")).hasMessageContaining("empty label");
        assertThatThrownBy(() -> Target.parse("-rds01.example.com")).hasMessageContaining("starts or ends with '-'");
        assertThatThrownBy(() -> Target.parse("rds01-.example.com:3390")).hasMessageContaining("starts or ends with '-'");
        assertThatThrownBy(() -> Target.parse("rds*01")).hasMessageContaining("contains '*'");
        assertThatThrownBy(() -> Target.parse("999.1.1.1")).hasMessageContaining("not an IPv4 address");
        assertThatThrownBy(() -> Target.parse("1.2.3.4.5")).hasMessageContaining("not an IPv4 address").hasMessageContaining("5 parts");
        assertThatThrownBy(() -> Target.of("256.0.0.1", 3389)).hasMessageContaining("not an IPv4 address");
        assertThatThrownBy(() -> Target.parse("rds\u202e10")).hasMessageContaining("invisible format character (U+202E)");
    }

    @Test
    void namesThatCanResolveAreKept() {
        assertThat(Target.parse("rds01.example.com.").host()).isEqualTo("rds01.example.com.");
        assertThat(Target.parse("_rdp-host.corp.example:3390")).isEqualTo(Target.of("_rdp-host.corp.example", 3390));
        assertThat(Target.parse("1rds.example").host()).isEqualTo("1rds.example");
        assertThat(Target.parse("localhost").host()).isEqualTo("localhost");
        assertThat(Target.parse("127.0.0.5").host()).isEqualTo("127.0.0.5");
        assertThat(Target.parse("host.123a").host()).isEqualTo("host.123a");
    }

    @Test
    void anInternationalisedNameIsTakenInItsPunycodeForm() {
        assertThat(Target.parse("bücher.example:3390")).isEqualTo(Target.of("xn--bcher-kva.example", 3390));
        assertThat(Target.of("测试.example").host()).isEqualTo("xn--0zwm56d.example");
        assertThatThrownBy(() -> Target.parse("bü cher.example")).hasMessageContaining("whitespace");
    }

    @Test
    void anUnbracketedIpv6LiteralEndingInTheRdpPortIsAmbiguous() {
        assertThatThrownBy(() -> Target.parse("::1:3389"))
                .hasMessage("target '::1:3389' is ambiguous: write [::1]:3389 for port 3389 of ::1, or [::1:3389] for the address itself");
        assertThat(Target.parse("[::1:3389]").host()).isEqualTo("::1:3389");
        assertThat(Target.parse("[::1]:3389")).isEqualTo(Target.of("::1", 3389));
        assertThat(Target.parse("2001:db8::5").host()).isEqualTo("2001:db8::5");
    }
}
