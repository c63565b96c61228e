package dev.rdpprobe.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rdpprobe.core.outcome.SecurityProtocolSet;
import dev.rdpprobe.core.outcome.TlsVersion;
import java.net.InetSocketAddress;
import java.security.KeyStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Options are built only through the builder; build() validates and names the call that set a bad value. */
class ProbeOptionsTest {

    static final Duration S1 = Duration.ofSeconds(1);

    @Test
    void defaultsLiveInTheBuilderAndDefaultsHoldsThem() {
        ProbeOptions d = ProbeOptions.builder().build();
        assertThat(d).isEqualTo(ProbeOptions.DEFAULTS).hasSameHashCodeAs(ProbeOptions.DEFAULTS);
        assertThat(d.resolveTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(d.deadline()).isEqualTo(Duration.ofSeconds(20));
        assertThat(d.requestedProtocols()).isEqualTo(SecurityProtocolSet.DEFAULT_REQUEST);
        assertThat(d.cookie()).isEqualTo("rdpprobe");
        assertThat(d.udpMode()).isEqualTo(UdpMode.BESIDE);
        assertThat(d.udpAttempts()).isEqualTo(3);
        assertThat(d.udpInitialRetransmit()).isEqualTo(Duration.ofMillis(500));
        assertThat(d.tlsVersions()).containsExactly(TlsVersion.TLS_1_0, TlsVersion.TLS_1_1, TlsVersion.TLS_1_2, TlsVersion.TLS_1_3);
        assertThat(d.dnsServers()).isNull();
        assertThat(RdpProber.builder().options()).as("the prober's builder has the same defaults").isEqualTo(d);
    }

    @Test
    void toBuilderRoundTripsAndDerivesWithoutChangingTheOriginal() {
        Clock fixed = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);
        ProbeOptions o = ProbeOptions.builder().phaseTimeout(S1).cookie(null).tlsVersions(List.of(TlsVersion.TLS_1_2))
                .udpMode(UdpMode.OFF).clock(fixed).enumerateSecurityLayers(true)
                .dnsServers(List.of(new InetSocketAddress("127.0.0.53", 53))).build();
        assertThat(o.toBuilder().build()).isEqualTo(o).hasSameHashCodeAs(o).hasToString(o.toString());
        ProbeOptions derived = o.toBuilder().credssp(false).build();
        assertThat(derived).isNotEqualTo(o);
        assertThat(derived.credssp()).isFalse();
        assertThat(o.credssp()).isTrue();
        assertThat(RdpProber.builder().options(o).options()).isEqualTo(o);
    }

    @Test
    void listsAreCopiedAndUnmodifiable() {
        List<TlsVersion> versions = new ArrayList<>(List.of(TlsVersion.TLS_1_2, TlsVersion.TLS_1_3));
        List<InetSocketAddress> servers = new ArrayList<>(List.of(new InetSocketAddress("127.0.0.53", 53)));
        ProbeOptions o = ProbeOptions.builder().tlsVersions(versions).dnsServers(servers).build();
        versions.clear();
        servers.clear();
        assertThat(o.tlsVersions()).containsExactly(TlsVersion.TLS_1_2, TlsVersion.TLS_1_3);
        assertThat(o.dnsServers()).hasSize(1);
        assertThatThrownBy(() -> o.tlsVersions().add(TlsVersion.TLS_1_0)).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void toStringListsEveryOptionButNoTrustStoreContent() throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, "hunter2".toCharArray());
        ProbeOptions o = ProbeOptions.builder().trustStore(store).build();
        assertThat(o.toString()).contains("deadline=PT20S", "udpAttempts=3", "cookie=rdpprobe", "trustStore=PKCS12 key store, 0 entries")
                .doesNotContain("hunter2");
        for (String component : List.of("resolveTimeout", "connectTimeout", "x224Timeout", "tlsTimeout", "credsspTimeout",
                "deadline", "requestedProtocols", "cookie", "tlsEngine", "tlsVersions", "credssp", "enumerateTlsVersions",
                "enumerateSecurityLayers", "trustStore", "udpMode", "udpAttempts", "udpInitialRetransmit", "clock", "dnsServers")) {
            assertThat(o.toString()).contains(component + "=");
        }
        assertThat(ProbeOptions.class.getDeclaredConstructors()).allMatch(c -> java.lang.reflect.Modifier.isPrivate(c.getModifiers()));
    }

    @Test
    void aLimitOutOfRangeNamesTheCallThatSetIt() {
        assertThatThrownBy(() -> ProbeOptions.builder().phaseTimeout(Duration.ofSeconds(-1)).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("phaseTimeout(PT-1S): x224Timeout must be positive");
        assertThatThrownBy(() -> RdpProber.builder().phaseTimeout(Duration.ofSeconds(-1)).build())
                .as("the prober's builder delegates, so it names the same call")
                .hasMessage("phaseTimeout(PT-1S): x224Timeout must be positive");
        assertThatThrownBy(() -> ProbeOptions.builder().tlsTimeout(Duration.ZERO).build())
                .hasMessage("tlsTimeout(PT0S): tlsTimeout must be positive");
        assertThatThrownBy(() -> ProbeOptions.builder().resolveTimeout(Duration.ofHours(2)).build())
                .hasMessage("resolveTimeout(PT2H) is over an hour; a probe needs seconds");
        assertThatThrownBy(() -> ProbeOptions.builder().connectTimeout(null).build())
                .isInstanceOf(NullPointerException.class).hasMessage("connectTimeout(null): give a positive duration");
        assertThatThrownBy(() -> ProbeOptions.builder().credsspTimeout(Duration.ofMillis(-5)).build())
                .hasMessageStartingWith("credsspTimeout(PT-0.005S)");
        assertThatThrownBy(() -> ProbeOptions.builder().deadline(Duration.ofMinutes(61)).build())
                .hasMessageStartingWith("deadline(PT1H1M) is over an hour");
    }

    @Test
    void aUdpRetransmitTheUdpProbeWouldRefuseIsRefusedAtBuild() {
        // before, any value up to an hour passed build() and then the UDP probe threw at probe time (its limit is a minute)
        assertThatThrownBy(() -> ProbeOptions.builder().udpInitialRetransmit(Duration.ofMinutes(2)).udpMode(UdpMode.OFF).build())
                .hasMessage("udpInitialRetransmit(PT2M) is over a minute; the UDP probe needs seconds");
        assertThatThrownBy(() -> ProbeOptions.builder().udpInitialRetransmit(Duration.ofMillis(-1)).build())
                .hasMessageStartingWith("udpInitialRetransmit(PT-0.001S): udpInitialRetransmit must be positive");
    }

    @Test
    void requiredValuesNameTheCall() {
        assertThatThrownBy(() -> ProbeOptions.builder().requestedProtocols(null).build())
                .isInstanceOf(NullPointerException.class).hasMessageStartingWith("requestedProtocols(null)");
        assertThatThrownBy(() -> ProbeOptions.builder().udpMode(null).build())
                .isInstanceOf(NullPointerException.class).hasMessageStartingWith("udpMode(null)");
        assertThatThrownBy(() -> ProbeOptions.builder().clock(null).build())
                .isInstanceOf(NullPointerException.class).hasMessageStartingWith("clock(null)");
    }

    @Test
    void tlsVersionsAreChecked() {
        assertThatThrownBy(() -> ProbeOptions.builder().tlsVersions(List.of()).build())
                .hasMessage("tlsVersions([]): offer at least one TLS version of [TLSv1, TLSv1.1, TLSv1.2, TLSv1.3]");
        assertThatThrownBy(() -> ProbeOptions.builder().tlsVersions(Arrays.asList(TlsVersion.TLS_1_2, null)).build())
                .hasMessage("tlsVersions([TLSv1.2, null]): a null TLS version; use [TLSv1, TLSv1.1, TLSv1.2, TLSv1.3]");
        assertThatThrownBy(() -> ProbeOptions.builder().tlsVersions(null).build())
                .isInstanceOf(NullPointerException.class).hasMessageStartingWith("tlsVersions(null)");
    }

    @Test
    void cookieAndEngineAreCheckedByName() {
        assertThatThrownBy(() -> ProbeOptions.builder().cookie("bad cookie").build())
                .hasMessage("cookie(\"bad cookie\"): the cookie may hold printable ASCII only, without spaces; it has '\\u0020' at 3");
        assertThatThrownBy(() -> ProbeOptions.builder().cookie("caf\u00e9").build()).hasMessageContaining("it has '\u00e9' at 3");
        assertThatThrownBy(() -> ProbeOptions.builder().cookie("x".repeat(128)).build())
                .hasMessageEndingWith(" is 128 characters; keep it under 128").hasMessageStartingWith("cookie(\"xxx");
        assertThatThrownBy(() -> ProbeOptions.builder().cookie("").build())
                .hasMessage("cookie(\"\") is empty; give a user name, or null to send no cookie");
        assertThatThrownBy(() -> ProbeOptions.builder().tlsEngine(" ").build())
                .hasMessage("tlsEngine( ): name an engine (bouncycastle or jdk), or null for the default");
        assertThat(ProbeOptions.builder().cookie("x".repeat(127)).build().cookie()).hasSize(127);
    }

    @Test
    void udpAttemptsAndDnsServersAreCheckedByName() {
        assertThatThrownBy(() -> ProbeOptions.builder().udpAttempts(0).build()).hasMessage("udpAttempts(0) is out of range; use 1..10");
        assertThatThrownBy(() -> ProbeOptions.builder().udpAttempts(11).udpMode(UdpMode.OFF).build())
                .hasMessage("udpAttempts(11) is out of range; use 1..10");
        assertThatThrownBy(() -> ProbeOptions.builder().dnsServers(List.of()).build())
                .hasMessage("dnsServers([]) is empty; give at least one server, or null for the system's");
        assertThatThrownBy(() -> ProbeOptions.builder().dnsServers(Arrays.asList((InetSocketAddress) null)).build())
                .isInstanceOf(NullPointerException.class).hasMessage("dnsServers([null]) holds a null server");
        assertThatThrownBy(() -> ProbeOptions.builder().dnsServers(List.of(InetSocketAddress.createUnresolved("dns.example", 53))).build())
                .hasMessageStartingWith("dnsServers([dns.example/<unresolved>:53]): ").hasMessageContaining("is unresolved; give each DNS server as an IP address");
        assertThatThrownBy(() -> ProbeOptions.builder().dnsServers(List.of(new InetSocketAddress("127.0.0.53", 0))).build())
                .hasMessageContaining("has port 0");
    }

    @Test
    void aDeadlineShorterThanAPhaseLimitNamesBothCalls() {
        assertThatThrownBy(() -> ProbeOptions.builder().deadline(S1).udpMode(UdpMode.OFF).build())
                .hasMessage("deadline(PT1S) is shorter than resolveTimeout PT5S (the default), so that phase limit could never apply; "
                        + "raise the deadline to at least PT5S or lower the phase limit");
        assertThatThrownBy(() -> ProbeOptions.builder().resolveTimeout(S1).connectTimeout(S1).deadline(Duration.ofSeconds(2))
                .phaseTimeout(Duration.ofSeconds(3)).udpMode(UdpMode.OFF).build())
                .hasMessageStartingWith("deadline(PT2S) is shorter than phaseTimeout(PT3S),");
        assertThatThrownBy(() -> ProbeOptions.builder().resolveTimeout(S1).connectTimeout(S1).phaseTimeout(S1)
                .credsspTimeout(Duration.ofSeconds(3)).deadline(Duration.ofSeconds(2)).udpMode(UdpMode.OFF).build())
                .hasMessageStartingWith("deadline(PT2S) is shorter than credsspTimeout(PT3S),");
        assertThatThrownBy(() -> ProbeOptions.DEFAULTS.toBuilder().deadline(S1).udpMode(UdpMode.OFF).build())
                .hasMessageStartingWith("deadline(PT1S) is shorter than resolveTimeout PT5S (kept from toBuilder())");
    }

    @Test
    void onlyThePhasesAProbeRunsMustFitTheDeadline() {
        Duration two = Duration.ofSeconds(2);
        // the limits may add up to more than the deadline: it then cuts the later phases short
        assertThat(ProbeOptions.builder().resolveTimeout(two).connectTimeout(two).phaseTimeout(two).deadline(two).udpMode(UdpMode.OFF)
                .build().deadline()).isEqualTo(two);
        assertThat(ProbeOptions.builder().resolveTimeout(S1).connectTimeout(S1).phaseTimeout(S1).credsspTimeout(Duration.ofSeconds(9))
                .credssp(false).deadline(S1).udpMode(UdpMode.OFF).build().credssp()).as("no CredSSP phase runs").isFalse();
        assertThat(ProbeOptions.builder().resolveTimeout(S1).deadline(S1).udpMode(UdpMode.ONLY).udpAttempts(1).build().udpMode())
                .as("a UDP-only probe runs no TCP phase").isEqualTo(UdpMode.ONLY);
    }

    @Test
    void aUdpScheduleWhoseLastSynMissesTheDeadlineIsRefused() {
        assertThat(ProbeOptions.lastSynAfter(1, Duration.ofMillis(500))).isEqualTo(Duration.ZERO);
        assertThat(ProbeOptions.lastSynAfter(3, Duration.ofMillis(500))).isEqualTo(Duration.ofMillis(1500));
        assertThat(ProbeOptions.lastSynAfter(10, Duration.ofMillis(500))).isEqualTo(Duration.ofMillis(255_500));
        assertThatThrownBy(() -> ProbeOptions.builder().udpAttempts(7).build())
                .hasMessage("udpAttempts(7) with udpInitialRetransmit PT0.5S (the default) sends the last SYN after PT31.5S "
                        + "(each wait doubles), not before deadline PT20S (the default); lower the attempts or the retransmit wait, "
                        + "or raise the deadline");
        assertThatThrownBy(() -> ProbeOptions.builder().udpInitialRetransmit(Duration.ofSeconds(10)).build())
                .hasMessageStartingWith("udpAttempts 3 (the default) with udpInitialRetransmit(PT10S) sends the last SYN after PT30S");
        assertThat(ProbeOptions.builder().udpAttempts(5).build().udpAttempts()).as("7.5 s fits 20 s").isEqualTo(5);
        assertThat(ProbeOptions.builder().udpAttempts(10).udpMode(UdpMode.OFF).build().udpAttempts())
                .as("no UDP probe runs, so no schedule must fit").isEqualTo(10);
    }

    @Test
    void enumerationUnderUdpOnlyIsAContradiction() {
        assertThatThrownBy(() -> ProbeOptions.builder().udpMode(UdpMode.ONLY).enumerateTlsVersions(true).build())
                .hasMessage("enumerateTlsVersions(true) needs TCP, but udpMode(ONLY) skips every TCP phase; drop one of the two");
        assertThatThrownBy(() -> RdpProber.builder().enumerateSecurityLayers(true).udpMode(UdpMode.ONLY).build())
                .hasMessage("enumerateSecurityLayers(true) needs TCP, but udpMode(ONLY) skips every TCP phase; drop one of the two");
    }
}
