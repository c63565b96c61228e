package dev.rdpprobe.core.target;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.Collections;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * IPv6 zones in targets: numeric and named zones parse and print with their zone; every text after a
 * {@code %} that Netty's validator accepts but cannot turn into an address is refused when the target is
 * made, with a message that says what to fix. Parsing only: no traffic.
 */
class TargetZoneTest {

    static NetworkInterface loopback;

    @BeforeAll
    static void findLoopback() throws SocketException {
        for (NetworkInterface nif : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            if (nif.isLoopback()) {
                loopback = nif;
                return;
            }
        }
        throw new org.opentest4j.TestAbortedException("this machine has no loopback interface");
    }

    @Test
    void namedAndNumericZonesParseInBracketsAndBare() {
        String lo = loopback.getName();
        assertThat(Target.parse("[fe80::1%" + lo + "]:3390")).isEqualTo(new Target("fe80::1%" + lo, 3390));
        assertThat(Target.parse("fe80::1%" + lo)).isEqualTo(new Target("fe80::1%" + lo, 3389));
        assertThat(Target.parse("[fe80::1%" + loopback.getIndex() + "]")).isEqualTo(new Target("fe80::1%" + loopback.getIndex(), 3389));
        assertThat(Target.parse("[fe80::1%" + lo + "]:3390").isIpLiteral()).isTrue();
    }

    @Test
    void theZoneIsKeptWhereTheTargetIsPrinted() {
        assertThat(Target.parse("[fe80::1%" + loopback.getName() + "]:3390")).hasToString("[fe80::1%" + loopback.getName() + "]:3390");
    }

    @Test
    void anEmptyZoneIsRefused() {
        assertThatThrownBy(() -> Target.parse("[fe80::1%]:3389")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("zone after '%'").hasMessageContaining("is empty").hasMessageContaining("fe80::1%eth0");
        assertThatThrownBy(() -> Target.of("fe80::1%")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("is empty");
    }

    @ParameterizedTest
    @ValueSource(strings = {"fe80::1%a%b", "fe80::1%a:b", "fe80::1%x*", "fe80::1%25%6co"})
    void aZoneThatIsNoInterfaceNameOrNumberIsRefused(String host) {
        assertThatThrownBy(() -> Target.of(host)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("is not an interface name or number");
    }

    @Test
    void aZoneThatNamesNoInterfaceHereIsRefusedAtParseTimeListingTheInterfaces() {
        assertThatThrownBy(() -> Target.parse("[fe80::1%nosuchif0]:3389")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'nosuchif0'").hasMessageContaining("names no network interface on this machine")
                .hasMessageContaining(loopback.getName() + " (" + loopback.getIndex() + ")");
        assertThatThrownBy(() -> Target.parse("fe80::1%999999")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("names no network interface");
        assertThatThrownBy(() -> Target.parse("fe80::1%0")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("names no network interface");
    }

    @Test
    void anIpv4AddressWrittenAsIpv6TakesNoZone() {
        assertThatThrownBy(() -> Target.parse("[::ffff:127.0.0.1%" + loopback.getName() + "]:3389"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("IPv4 address written as IPv6");
    }

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1%lo", "rds01%lo", "rds01.example.com%1"})
    void onlyAnIpv6AddressTakesAZone(String host) {
        assertThatThrownBy(() -> Target.parse(host)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("only an IPv6 address takes");
    }

    @Test
    void everyTargetThatParsesHasAnAddressOrIsAName() throws Exception {
        for (String text : new String[] {"[fe80::1%" + loopback.getName() + "]", "::1%" + loopback.getIndex(), "::1", "127.0.0.1",
                "[::ffff:127.0.0.1]:1", "rds01.example.com"}) {
            Target t = Target.parse(text);
            if (t.isIpLiteral()) {
                assertThat(IpLiterals.toAddress(t.host())).as(text).isNotNull();
            }
        }
    }
}
