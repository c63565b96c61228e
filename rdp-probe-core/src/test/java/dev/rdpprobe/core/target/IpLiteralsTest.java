package dev.rdpprobe.core.target;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.util.NetUtil;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.UnknownHostException;
import java.util.Collections;
import org.junit.jupiter.api.Test;

/** The one place where a literal becomes an address: zones are kept, a literal never becomes {@code null}. */
class IpLiteralsTest {

    static NetworkInterface loopback() throws Exception {
        for (NetworkInterface nif : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            if (nif.isLoopback()) {
                return nif;
            }
        }
        throw new org.opentest4j.TestAbortedException("this machine has no loopback interface");
    }

    @Test
    void aNamedZoneIsKeptAsTheInterface() throws Exception {
        NetworkInterface lo = loopback();
        Inet6Address a = (Inet6Address) IpLiterals.toAddress("::1%" + lo.getName());
        assertThat(a.isLoopbackAddress()).isTrue();
        assertThat(a.getScopedInterface()).isEqualTo(lo);
        assertThat(a.getHostAddress()).endsWith("%" + lo.getName());
    }

    @Test
    void aNumericZoneIsKeptAsTheScopeId() throws Exception {
        NetworkInterface lo = loopback();
        Inet6Address a = (Inet6Address) IpLiterals.toAddress("::1%" + lo.getIndex());
        assertThat(a.getScopeId()).isEqualTo(lo.getIndex());
        assertThat(a.getHostAddress()).endsWith("%" + lo.getIndex());
    }

    @Test
    void aNamedZoneTheJdkCannotTieToTheInterfaceFallsBackToItsIndex() throws Exception {
        // The JDK ties a named zone to an interface through an address of the same kind on it; the loopback
        // interface has no link-local address, so fe80::1%lo is kept by the interface's index.
        NetworkInterface lo = loopback();
        Inet6Address a = (Inet6Address) IpLiterals.toAddress("fe80::1%" + lo.getName());
        assertThat(a.getScopeId()).isEqualTo(lo.getIndex());
        assertThat(NetUtil.toAddressString(a)).isEqualTo("fe80::1");
    }

    @Test
    void whatNettyLeavesNullBecomesAnExplainedRefusal() {
        for (String literal : new String[] {"::1%", "fe80::1%nosuchif0", "fe80::1%a b", "::ffff:127.0.0.1%lo"}) {
            assertThat(NetUtil.isValidIpV6Address(literal)).as(literal + " passes Netty's check").isTrue();
            assertThat(NetUtil.createInetAddressFromIpAddressString(literal)).as(literal + " gives Netty's null").isNull();
            assertThatThrownBy(() -> IpLiterals.toAddress(literal)).as(literal).isInstanceOf(UnknownHostException.class)
                    .hasMessageContaining("'");
        }
    }

    @Test
    void anIpv4MappedAddressWithAZoneIsRefusedAsTheJdkRefusesIt() {
        // Netty makes an IPv6 address with a scope of it; the JDK refuses it ("invalid IPv4-mapped address").
        assertThat(NetUtil.createInetAddressFromIpAddressString("::ffff:127.0.0.1%1")).isNotNull();
        assertThatThrownBy(() -> IpLiterals.toAddress("::ffff:127.0.0.1%1")).isInstanceOf(UnknownHostException.class)
                .hasMessageContaining("IPv4 address written as IPv6");
    }

    @Test
    void literalsWithoutAZoneAreWhatNettyMakesOfThem() throws Exception {
        for (String literal : new String[] {"127.0.0.1", "::1", "2001:db8::5", "::ffff:127.0.0.1"}) {
            InetAddress expected = NetUtil.createInetAddressFromIpAddressString(literal);
            assertThat(IpLiterals.toAddress(literal)).as(literal).isEqualTo(expected);
        }
        assertThatThrownBy(() -> IpLiterals.toAddress("rds01.example.com")).isInstanceOf(UnknownHostException.class);
    }
}
