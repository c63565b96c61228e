package dev.rdpprobe.exporter;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rdpprobe.core.target.Target;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The allow-list: networks for IP literals, exact names and *.suffixes for names, nothing else. */
class TargetAllowListTest {

    static final TargetAllowList LIST = TargetAllowList.of(List.of("127.0.0.0/8", "::1", "rds01.example.com", "*.corp.example.org"));

    @Test
    void addressesAreJudgedByTheNetworks() {
        assertThat(LIST.allows(Target.parse("127.1.2.3:3389"))).isTrue();
        assertThat(LIST.allows(Target.parse("[::1]:3389"))).isTrue();
        assertThat(LIST.allows(Target.parse("128.0.0.1"))).isFalse();
        assertThat(LIST.allows(Target.parse("[::2]"))).isFalse();
    }

    @Test
    void partialPrefixesMaskTheLastByte() {
        TargetAllowList l = TargetAllowList.of(List.of("127.1.2.128/25"));
        assertThat(l.allows(Target.parse("127.1.2.200"))).isTrue();
        assertThat(l.allows(Target.parse("127.1.2.127"))).isFalse();
    }

    @Test
    void namesMatchExactlyOrBelowASuffixWithoutRegardToCase() {
        assertThat(LIST.allows(Target.parse("RDS01.example.com."))).isTrue();
        assertThat(LIST.allows(Target.parse("rds02.example.com"))).isFalse();
        assertThat(LIST.allows(Target.parse("a.b.corp.example.org"))).isTrue();
        assertThat(LIST.allows(Target.parse("corp.example.org"))).isFalse();
        assertThat(LIST.allows(Target.parse("evilcorp.example.org"))).isFalse();
    }

    @Test
    void aNameIsNeverAllowedByANetworkNorAnAddressByAName() {
        TargetAllowList names = TargetAllowList.of(List.of("localhost"));
        assertThat(names.allows(Target.parse("127.0.0.1"))).isFalse();
        TargetAllowList networks = TargetAllowList.of(List.of("127.0.0.0/8"));
        assertThat(networks.allows(Target.parse("localhost"))).isFalse();
    }

    @Test
    void noListAllowsEverything() {
        assertThat(TargetAllowList.ANY.allows(Target.parse("rds99.example.net"))).isTrue();
    }
}
