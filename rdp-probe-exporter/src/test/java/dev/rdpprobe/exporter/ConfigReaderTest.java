package dev.rdpprobe.exporter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rdpprobe.core.UdpMode;
import dev.rdpprobe.core.outcome.SecurityProtocol;
import dev.rdpprobe.core.outcome.TlsVersion;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The configuration file: what each key does, and that every mistake names file:line and the key. */
class ConfigReaderTest {

    private static ConfigException error(String yaml) {
        try {
            ExporterConfig.parse(yaml, "test.yml");
        } catch (ConfigException e) {
            return e;
        }
        throw new AssertionError("accepted: " + yaml);
    }

    @Test
    void aFullModuleBecomesItsProbeOptions() throws ConfigException {
        ExporterConfig c = ExporterConfig.parse(String.join("\n",
                "concurrency: 8",
                "max_wait: 250ms",
                "timeout_margin: 1s",
                "allow: [127.0.0.0/8, '*.example.com']",
                "modules:",
                "  nla:",
                "    timeout: 8s",
                "    phase_timeout: 3s",
                "    connect_timeout: 2s",
                "    protocols: [ssl, hybrid]",
                "    udp: true",
                "    udp_attempts: 2",
                "    enumerate_security: true",
                "    tls_engine: jdk",
                "    tls_versions: '1.2, 1.3'",
                "    cookie: false",
                "  plain: {}",
                ""), "test.yml");
        assertThat(c.concurrency()).isEqualTo(8);
        assertThat(c.maxWait()).isEqualTo(Duration.ofMillis(250));
        assertThat(c.timeoutMargin()).isEqualTo(Duration.ofSeconds(1));
        assertThat(c.restrictsTargets()).isTrue();
        assertThat(c.moduleNames()).containsExactlyInAnyOrder("nla", "plain");
        var o = c.module("nla").orElseThrow().options();
        assertThat(o.deadline()).isEqualTo(Duration.ofSeconds(8));
        assertThat(o.x224Timeout()).isEqualTo(Duration.ofSeconds(3));
        assertThat(o.connectTimeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(o.requestedProtocols().contains(SecurityProtocol.HYBRID)).isTrue();
        assertThat(o.requestedProtocols().contains(SecurityProtocol.HYBRID_EX)).isFalse();
        assertThat(o.udpMode()).isEqualTo(UdpMode.BESIDE);
        assertThat(o.udpAttempts()).isEqualTo(2);
        assertThat(o.enumerateSecurityLayers()).isTrue();
        assertThat(o.tlsEngine()).isEqualTo("jdk");
        assertThat(o.tlsVersions()).containsExactly(TlsVersion.TLS_1_2, TlsVersion.TLS_1_3);
        assertThat(o.cookie()).isNull();
        var plain = c.module("plain").orElseThrow().options();
        assertThat(plain.deadline()).isEqualTo(ConfigReader.DEFAULT_MODULE_TIMEOUT);
        assertThat(plain.udpMode()).isEqualTo(UdpMode.OFF);
        assertThat(plain.credssp()).isTrue();
    }

    @Test
    void aShortTimeoutCutsTheDefaultPhaseLimitsAndUdpAttempts() throws ConfigException {
        var o = ExporterConfig.parse("modules:\n  quick:\n    timeout: 1s\n    udp: true\n", "test.yml").module("quick").orElseThrow().options();
        assertThat(o.x224Timeout()).isEqualTo(Duration.ofSeconds(1));
        assertThat(o.resolveTimeout()).isEqualTo(Duration.ofSeconds(1));
        assertThat(o.udpAttempts()).isEqualTo(2); // SYNs at 0 and 0.5 s; the third would go at 1.5 s, after the timeout
    }

    @Test
    void anUnknownKeyNamesItsLineAndTheKnownKeys() {
        ConfigException e = error("modules:\n  rdp:\n    timeout: 5s\n    tiemout: 5s\n");
        assertThat(e.getMessage()).startsWith("test.yml:4: modules.rdp.tiemout: unknown key; expected one of ").contains("timeout");
        assertThat(e.line()).contains(4);
        assertThat(e.key()).isEqualTo("modules.rdp.tiemout");
    }

    @Test
    void anUnknownTopLevelKeyNamesItsLine() {
        assertThat(error("modules:\n  rdp: {}\nconcurency: 3\n").getMessage()).startsWith("test.yml:3: concurency: unknown key");
    }

    @Test
    void aBadDurationNamesItsLineAndHowToWriteOne() {
        assertThat(error("modules:\n  rdp:\n\n    timeout: soon\n").getMessage())
                .isEqualTo("test.yml:4: modules.rdp.timeout: 'soon' is not a duration; write e.g. 10s, 500ms or 1m");
    }

    @Test
    void aCredentialsFileGivesTheModuleACredentialCheck(@TempDir Path dir) throws IOException, ConfigException {
        Path creds = ownerOnly(dir.resolve("alice.creds"), "LAB\\alice\nS3cret-pass\n");
        Path file = dir.resolve("rdp-probe.yml");
        Files.writeString(file, "modules:\n  nla:\n    credentials_file: alice.creds\n    trust_thumbprints: [\"AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01\"]\n",
                StandardCharsets.UTF_8);
        var options = ExporterConfig.load(file).moduleOptions("nla").orElseThrow();
        assertThat(options.credentials().account()).isEqualTo("LAB\\alice");
        char[] password = options.credentials().copyPassword();
        assertThat(new String(password)).isEqualTo("S3cret-pass");
        java.util.Arrays.fill(password, '\0');
        assertThat(options.trustedThumbprints()).hasSize(1);
        assertThat(options.sendCredentialsToUnverifiedServer()).isFalse();
        assertThat(options.toString()).doesNotContain("S3cret");
    }

    @Test
    void aCredentialsFileOthersCanReadIsRefusedSayingChmod600(@TempDir Path dir) throws IOException {
        Path creds = dir.resolve("alice.creds");
        Files.writeString(creds, "alice\nS3cret-pass\n", StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(creds, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
        Path file = dir.resolve("rdp-probe.yml");
        Files.writeString(file, "modules:\n  nla:\n    timeout: 5s\n    credentials_file: alice.creds\n", StandardCharsets.UTF_8);
        assertThatThrownBy(() -> ExporterConfig.load(file)).isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(file + ":4: modules.nla.credentials_file: ").hasMessageContaining("chmod 600")
                .hasMessageNotContaining("S3cret");
    }

    @Test
    void aCredentialsFileNeedsTheAccountAndThePassword(@TempDir Path dir) throws IOException {
        ownerOnly(dir.resolve("one-line.creds"), "S3cret-pass\n");
        Path file = dir.resolve("rdp-probe.yml");
        Files.writeString(file, "modules:\n  nla:\n    credentials_file: one-line.creds\n", StandardCharsets.UTF_8);
        assertThatThrownBy(() -> ExporterConfig.load(file)).hasMessageContaining("needs two lines").hasMessageNotContaining("S3cret");
        Files.writeString(file, "modules:\n  nla:\n    credentials_file: missing.creds\n", StandardCharsets.UTF_8);
        assertThatThrownBy(() -> ExporterConfig.load(file)).hasMessageContaining("is not a readable file");
    }

    @Test
    void credentialOptionsWithoutACredentialsFileAreMistakes() {
        assertThat(error("modules:\n  rdp:\n    send_credentials_to_unverified_server: true\n").getMessage())
                .startsWith("test.yml:3: modules.rdp.send_credentials_to_unverified_server: applies to the credential check only");
        assertThat(error("modules:\n  rdp:\n    trust_thumbprints: [AB]\n").getMessage())
                .startsWith("test.yml:3: modules.rdp.trust_thumbprints: applies to the credential check only");
    }

    static Path ownerOnly(Path file, String text) throws IOException {
        Files.writeString(file, text, StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        return file;
    }

    @Test
    void aKeyGivenTwiceIsRefusedWithBothLines() {
        assertThat(error("modules:\n  rdp:\n    udp: true\n    udp: false\n").getMessage())
                .isEqualTo("test.yml:4: udp: given twice (first on line 3); give it once");
    }

    @Test
    void brokenYamlNamesItsLine() {
        ConfigException e = error("modules:\n  rdp:\n    timeout: [5s\n");
        assertThat(e.getMessage()).startsWith("test.yml:").contains("not valid YAML");
        assertThat(e.line()).isPresent();
    }

    @Test
    void phaseLimitsLongerThanTheTimeoutCouldNeverApply() {
        assertThat(error("modules:\n  rdp:\n    timeout: 2s\n    phase_timeout: 3s\n").getMessage())
                .isEqualTo("test.yml:4: modules.rdp.phase_timeout: 3s is longer than the module's timeout 2s, so it could never apply; "
                        + "lower it or raise timeout");
    }

    @Test
    void valuesOfTheWrongKindSayWhatWasExpected() {
        assertThat(error("modules:\n  rdp:\n    udp: yes please\n").getMessage()).isEqualTo("test.yml:3: modules.rdp.udp: 'yes please' is not true or false");
        assertThat(error("concurrency: 0\nmodules:\n  rdp: {}\n").getMessage()).isEqualTo("test.yml:1: concurrency: '0' is not a whole number from 1 to 4096");
        assertThat(error("modules: [rdp]\n").getMessage()).startsWith("test.yml:1: modules: expected a map");
        assertThat(error("modules:\n  rdp:\n    protocols: [ssl, tls2]\n").getMessage()).startsWith("test.yml:3: modules.rdp.protocols: ");
        assertThat(error("modules:\n  rdp:\n    tls_engine: openssl\n").getMessage())
                .startsWith("test.yml:3: modules.rdp.tls_engine: unknown TLS engine 'openssl'; available: ").contains("bouncycastle");
        assertThat(error("modules:\n  rdp:\n    tls_versions: [1.4]\n").getMessage()).startsWith("test.yml:3: modules.rdp.tls_versions: unknown TLS version");
    }

    @Test
    void theFileNeedsModules() {
        assertThat(error("").getMessage()).startsWith("test.yml:1: the file is empty");
        assertThat(error("concurrency: 4\n").getMessage()).startsWith("test.yml:1: modules: missing");
        assertThat(error("modules: {}\n").getMessage()).startsWith("test.yml:1: modules: is empty");
    }

    @Test
    void allowListEntriesAreChecked() {
        assertThat(error("allow: [10.0.0.0/33]\nmodules:\n  rdp: {}\n").getMessage()).startsWith("test.yml:1: allow: '10.0.0.0/33': the prefix length must be 0..32");
        assertThat(error("allow: ['exa mple']\nmodules:\n  rdp: {}\n").getMessage()).startsWith("test.yml:1: allow: 'exa mple' is neither a network");
        assertThat(error("allow: []\nmodules:\n  rdp: {}\n").getMessage()).startsWith("test.yml:1: allow: is empty, which would allow nothing");
    }

    @Test
    void aFileNamesItselfAndResolvesTheTrustStoreBesideIt(@TempDir Path dir) throws IOException, ConfigException {
        Path file = dir.resolve("rdp-probe.yml");
        Files.writeString(file, "modules:\n  rdp:\n    trust_store: missing.pem\n", StandardCharsets.UTF_8);
        assertThatThrownBy(() -> ExporterConfig.load(file)).isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(file + ":3: modules.rdp.trust_store: " + dir.resolve("missing.pem") + " is not a file");
        Files.write(dir.resolve("bad.yml"), new byte[] {'m', (byte) 0xFF});
        assertThatThrownBy(() -> ExporterConfig.load(dir.resolve("bad.yml"))).hasMessageEndingWith("is not UTF-8 text");
    }

    @Test
    void theExampleConfigurationLoads() throws ConfigException {
        Path example = Path.of("..", "examples", "rdp-probe.yml");
        ExporterConfig c = ExporterConfig.load(example);
        assertThat(c.moduleNames()).contains("rdp");
        assertThat(List.copyOf(c.moduleNames())).isNotEmpty();
    }
}
