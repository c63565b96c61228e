package dev.rdpprobe.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rdpprobe.core.outcome.TlsVersion;
import dev.rdpprobe.core.ProbeOptions;
import dev.rdpprobe.core.UdpMode;
import dev.rdpprobe.core.outcome.SecurityProtocol;
import dev.rdpprobe.core.outcome.SecurityProtocolSet;
import java.io.ByteArrayInputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ProbeSettingsTest {

    @TempDir
    Path dir;

    static ProbeSettings settings(String... args) {
        RdpProbeCommand command = new RdpProbeCommand(CliContext.plain(new ByteArrayInputStream(new byte[0])));
        new CommandLine(command).parseArgs(args);
        return command.probe;
    }

    static ProbeOptions options(String... args) {
        return settings(args).options();
    }

    @Test
    void defaultsAreTheLibrarysDefaults() {
        ProbeOptions o = options("h");
        ProbeOptions d = ProbeOptions.DEFAULTS;
        assertThat(o.resolveTimeout()).isEqualTo(d.resolveTimeout());
        assertThat(o.connectTimeout()).isEqualTo(d.connectTimeout());
        assertThat(o.x224Timeout()).isEqualTo(d.x224Timeout());
        assertThat(o.tlsTimeout()).isEqualTo(d.tlsTimeout());
        assertThat(o.credsspTimeout()).isEqualTo(d.credsspTimeout());
        assertThat(o.deadline()).isEqualTo(d.deadline());
        assertThat(o.requestedProtocols()).isEqualTo(d.requestedProtocols());
        assertThat(o.cookie()).isEqualTo(d.cookie());
        assertThat(o.tlsEngine()).isNull();
        assertThat(o.tlsVersions()).isEqualTo(d.tlsVersions());
        assertThat(o.credssp()).isTrue();
        assertThat(o.enumerateTlsVersions()).isFalse();
        assertThat(o.enumerateSecurityLayers()).isFalse();
        assertThat(o.trustStore()).isNull();
        assertThat(o.udpMode()).isEqualTo(UdpMode.BESIDE);
        assertThat(o.udpAttempts()).isEqualTo(d.udpAttempts());
        assertThat(o.dnsServers()).isNull();
    }

    @Test
    void timeoutSetsEveryPhaseAndSpecificOnesOverrideIt() {
        ProbeOptions o = options("--x224-timeout", "1s", "--timeout", "2s", "h");
        assertThat(List.of(o.resolveTimeout(), o.connectTimeout(), o.tlsTimeout(), o.credsspTimeout()))
                .containsOnly(Duration.ofSeconds(2));
        assertThat(o.x224Timeout()).isEqualTo(Duration.ofSeconds(1));
        assertThat(o.deadline()).isEqualTo(ProbeOptions.DEFAULTS.deadline());

        ProbeOptions each = options("--resolve-timeout", "100ms", "--connect-timeout", "200ms", "--x224-timeout", "300ms",
                "--tls-timeout", "400ms", "--credssp-timeout", "500ms", "--deadline", "3s", "h");
        assertThat(each.resolveTimeout()).isEqualTo(Duration.ofMillis(100));
        assertThat(each.connectTimeout()).isEqualTo(Duration.ofMillis(200));
        assertThat(each.x224Timeout()).isEqualTo(Duration.ofMillis(300));
        assertThat(each.tlsTimeout()).isEqualTo(Duration.ofMillis(400));
        assertThat(each.credsspTimeout()).isEqualTo(Duration.ofMillis(500));
        assertThat(each.deadline()).isEqualTo(Duration.ofSeconds(3));
    }

    @Test
    void raisedLimitsWithoutADeadlineGrowTheDeadline() {
        assertThat(options("--timeout", "10s", "h").deadline()).isEqualTo(Duration.ofSeconds(50));
        assertThat(options("--timeout", "30m", "h").deadline()).isEqualTo(Duration.ofHours(1));
        assertThat(options("--timeout", "30s", "--deadline", "5s", "h").deadline()).isEqualTo(Duration.ofSeconds(5));
        assertThat(options("--udp-attempts", "8", "h").deadline()).as("the 8th SYN goes out after 63.5 s")
                .isEqualTo(Duration.ofMillis(63_501));
    }

    @Test
    void aDeadlineCapsTheLimitsNotGivenOneByOneAndRefusesThoseThatCannotFit() {
        ProbeOptions quick = options("--deadline", "1s", "h");
        assertThat(List.of(quick.resolveTimeout(), quick.connectTimeout(), quick.x224Timeout(), quick.tlsTimeout(), quick.credsspTimeout()))
                .containsOnly(Duration.ofSeconds(1));
        assertThat(quick.udpAttempts()).as("500 ms, then the deadline: the 2nd SYN goes out at 500 ms, the 3rd would at 1.5 s").isEqualTo(2);
        ProbeOptions blanket = options("--timeout", "30s", "--deadline", "5s", "h");
        assertThat(blanket.x224Timeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(options("--x224-timeout", "300ms", "--deadline", "1s", "h").x224Timeout()).isEqualTo(Duration.ofMillis(300));
        assertThatThrownBy(() -> options("--x224-timeout", "3s", "--deadline", "1s", "h"))
                .hasMessage("--deadline 1s is shorter than --x224-timeout 3s, so that limit could never apply; raise --deadline or lower --x224-timeout");
        assertThatThrownBy(() -> options("--credssp-timeout", "1500ms", "--deadline", "1s", "h")).hasMessageContaining("--credssp-timeout 1500ms");
        assertThat(options("--credssp-timeout", "1500ms", "--no-credssp", "--deadline", "1s", "h").credssp()).isFalse();
        assertThatThrownBy(() -> options("--udp-attempts", "3", "--deadline", "1s", "h"))
                .hasMessage("--udp-attempts 3 sends the last SYN after 1500ms (each wait doubles from 500ms), not before --deadline 1s; "
                        + "use at most 2 attempts or raise --deadline");
        assertThat(options("--udp-attempts", "3", "--no-udp", "--deadline", "1s", "h").udpAttempts()).isEqualTo(3);
        assertThatThrownBy(() -> options("--udp-only", "--enumerate-tls", "h"))
                .hasMessage("--enumerate-tls needs TCP, but --udp-only skips every TCP phase; give one");
    }

    @Test
    void protocolsCookieAndTls() {
        assertThat(options("--protocols", "rdp,ssl,hybrid,hybrid_ex,rdstls", "h").requestedProtocols())
                .isEqualTo(SecurityProtocolSet.of(SecurityProtocol.SSL, SecurityProtocol.HYBRID, SecurityProtocol.HYBRID_EX,
                        SecurityProtocol.RDSTLS));
        assertThat(options("--protocols", "rdp", "h").requestedProtocols()).isEqualTo(SecurityProtocolSet.of(SecurityProtocol.RDP));
        assertThat(options("--cookie", "alice", "h").cookie()).isEqualTo("alice");
        assertThat(options("--no-cookie", "h").cookie()).isNull();
        assertThat(options("--tls-engine", "JDK", "h").tlsEngine()).isEqualTo("jdk");
        assertThat(options("--tls-versions", "1.2,TLSv1.3,tls1.0", "h").tlsVersions())
                .containsExactly(TlsVersion.TLS_1_2, TlsVersion.TLS_1_3, TlsVersion.TLS_1_0);
        ProbeOptions flags = options("--enumerate-tls", "--enumerate-security", "--no-credssp", "h");
        assertThat(flags.enumerateTlsVersions()).isTrue();
        assertThat(flags.enumerateSecurityLayers()).isTrue();
        assertThat(flags.credssp()).isFalse();
        assertThat(flags.mcsConnect()).as("--no-credssp stops after TLS").isFalse();
        assertThat(options("--no-mcs", "h").mcsConnect()).isFalse();
        assertThat(options("--no-mcs", "h").credssp()).isTrue();
        assertThat(options("h").mcsConnect()).isTrue();
    }

    @Test
    void udp() {
        assertThat(options("--no-udp", "h").udpMode()).isEqualTo(UdpMode.OFF);
        assertThat(options("--udp-only", "h").udpMode()).isEqualTo(UdpMode.ONLY);
        assertThat(options("--udp-attempts", "5", "h").udpAttempts()).isEqualTo(5);
    }

    @Test
    void dnsServers() {
        assertThat(options("--dns-server", "127.0.2.53", "--dns-server", "[2001:db8::53]:5353", "--dns-server", "2001:db8::54",
                "--dns-server", "127.0.0.1:5300", "h").dnsServers())
                .extracting(InetSocketAddress::getPort).containsExactly(53, 5353, 53, 5300);
        assertThatThrownBy(() -> options("--dns-server", "dns.example.com", "h"))
                .hasMessageContaining("--dns-server").hasMessageContaining("IP address");
        assertThatThrownBy(() -> options("--dns-server", "127.0.2.53:0", "h")).hasMessageContaining("out of range");
    }

    @Test
    void contradictionsAndBadValuesSayWhatToFix() {
        assertThatThrownBy(() -> options("--cookie", "a", "--no-cookie", "h")).hasMessageContaining("--no-cookie");
        assertThatThrownBy(() -> options("--no-udp", "--udp-only", "h")).hasMessageContaining("--udp-only");
        assertThatThrownBy(() -> options("--udp-attempts", "11", "h")).hasMessageContaining("--udp-attempts 11").hasMessageContaining("1..10");
        assertThatThrownBy(() -> options("--protocols", "ssl,tls", "h")).hasMessageContaining("'tls'");
        assertThatThrownBy(() -> options("--tls-versions", "1.4", "h")).hasMessageContaining("'1.4'");
        assertThatThrownBy(() -> options("--cookie", "bad cookie", "h")).hasMessageContaining("cookie");
        assertThatThrownBy(() -> options("--trust-store-password", "x", "h")).hasMessageContaining("--trust-store FILE");
        assertThatThrownBy(() -> options("--timeout", "5", "h")).isInstanceOf(CommandLine.ParameterException.class)
                .hasMessageContaining("has no unit");
        assertThatThrownBy(() -> options("--protocols", "", "h")).hasMessageContaining("--protocols is empty; name at least one of rdp, ssl");
        assertThatThrownBy(() -> options("--protocols", " , ", "h")).hasMessageContaining("--protocols is empty");
        assertThatThrownBy(() -> options("--protocols", "ssl,,hybrid", "h")).hasMessageContaining("empty name between commas");
        assertThatThrownBy(() -> options("--protocols", "ssl,", "h")).hasMessageContaining("empty name between commas");
        assertThatThrownBy(() -> options("--cookie", "", "h")).hasMessageContaining("--cookie is empty").hasMessageContaining("--no-cookie");
        assertThatThrownBy(() -> options("--tls-engine", " ", "h")).hasMessageContaining("--tls-engine is empty");
        assertThatThrownBy(() -> options("--tls-versions", "", "h")).hasMessageContaining("--tls-versions is empty; name at least one");
        assertThatThrownBy(() -> options("--tls-versions", "1.2,,1.3", "h")).hasMessageContaining("empty name between commas");
    }

    @Test
    void trustStores() throws Exception {
        Path p12 = dir.resolve("trust.p12");
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        try (OutputStream out = Files.newOutputStream(p12)) {
            ks.store(out, "secret".toCharArray());
        }
        assertThat(options("--trust-store", p12.toString(), "--trust-store-password", "secret", "h").trustStore()).isNotNull();
        assertThatThrownBy(() -> options("--trust-store", p12.toString(), "--trust-store-password", "hunter2x", "h"))
                .hasMessageContaining("--trust-store").hasMessageNotContaining("secret").hasMessageNotContaining("hunter2x").hasMessageContaining("password");
        assertThatThrownBy(() -> options("--trust-store", dir.resolve("missing.p12").toString(), "h"))
                .hasMessageContaining("no such file");
        Path garbage = Files.writeString(dir.resolve("garbage.txt"), "not a key store");
        assertThatThrownBy(() -> options("--trust-store", garbage.toString(), "h"))
                .hasMessageContaining("neither a key store").hasMessageContaining("PEM").hasMessageContaining("6E 6F 74 20");
        assertThatThrownBy(() -> options("--trust-store", dir.toString(), "h")).hasMessageContaining("is a directory");
        assertThatThrownBy(() -> options("--trust-store", Files.createFile(dir.resolve("empty.p12")).toString(), "h"))
                .hasMessageContaining("the file is empty");
    }

    @Test
    void aTrustStoreIsJudgedByItsSizeAndFirstBytesBeforeItIsParsed() throws Exception {
        Path big = dir.resolve("big.bin");
        try (java.io.RandomAccessFile f = new java.io.RandomAccessFile(big.toFile(), "rw")) {
            f.setLength(17_000_000); // sparse: nothing is written
        }
        assertThatThrownBy(() -> options("--trust-store", big.toString(), "h"))
                .hasMessageContaining("is 17.0 MB; a trust store is at most 8 MB");

        byte[] random = new byte[100_000];
        new java.util.Random(7).nextBytes(random);
        random[0] = 0x1F; // gzip's first bytes: not a key store, not DER, not PEM
        random[1] = (byte) 0x8B;
        Path noise = Files.write(dir.resolve("noise.bin"), random);
        assertThatThrownBy(() -> options("--trust-store", noise.toString(), "h"))
                .hasMessageContaining("neither a key store (PKCS#12, JKS) nor PEM or DER certificates (it starts with 1F 8B");

        Path fakeJks = Files.write(dir.resolve("fake.jks"), new byte[] {(byte) 0xFE, (byte) 0xED, (byte) 0xFE, (byte) 0xED, 0, 0, 0, 9});
        assertThatThrownBy(() -> options("--trust-store", fakeJks.toString(), "h")).hasMessageContaining("looks like a JKS key store");

        KeyStore jks = KeyStore.getInstance("JKS");
        jks.load(null, null);
        jks.setCertificateEntry("ca", dev.rdpprobe.testkit.tls.TestCertificates.testCa().certificate());
        Path jksFile = dir.resolve("trust.jks");
        try (OutputStream out = Files.newOutputStream(jksFile)) {
            jks.store(out, "changeit".toCharArray());
        }
        assertThat(options("--trust-store", jksFile.toString(), "h").trustStore().size()).isEqualTo(1);

        java.security.cert.X509Certificate ca = dev.rdpprobe.testkit.tls.TestCertificates.testCa().certificate();
        String pem = "# the test CA\n-----BEGIN CERTIFICATE-----\n"
                + java.util.Base64.getMimeEncoder(64, "\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).encodeToString(ca.getEncoded())
                + "\n-----END CERTIFICATE-----\n";
        Path pemFile = Files.writeString(dir.resolve("ca.pem"), pem);
        assertThat(options("--trust-store", pemFile.toString(), "h").trustStore().size()).isEqualTo(1);
        Path derFile = Files.write(dir.resolve("ca.der"), ca.getEncoded());
        assertThat(options("--trust-store", derFile.toString(), "h").trustStore().size()).isEqualTo(1);
    }
}
