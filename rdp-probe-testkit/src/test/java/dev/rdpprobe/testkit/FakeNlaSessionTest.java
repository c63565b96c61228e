package dev.rdpprobe.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rdpprobe.core.internal.pdu.credssp.PubKeyAuth;
import dev.rdpprobe.core.internal.pdu.credssp.ServerCertificate;
import dev.rdpprobe.core.internal.pdu.credssp.TsRequest;
import dev.rdpprobe.core.internal.pdu.ntlm.ChannelBindings;
import dev.rdpprobe.core.internal.pdu.ntlm.NtlmChallenge;
import dev.rdpprobe.core.internal.pdu.ntlm.NtlmClientAuthentication;
import dev.rdpprobe.core.internal.pdu.ntlm.NtlmNegotiate;
import dev.rdpprobe.core.internal.pdu.ntlm.NtlmV2;
import dev.rdpprobe.core.tls.Md4Provider;
import dev.rdpprobe.testkit.tls.TestCertificate;
import dev.rdpprobe.testkit.tls.TestCertificates;
import io.netty.buffer.Unpooled;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The fake NLA server's check of one AUTHENTICATE, fed by the probe's own NTLM client: what a client must prove, and
 * what (as on Windows by default) it may leave out — channel bindings, which FreeRDP 2 sends as sixteen zero bytes.
 */
class FakeNlaSessionTest {

    private static final String PASSWORD = "S3cret-pass!";
    private static final TestCertificate CERT = TestCertificates.localhost();
    private static final CredSspStep.Nla ALICE = CredSspStep.nla(NlaAccount.accepting("alice", PASSWORD));

    @Test
    void theCertificatesChannelBindingsPass() {
        Checked session = authenticate(ChannelBindings.hash(ServerCertificate.read(CERT.der()).tlsServerEndPoint()), PASSWORD);
        assertThat(session.verification().channelBindingsValid()).isTrue();
        assertThat(session.verification().passes()).isTrue();
    }

    @Test
    void noChannelBindingsOrAllZeroOnesPassAsOnWindowsByDefault() {
        for (byte[] unbound : new byte[][] {null, new byte[16]}) {
            Checked session = authenticate(unbound, PASSWORD);
            NlaVerification v = session.verification();
            assertThat(v.channelBindingsSent()).isFalse();
            assertThat(v.channelBindingsValid()).isFalse();
            assertThat(v.allValid()).isFalse();
            assertThat(v.passes()).as(v.toString()).isTrue();
            assertThat(session.lastReply().answer()).isEqualTo(NlaAnswer.accept());
        }
    }

    @Test
    void channelBindingsOfAnotherCertificateFail() {
        byte[] other = ChannelBindings.hash(ServerCertificate.read(TestCertificates.expired().der()).tlsServerEndPoint());
        Checked session = authenticate(other, PASSWORD);
        assertThat(session.verification().channelBindingsSent()).isTrue();
        assertThat(session.verification().passes()).isFalse();
        assertThat(session.lastReply().answer()).isEqualTo(ALICE.onFailure());
    }

    @Test
    void unboundChannelBindingsDoNotExcuseAWrongPassword() {
        Checked session = authenticate(new byte[16], "not-" + PASSWORD);
        assertThat(session.verification().responseValid()).isFalse();
        assertThat(session.verification().passes()).isFalse();
        assertThat(session.lastReply().answer()).isEqualTo(ALICE.onFailure());
    }

    // ---------------------------------------------------------------------------------------------

    /** What the session found, and what it answered. */
    private record Checked(NlaVerification verification, FakeNlaSession.Reply lastReply) {
    }

    /** A session that answered the probe's NEGOTIATE and then checked an AUTHENTICATE with these bindings and password. */
    private static Checked authenticate(byte[] channelBindings, String password) {
        Md4Provider md4 = Md4Provider.installed().orElseThrow();
        FakeNlaSession session = new FakeNlaSession(ALICE, CERT.der());
        byte[] negotiate = NtlmNegotiate.probe().toBytes();
        byte[] answer = session.challenge(new TsRequest(6, List.of(negotiate), null, null, null, null), Instant.now());
        byte[] challengeBytes = TsRequest.decode(Unpooled.wrappedBuffer(answer)).firstNegoToken();
        NtlmChallenge challenge = NtlmChallenge.decode(Unpooled.wrappedBuffer(challengeBytes));
        NtlmClientAuthentication.Result auth = NtlmClientAuthentication.authenticate(negotiate, challengeBytes, challenge,
                new NtlmClientAuthentication.Inputs("alice", "LAB", "", NtlmV2.ntHash(password.toCharArray(), md4::md4), channelBindings,
                        "TERMSRV/localhost", new byte[8], new byte[16], new byte[8]));
        byte[] nonce = new byte[32];
        byte[] key = ServerCertificate.read(CERT.der()).subjectPublicKey();
        byte[] pubKeyAuth = auth.keys().clientToServer().seal(PubKeyAuth.clientValue(6, key, nonce)).signatureThenData();
        FakeNlaSession.Reply reply = session.authenticate(new TsRequest(6, List.of(auth.message()), null, pubKeyAuth, null, nonce));
        return new Checked(session.verification(), reply);
    }
}
