package dev.rdpprobe.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rdpprobe.core.RdpProber;
import dev.rdpprobe.core.outcome.ConnectionOutcome;
import dev.rdpprobe.core.outcome.CredentialVerdict;
import dev.rdpprobe.core.outcome.Phase;
import dev.rdpprobe.core.outcome.SecurityProtocol;
import dev.rdpprobe.core.target.Credentials;
import dev.rdpprobe.testkit.ActivationPhase;
import dev.rdpprobe.testkit.ActivationStep;
import dev.rdpprobe.testkit.ConnectionEffect;
import dev.rdpprobe.testkit.CredSspStep;
import dev.rdpprobe.testkit.FakeRdpServer;
import dev.rdpprobe.testkit.NegotiationRefusal;
import dev.rdpprobe.testkit.NlaAccount;
import dev.rdpprobe.testkit.NlaAnswer;
import dev.rdpprobe.testkit.NtlmIdentity;
import dev.rdpprobe.testkit.TlsStep;
import dev.rdpprobe.testkit.X224Step;
import dev.rdpprobe.testkit.tls.TestCertificate;
import dev.rdpprobe.testkit.tls.TestCertificates;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code fake-server --config}: each phase's keys map onto the test kit's scenario, and every bad config names file, line and fault. */
class ScenarioConfigTest {

    @TempDir
    Path dir;

    @Test
    void everyExampleConfigIsServed() throws Exception {
        Path examples = Path.of("..", "examples", "fake-server");
        List<Path> files;
        try (Stream<Path> s = Files.list(examples)) {
            files = s.filter(p -> p.toString().endsWith(".yml") || p.toString().endsWith(".json")).sorted().toList();
        }
        assertThat(files).hasSizeGreaterThanOrEqualTo(4);
        for (Path f : files) {
            FakeServerScenario s = ScenarioConfig.read(f);
            try (FakeRdpServer server = FakeRdpServer.start(s.scenario())) {
                assertThat(server.port()).as(f.toString()).isPositive();
            }
        }
    }

    @Test
    void phasesLeftOutBehaveAsNlaHealthy() throws Exception {
        FakeServerScenario s = yaml("name: plain\n");
        assertThat(s.name()).isEqualTo("plain");
        assertThat(answer(s.scenario().x224(), SecurityProtocol.SSL, SecurityProtocol.HYBRID_EX))
                .isEqualTo(new X224Step.Answer.Select(SecurityProtocol.HYBRID_EX));
        assertThat(s.scenario().tls()).isInstanceOf(TlsStep.Handshake.class);
        assertThat(((CredSspStep.Challenge) s.scenario().credssp()).identity()).isEqualTo(NtlmIdentity.windowsServer2022());
        assertThat(s.udp()).isNull();
    }

    @Test
    void x224ConfirmRefuseAndEffects() throws Exception {
        assertThat(answer(yaml("x224: {protocols: [SSL]}").scenario().x224(), SecurityProtocol.HYBRID))
                .isEqualTo(new X224Step.Answer.Refuse(NegotiationRefusal.SSL_REQUIRED_BY_SERVER));
        assertThat(answer(yaml("x224: {select: rdp}").scenario().x224(), SecurityProtocol.HYBRID))
                .isEqualTo(new X224Step.Answer.Select(SecurityProtocol.RDP));
        X224Step.Confirm refuse = (X224Step.Confirm) yaml("x224: {do: refuse, code: 6, stayOpen: true}").scenario().x224();
        assertThat(refuse.answer().apply(Set.of())).isEqualTo(new X224Step.Answer.Refuse(NegotiationRefusal.SSL_WITH_USER_AUTH_REQUIRED_BY_SERVER));
        assertThat(refuse.closeAfterRefusal()).isFalse();
        assertThat(((X224Step.Act) yaml("x224: {do: reset}").scenario().x224()).effect()).isInstanceOf(ConnectionEffect.Reset.class);
        assertThat(((X224Step.Act) yaml("x224: {do: stall}").scenario().x224()).effect()).isInstanceOf(ConnectionEffect.Stall.class);
        ConnectionEffect.Send send = (ConnectionEffect.Send) ((X224Step.Act) yaml("x224: {do: send, text: \"SSH-2.0-x\\r\\n\"}")
                .scenario().x224()).effect();
        assertThat(new String(send.bytes(), java.nio.charset.StandardCharsets.ISO_8859_1)).isEqualTo("SSH-2.0-x\r\n");
        ConnectionEffect.Trickle trickle = (ConnectionEffect.Trickle) ((X224Step.Act) yaml("x224: {do: trickle, protocol: SSL, interval: 5ms}")
                .scenario().x224()).effect();
        assertThat(trickle.interval()).isEqualTo(Duration.ofMillis(5));
    }

    @Test
    void tlsCertificatesVersionsAlertAndDelivery() throws Exception {
        TlsStep.Handshake h = (TlsStep.Handshake) yaml("tls: {certificate: expired, versions: [TLSv1, TLSv1.2], cutAfter: 100}").scenario().tls();
        assertThat(h.certificate().certificate().getNotAfter()).isBeforeOrEqualTo(new java.util.Date());
        assertThat(h.versions()).containsExactly("TLSv1", "TLSv1.2");
        assertThat(h.delivery()).isEqualTo(new TlsStep.Delivery.CutAfter(100));
        TlsStep.Handshake named = (TlsStep.Handshake) yaml("tls:\n  certificate:\n    commonName: rdp01.lab.test\n").scenario().tls();
        assertThat(named.certificate().certificate().getSubjectX500Principal().getName()).contains("CN=rdp01.lab.test");
        TlsStep.Handshake wrong = (TlsStep.Handshake) yaml("tls: {certificate: wrong-name}").scenario().tls();
        assertThat(wrong.certificate().certificate().getSubjectX500Principal().getName()).contains("CN=rdp.example.test");
        TlsStep.Act alert = (TlsStep.Act) yaml("tls: {do: alert, alert: protocol_version}").scenario().tls();
        assertThat(((ConnectionEffect.Send) alert.effect()).bytes()).endsWith(70);
        TlsStep.Act byNumber = (TlsStep.Act) yaml("tls: {do: alert, alert: 80}").scenario().tls();
        assertThat(((ConnectionEffect.Send) byNumber.effect()).bytes()).endsWith(80);
        assertThat(((TlsStep.Act) yaml("tls: {do: close}").scenario().tls()).effect()).isInstanceOf(ConnectionEffect.Close.class);
    }

    @Test
    void aCertificateFromPemFilesIsPresented() throws Exception {
        TestCertificate mine = TestCertificates.builder().commonName("pem.lab.test").dnsNames("pem.lab.test").build();
        Files.writeString(dir.resolve("cert.pem"), pem(mine.certificate()));
        Files.writeString(dir.resolve("key.pem"), pem(mine.privateKey()));
        Path config = dir.resolve("pem.yml");
        Files.writeString(config, "tls:\n  certificate: {file: cert.pem, key: key.pem}\n");
        FakeServerScenario s = ScenarioConfig.read(config);
        assertThat(s.name()).isEqualTo("pem");
        try (FakeRdpServer server = FakeRdpServer.start(s.scenario());
                RdpProber prober = RdpProber.builder().udp(false).phaseTimeout(Duration.ofSeconds(5)).build()) {
            ConnectionOutcome outcome = prober.probe(server.target()).join();
            assertThat(outcome.server().tls().orElseThrow().leaf().orElseThrow().subject().orElseThrow()).contains("CN=pem.lab.test");
            assertThat(outcome.phase(Phase.CREDSSP).status()).isEqualTo(dev.rdpprobe.core.outcome.PhaseStatus.OK);
        }
    }

    @Test
    void credsspChallengeIdentityErrorAndEffects() throws Exception {
        CredSspStep.Challenge c = (CredSspStep.Challenge) yaml("credssp:\n  identity: {computer: RDS01, domain: CORP, dnsDomain: corp.example.test, "
                + "version: 10.0.17763}\n  clockOffset: -2h\n  spnego: true\n  version: 3\n").scenario().credssp();
        assertThat(c.identity()).isEqualTo(NtlmIdentity.domainMember("RDS01", "CORP", "corp.example.test", 10, 0, 17763));
        assertThat(c.clockOffset()).isEqualTo(Duration.ofHours(-2));
        assertThat(c.spnegoWrapped()).isTrue();
        assertThat(c.tsRequestVersion()).isEqualTo(3);
        assertThat(yaml("credssp: {do: error, errorCode: 0xC000006D}").scenario().credssp()).isEqualTo(new CredSspStep.Error(0xC000006DL, 6));
        assertThat(json("{\"credssp\": {\"do\": \"error\", \"errorCode\": \"3221225581\"}}").scenario().credssp())
                .isEqualTo(new CredSspStep.Error(0xC000006DL, 6));
        assertThat(((CredSspStep.Act) yaml("credssp: {do: half-close}").scenario().credssp()).effect()).isInstanceOf(ConnectionEffect.HalfClose.class);
        assertThat(yaml("credssp: {trickle: 1ms}").scenario().credssp()).isInstanceOf(CredSspStep.Trickle.class);
    }

    @Test
    void credsspUsersMakeAServerThatChecksTheCredentialsPerAccount() throws Exception {
        CredSspStep.Nla nla = (CredSspStep.Nla) yaml("credssp:\n"
                + "  identity: {computer: RDS01, domain: LAB, dnsDomain: lab.example.test, version: 10.0.17763}\n"
                + "  version: 5\n"
                + "  serverChallenge: 0011223344556677\n"
                + "  onFailure: close\n"
                + "  users:\n"
                + "    - {user: alice, password: s3cret-1}\n"
                + "    - {user: bob, domain: LAB, password: s3cret-2, answer: 0xC0000234}\n"
                + "    - {user: carol, password: s3cret-3, answer: wrong-pubkeyauth}\n"
                + "    - {user: dave, password: s3cret-4, answer: missing-pubkeyauth}\n"
                + "    - {user: erin, password: s3cret-5, answer: silent}\n").scenario().credssp();
        assertThat(nla.accounts()).containsExactly(NlaAccount.accepting("alice", "s3cret-1"),
                new NlaAccount("bob", "LAB", "s3cret-2", NlaAnswer.status(0xC0000234L)),
                NlaAccount.answering("carol", "s3cret-3", new NlaAnswer.WrongPubKeyAuth()),
                NlaAccount.answering("dave", "s3cret-4", new NlaAnswer.NoPubKeyAuth()),
                NlaAccount.answering("erin", "s3cret-5", new NlaAnswer.Silent()));
        assertThat(nla.onFailure()).isEqualTo(new NlaAnswer.Close());
        assertThat(nla.challenge().identity()).isEqualTo(NtlmIdentity.domainMember("RDS01", "LAB", "lab.example.test", 10, 0, 17763));
        assertThat(nla.challenge().tsRequestVersion()).isEqualTo(5);
        assertThat(nla.challenge().serverChallenge()).containsExactly(0x00, 0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77);
        CredSspStep.Nla windowsLike = (CredSspStep.Nla) json("{\"credssp\": {\"users\": [{\"user\": \"alice\", \"password\": \"s3cret-1\"}]}}")
                .scenario().credssp();
        assertThat(windowsLike).usingRecursiveComparison().isEqualTo(CredSspStep.nla(NlaAccount.accepting("alice", "s3cret-1")));
        assertThat(windowsLike.toString()).doesNotContain("s3cret-1");
    }

    @Test
    void aProbeWithCredentialsGetsEachAccountsAnswerFromAConfiguredServer() throws Exception {
        FakeServerScenario s = yaml("credssp:\n  users:\n"
                + "    - {user: alice, password: s3cret-1}\n"
                + "    - {user: bob, password: s3cret-2, answer: 0xC0000234}\n");
        assertThat(check(s, "LAB\\alice", "s3cret-1")).isEqualTo(CredentialVerdict.ACCEPTED);
        assertThat(check(s, "LAB\\alice", "wrong")).isEqualTo(CredentialVerdict.REJECTED);
        assertThat(check(s, "bob", "s3cret-2")).isEqualTo(CredentialVerdict.ACCOUNT_LOCKED_OUT);
    }

    @Test
    void noRefusalEverNamesAPassword() {
        String[] configs = {
            "credssp:\n  users:\n    - {user: alice, password: [s3cret-1]}\n",
            "credssp:\n  users:\n    - {user: alice, password: {p: s3cret-1}}\n",
            "credssp:\n  users:\n    - {user: alice, password: s3cret-1}\n    - {user: alice, password: s3cret-1}\n",
        };
        for (String config : configs) {
            assertThatThrownBy(() -> yaml(config)).as(config).isInstanceOf(ScenarioConfigException.class)
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain("s3cret-1 ").doesNotContain("s3cret-1'")
                            .doesNotContain("s3cret-1]").doesNotContain("s3cret-1}"));
        }
        assertThatThrownBy(() -> json("{\"credssp\": {\"users\": [{\"user\": \"alice\", \"password\": s3cret-1}]}}"))
                .isInstanceOf(ScenarioConfigException.class).satisfies(e -> assertThat(e.getMessage()).doesNotContain("s3cret"));
    }

    @Test
    void activationServesByDefaultAndTakesADesktopNoneOrAnEffectAtAPhase() throws Exception {
        assertThat(yaml("name: plain\n").scenario().activation()).isEqualTo(ActivationStep.serve());
        assertThat(yaml("activation: {width: 1920, height: 1080, colorDepth: 32}").scenario().activation())
                .isEqualTo(new ActivationStep.Serve(1920, 1080, 32));
        assertThat(yaml("activation: {do: none}").scenario().activation()).isNull();
        assertThat(yaml("activation: {do: close}").scenario().activation())
                .isEqualTo(ActivationStep.acting(ActivationPhase.CLIENT_INFO, ConnectionEffect.close()));
        assertThat(yaml("activation: {do: stall, at: confirm-active}").scenario().activation())
                .isEqualTo(ActivationStep.acting(ActivationPhase.CONFIRM_ACTIVE, ConnectionEffect.stall()));
        ActivationStep.Act sent = (ActivationStep.Act) yaml("activation: {do: send, at: attach-user, hex: 0300000902f0802180, thenClose: true}")
                .scenario().activation();
        assertThat(sent.at()).isEqualTo(ActivationPhase.ATTACH_USER);
    }

    @Test
    void badActivationKeysNameTheLine() {
        refused("activation:\n  do: serve\n  at: client-info\n", 3, "unknown key activation.at with do: serve; the keys here are colorDepth, do, height, width");
        refused("activation:\n  do: dance\n", 2, "activation.do is 'dance'; use one of serve, none, close");
        refused("activation:\n  do: close\n  at: licensing\n", 3, "activation.at is 'licensing'; use one of client-info, attach-user, confirm-active");
        refused("activation:\n  colorDepth: 12\n", 2, "activation.colorDepth is 12; use 8, 15, 16, 24 or 32");
        refused("activation:\n  width: 0\n", 2, "activation.width is 0; it must be 1..8192");
        refused("activation:\n  do: none\n  width: 800\n", 3, "unknown key activation.width with do: none");
        refused("x224: {do: reset}\nactivation: {do: close}\n", 2, "activation is never reached: x224's do: reset ends the exchange before MCS");
        refused("tls: {do: close}\nactivation: {do: serve}\n", 2, "activation is never reached: tls's do: close");
    }

    @Test
    void udpAnswerSilenceJunkAndClosed() throws Exception {
        assertThat(yaml("udp: {do: answer}").udp()).isNotNull();
        assertThat(yaml("udp: {do: silence}").udp()).isNotNull();
        assertThat(yaml("udp: {do: junk, hex: 'de ad'}").udp()).isNotNull();
        assertThat(yaml("udp: {do: closed}").udp()).isNull();
    }

    @Test
    void badConfigsNameTheFileTheLineAndTheFault() {
        refused("x224:\n  do: confirm\n  protocol: [SSL]\n", 3, "unknown key x224.protocol with do: confirm; the keys here are do, protocols, select");
        refused("x224:\n  do: greet\n", 2, "x224.do is 'greet'; use one of confirm, refuse");
        refused("x224:\n  protocols: [SSL, TLS]\n", 2, "x224.protocols names 'TLS'");
        refused("x224:\n  do: refuse\n  code: 9\n", 3, "x224.code is '9'; use one of SSL_REQUIRED_BY_SERVER (1)");
        refused("tls:\n  versions: [TLSv1.4]\n", 2, "tls.versions names 'TLSv1.4'");
        refused("tls:\n  certificate: stolen\n", 2, "tls.certificate is 'stolen'; use one of generated, expired, not-yet-valid, wrong-name");
        refused("tls:\n  trickle: 5 ms\n", 2, "tls.trickle is '5 ms', not a duration");
        refused("tls:\n  trickle: 5ms\n  cutAfter: 10\n", 2, "trickle, cutAfter and stallAfter exclude each other");
        refused("tls:\n  do: alert\n  versions: [TLSv1]\n", 3, "unknown key tls.versions with do: alert");
        refused("credssp:\n  do: error\n", 2, "do: error needs credssp.errorCode");
        refused("credssp:\n  identity:\n    computer: A\n    version: 10.0\n", 4, "credssp.identity.version is '10.0'; write MAJOR.MINOR.BUILD");
        refused("credssp:\n  identity:\n    domain: CORP\n", 3, "a domain member needs both credssp.identity.domain (NetBIOS) and credssp.identity.dnsDomain");
        refused("credssp:\n  serverChallenge: 0011\n", 2, "credssp.serverChallenge must be 8 bytes");
        refused("credssp:\n  users:\n    alice: secret\n", 2, "credssp.users must be a list of accounts");
        refused("credssp:\n  users: []\n", 2, "credssp.users is empty");
        refused("credssp:\n  users:\n    - alice\n", 3, "credssp.users[0] must be a mapping {user, password}");
        refused("credssp:\n  users:\n    - {user: alice}\n", 3, "credssp.users[0].password is missing");
        refused("credssp:\n  users:\n    - password: s3cret-1\n", 3, "credssp.users[0].user is missing");
        refused("credssp:\n  users:\n    - {user: alice, password: s3cret-1, pin: 1}\n", 3, "unknown key credssp.users[0].pin of an account");
        refused("credssp:\n  users:\n    - {user: alice, password: s3cret-1}\n    - {user: ALICE, domain: LAB, password: s3cret-2}\n", 4,
                "credssp.users[1].user 'ALICE' of domain LAB is already in the table");
        refused("credssp:\n  users:\n    - user: alice\n      password: s3cret-1\n      answer: locked\n", 5,
                "credssp.users[0].answer is 'locked'; use accept, wrong-pubkeyauth, missing-pubkeyauth, close, silent or an NTSTATUS");
        refused("credssp:\n  users: [{user: a, password: s3cret-1}]\n  onFailure: accept\n", 3,
                "credssp.onFailure is 'accept'; use close, silent or an NTSTATUS");
        refused("credssp:\n  users: [{user: a, password: s3cret-1}]\n  onFailure: 0\n", 3, "credssp.onFailure is 0; it must be 1..4294967295");
        refused("credssp:\n  users: [{user: a, password: s3cret-1}]\n  spnego: true\n", 3, "unknown key credssp.spnego with users");
        refused("credssp:\n  do: error\n  users: [{user: a, password: s3cret-1}]\n", 3, "credssp.users (the NLA user table) needs do: challenge");
        refused("x224: {do: close}\ncredssp: {do: close}\n", 2, "credssp is never reached: x224's do: close ends the exchange before CredSSP");
        refused("tls: {do: stall}\ncredssp: {do: close}\n", 2, "credssp is never reached: tls's do: stall");
        refused("udp:\n  do: junk\n  hex: xyz\n", 3, "udp.hex is not hex bytes");
        refused("x224: {}\nx224: {}\n", 2, "key 'x224' appears twice (first on line 1)");
        refused("tls:\n  versions: [TLSv1\n", 2, "does not parse as YAML");
        refused("- x224\n", 1, "the top level must be a mapping of phases");
        refused("phases: {}\n", 1, "unknown key phases at the top level");
        refused("", 0, "the file is empty");
    }

    @Test
    void aJsonFileIsReadAsJsonAndItsErrorsNameTheLine() throws Exception {
        Path f = dir.resolve("broken.json");
        Files.writeString(f, "{\n  \"x224\": {\"do\": \"refuse\"},\n  \"tls\": {\"versions\": [\"TLSv1\",]}\n}\n");
        assertThatThrownBy(() -> ScenarioConfig.read(f)).isInstanceOf(ScenarioConfigException.class)
                .hasMessageStartingWith(f + ":3: does not parse as JSON");
    }

    @Test
    void aMissingFileIsRefusedByName() {
        Path f = dir.resolve("absent.yml");
        assertThatThrownBy(() -> ScenarioConfig.read(f)).isInstanceOf(ScenarioConfigException.class)
                .hasMessageStartingWith(f + ": cannot be read");
    }

    @Test
    void theCommandRefusesABadConfigWithExitCode2AndTheFileAndLine() throws Exception {
        Path f = dir.resolve("bad.yml");
        Files.writeString(f, "x224:\n  do: refuse\n  code: 42\n");
        CliRun r = CliRun.of("fake-server", "--config", f.toString(), "--listen", "127.0.0.1:0");
        assertThat(r.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).contains("--config " + f + ":3: x224.code is '42'");
        CliRun both = CliRun.of("fake-server", "--config", f.toString(), "--scenario", "healthy");
        assertThat(both.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(both.err()).contains("not both");
    }

    // ---------------------------------------------------------------------------------------------

    private void refused(String yaml, int line, String problem) {
        assertThatThrownBy(() -> ScenarioConfig.parse("t.yml", new StringReader(yaml), false, "t", dir))
                .as(yaml).isInstanceOf(ScenarioConfigException.class)
                .hasMessageStartingWith(line > 0 ? "t.yml:" + line + ": " + problem : "t.yml: " + problem)
                .satisfies(e -> assertThat(((ScenarioConfigException) e).line()).isEqualTo(line));
    }

    private static CredentialVerdict check(FakeServerScenario s, String account, String password) throws Exception {
        try (FakeRdpServer server = FakeRdpServer.start(s.scenario());
                RdpProber prober = RdpProber.builder().udp(false).phaseTimeout(Duration.ofSeconds(5))
                        .credentials(Credentials.parse(account, password.toCharArray())).sendCredentialsToUnverifiedServer(true).build()) {
            return prober.probe(server.target()).join().server().credentialCheck().orElseThrow().verdict();
        }
    }

    private FakeServerScenario yaml(String text) throws ScenarioConfigException {
        return ScenarioConfig.parse("t.yml", new StringReader(text), false, "t", dir);
    }

    private FakeServerScenario json(String text) throws ScenarioConfigException {
        return ScenarioConfig.parse("t.json", new StringReader(text), true, "t", dir);
    }

    private static X224Step.Answer answer(X224Step step, SecurityProtocol... requested) {
        return ((X224Step.Confirm) step).answer().apply(Set.of(requested));
    }

    private static String pem(Object o) throws IOException {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter w = new JcaPEMWriter(out)) {
            w.writeObject(o);
        }
        return out.toString();
    }
}
