package dev.rdpprobe.testkit.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rdpprobe.core.RdpProber;
import dev.rdpprobe.core.outcome.ConnectionOutcome;
import dev.rdpprobe.core.outcome.PhaseStatus;
import dev.rdpprobe.core.outcome.Phase;
import dev.rdpprobe.testkit.wire.ChallengeSpec;
import dev.rdpprobe.core.internal.pdu.credssp.ClientNegotiate;
import dev.rdpprobe.core.internal.pdu.credssp.CredSspAnswer;
import dev.rdpprobe.core.internal.pdu.credssp.CredSspMessages;
import dev.rdpprobe.core.internal.pdu.ntlm.NtlmChallenge;
import dev.rdpprobe.core.internal.pdu.ntlm.NtlmFlags;
import dev.rdpprobe.core.internal.pdu.ntlm.NtlmMessages;
import dev.rdpprobe.testkit.CredSspStep;
import dev.rdpprobe.testkit.FakeRdpServer;
import dev.rdpprobe.testkit.NtlmIdentity;
import dev.rdpprobe.testkit.RecordedConnection;
import dev.rdpprobe.testkit.Scenario;
import dev.rdpprobe.testkit.wire.CredSspAnswers;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The probe never sends a credential, and never shows an NTLM secret: (a) what the server receives carries no
 * user, password, domain or workstation, and no AUTHENTICATE; (b) no {@code toString} of an outcome or of the
 * CHALLENGE facts contains the 8-byte server challenge or the client nonce in any encoding ({@link SecretScan});
 * (c) neither appears in what SLF4J logs at DEBUG during whole probes (a fresh JVM, {@link SecretsProbeMain}).
 */
class SecretsTest {

    /** A distinctive ServerChallenge, so that finding it in text is no accident. */
    static final byte[] SERVER_CHALLENGE = {0x3C, (byte) 0x9A, 0x71, (byte) 0xE4, 0x0B, (byte) 0xD2, 0x58, (byte) 0xA6};

    static RdpProber prober;

    @BeforeAll
    static void start() {
        prober = RdpProber.builder().udp(false).phaseTimeout(Duration.ofSeconds(5)).build();
    }

    @AfterAll
    static void stop() {
        prober.close();
    }

    static CredSspStep challengeStep(boolean spnego) {
        return CredSspStep.challenge(NtlmIdentity.workgroup("SECRET-HOST", 10, 0, 20348))
                .at(Instant.now()).withServerChallenge(SERVER_CHALLENGE).spnegoWrapped(spnego);
    }

    /** The codec-level spec of the same CHALLENGE as {@link #challengeStep}, to scan what the core makes of it. */
    static ChallengeSpec challengeSpec() {
        return ChallengeSpec.workgroup("SECRET-HOST", 10, 0, 20348, Instant.now(), SERVER_CHALLENGE);
    }

    record Exchange(ConnectionOutcome outcome, RecordedConnection connection, ClientNegotiate request) {
    }

    static Exchange probe(boolean spnego) throws Exception {
        try (FakeRdpServer server = FakeRdpServer.start(Scenario.healthy().withCredSsp(challengeStep(spnego)))) {
            ConnectionOutcome outcome = prober.probe(server.target()).join();
            RecordedConnection c = server.awaitConnections(1, Duration.ofSeconds(5)).get(0);
            ClientNegotiate request = CredSspMessages.readClientRequest(Unpooled.wrappedBuffer(c.tsRequest().orElseThrow()));
            return new Exchange(outcome, c, request);
        }
    }

    @ParameterizedTest(name = "spnego={0}")
    @ValueSource(booleans = {false, true})
    void theServerReceivesNoCredential(boolean spnego) throws Exception {
        Exchange x = probe(spnego);
        assertThat(x.outcome().phase(Phase.CREDSSP).status()).isEqualTo(PhaseStatus.OK);
        ClientNegotiate r = x.request();
        assertThat(r.request().authInfo()).as("authInfo (encrypted credentials)").isNull();
        assertThat(r.request().pubKeyAuth()).as("pubKeyAuth").isNull();
        assertThat(r.request().errorCode()).isNull();
        assertThat(r.request().negoTokens()).hasSize(1);
        assertThat(r.negotiate()).as("an NTLM NEGOTIATE").isNotNull();
        assertThat(r.negotiate().domain()).as("domain").isEmpty();
        assertThat(r.negotiate().workstation()).as("workstation").isEmpty();
        assertThat(NtlmFlags.has(r.negotiate().flags(), NtlmFlags.DOMAIN_SUPPLIED)).isFalse();
        assertThat(NtlmFlags.has(r.negotiate().flags(), NtlmFlags.WORKSTATION_SUPPLIED)).isFalse();

        // everything the client sent inside TLS is exactly that one TSRequest: no AUTHENTICATE ever follows
        ByteArrayOutputStream plaintext = new ByteArrayOutputStream();
        x.connection().plaintextAfterX224().forEach(plaintext::writeBytes);
        assertThat(plaintext.toByteArray()).isEqualTo(x.connection().tsRequest().orElseThrow());
        assertThat(ntlmMessageTypes(plaintext.toByteArray())).containsExactly((long) NtlmMessages.NEGOTIATE);

        // nothing that names the user or this machine
        byte[] sent = concat(encodeConnectionRequest(x), plaintext.toByteArray());
        for (String who : identities()) {
            for (byte[] form : List.of(who.getBytes(StandardCharsets.US_ASCII), who.getBytes(StandardCharsets.UTF_16LE),
                    who.toUpperCase().getBytes(StandardCharsets.UTF_16LE))) {
                assertThat(indexOf(sent, form)).as("'%s' in what the probe sent", who).isEqualTo(-1);
            }
        }
        assertThat(x.connection().cookie()).contains("rdpprobe");
    }

    @ParameterizedTest(name = "spnego={0}")
    @ValueSource(booleans = {false, true})
    void noToStringShowsTheChallengeOrTheNonce(boolean spnego) throws Exception {
        Exchange x = probe(spnego);
        byte[] nonce = x.request().request().clientNonce();
        assertThat(nonce).hasSize(32);
        List<String> texts = new ArrayList<>();
        ConnectionOutcome o = x.outcome();
        texts.add(o.toString());
        texts.add(o.server().toString());
        texts.add(o.server().credssp().orElseThrow().toString());
        texts.add(o.server().credssp().orElseThrow().ntlm().orElseThrow().toString());
        texts.add(String.valueOf(o.diagnosis()));
        texts.add(o.findings().toString());
        texts.add(o.phases().toString());
        texts.add(x.request().toString());
        texts.add(x.request().request().toString());

        // the server's CHALLENGE as the core reads it, and the spec it was built from
        ByteBuf answer = Unpooled.buffer();
        CredSspAnswers.writeChallenge(answer, 6, challengeSpec(), spnego);
        CredSspAnswer read = CredSspMessages.readServerAnswer(answer);
        texts.add(read.toString());
        texts.add(challengeSpec().toString());
        NtlmChallenge challenge = challengeSpec().toChallenge();
        assertThat(challenge.serverChallenge()).isEqualTo(SERVER_CHALLENGE);
        texts.add(challenge.toString());

        for (String text : texts) {
            assertThat(SecretScan.find(SERVER_CHALLENGE, text)).as("the server challenge in %s", text).isEmpty();
            assertThat(SecretScan.find(nonce, text)).as("the client nonce in %s", text).isEmpty();
        }
    }

    @Test
    void theScanFindsWhatItLooksFor() {
        byte[] nonce = HexFormat.of().parseHex("00112233445566778899aabbccddeeff00112233445566778899aabbccddee01");
        assertThat(SecretScan.find(nonce, "x=" + HexFormat.of().formatHex(nonce).toUpperCase())).contains("hex");
        assertThat(SecretScan.find(nonce, "x=" + HexFormat.ofDelimiter(":").formatHex(nonce))).contains("hex with ':'");
        assertThat(SecretScan.find(nonce, "nonce " + java.util.Base64.getEncoder().encodeToString(nonce))).contains("base64");
        assertThat(SecretScan.find(nonce, java.util.Arrays.toString(nonce))).contains("Arrays.toString");
        assertThat(SecretScan.find(SERVER_CHALLENGE, "…9a71e40bd258…")).contains("hex window at byte 1");
        assertThat(SecretScan.find(SERVER_CHALLENGE, "NtlmChallenge[serverChallenge=(8 bytes, not shown)]")).isEmpty();
    }

    @Test
    void debugLoggingOfWholeProbesShowsNoSecret(@TempDir Path dir) throws Exception {
        Path secretsFile = dir.resolve("secrets.txt");
        Path log = dir.resolve("child.log");
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"),
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=debug",
                "-Dorg.slf4j.simpleLogger.logFile=System.out",
                SecretsProbeMain.class.getName(), secretsFile.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        assertThat(child.waitFor(90, TimeUnit.SECONDS)).as("the child JVM finished").isTrue();
        String output = Files.readString(log, StandardCharsets.ISO_8859_1);
        assertThat(child.exitValue()).as("child exit; output:%n%s", output).isZero();
        assertThat(output).as("the probes ran").contains("OUTCOME OK");
        assertThat(output).as("DEBUG logging was on").contains("DEBUG").contains("probe finished");

        List<String> secrets = Files.readAllLines(secretsFile, StandardCharsets.US_ASCII);
        assertThat(secrets).hasSize(3);
        for (String hex : secrets) {
            assertThat(SecretScan.find(HexFormat.of().parseHex(hex), output)).as("secret %s in the DEBUG log", hex).isEmpty();
        }
    }

    // ------------------------------------------------------------ helpers

    static List<Long> ntlmMessageTypes(byte[] bytes) {
        List<Long> types = new ArrayList<>();
        ByteBuf buf = Unpooled.wrappedBuffer(bytes);
        for (int i = 0; i + 12 <= bytes.length; i++) {
            if (NtlmMessages.startsWithSignature(buf, i)) {
                types.add(buf.getUnsignedIntLE(i + 8));
            }
        }
        return types;
    }

    static byte[] encodeConnectionRequest(Exchange x) {
        return x.connection().connectionRequestBytes().orElseThrow();
    }

    static List<String> identities() throws Exception {
        List<String> names = new ArrayList<>();
        for (String n : new String[] {System.getProperty("user.name"), InetAddress.getLocalHost().getHostName()}) {
            if (n != null && n.length() >= 4) {
                names.add(n);
            }
        }
        return names;
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
