package dev.rdpprobe.bench.codec;

import dev.rdpprobe.bench.Vectors;
import dev.rdpprobe.core.internal.pdu.credssp.CredSspMessages;
import dev.rdpprobe.core.internal.pdu.credssp.PubKeyAuth;
import dev.rdpprobe.core.internal.pdu.credssp.TsRequest;
import dev.rdpprobe.core.internal.pdu.ntlm.ChannelBindings;
import dev.rdpprobe.core.internal.pdu.ntlm.NtlmChallenge;
import dev.rdpprobe.core.internal.pdu.ntlm.NtlmClientAuthentication;
import dev.rdpprobe.core.internal.pdu.ntlm.NtlmNegotiate;
import dev.rdpprobe.core.internal.pdu.ntlm.NtlmSessionKeys;
import dev.rdpprobe.core.internal.pdu.ntlm.NtlmV2;
import dev.rdpprobe.core.tls.Md4Provider;
import io.netty.buffer.Unpooled;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The CPU cost the credential check (CREDSSP_AUTH) adds to one probe, on the event loop: the client's side of
 * [MS-CSSP] 3.1.5 steps 2–3 with the codecs and crypto the sequence uses. {@link #authenticateRequest}: NT hash
 * (MD4 from rdp-probe-tls), NTOWFv2, the NTLMv2 response, MIC, session keys, the sealed version-6 pubKeyAuth and
 * the TSRequest; {@link #verifyServerPubKeyAuth}: unsealing and comparing the server's answer. Over the D1
 * CHALLENGE of vectors.md and a 270-byte (RSA-2048 sized) public key; no I/O. The round trip itself is the
 * server's and the network's.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class CredentialCheckBenchmark {

    private static final char[] PASSWORD = "a-benchmark-password".toCharArray();

    private Md4Provider md4;
    private byte[] negotiate;
    private byte[] challengeBytes;
    private NtlmChallenge challenge;
    private byte[] publicKey;
    private byte[] nonce;
    private byte[] bindings;
    private byte[] random;
    private NtlmSessionKeys keys;
    private byte[] serverAnswer;

    /** Decodes the CHALLENGE once and prepares a server answer to verify. */
    @Setup
    public void setUp() {
        md4 = Md4Provider.installed().orElseThrow(() -> new IllegalStateException("no MD4 provider: rdp-probe-tls is missing"));
        negotiate = NtlmNegotiate.probe().toBytes();
        challengeBytes = TsRequest.decode(Unpooled.wrappedBuffer(Vectors.TSREQUEST_CHALLENGE_D1)).firstNegoToken();
        challenge = NtlmChallenge.decode(Unpooled.wrappedBuffer(challengeBytes));
        Random r = new Random(16);
        publicKey = new byte[270];
        r.nextBytes(publicKey);
        nonce = new byte[CredSspMessages.NONCE_SIZE];
        r.nextBytes(nonce);
        bindings = ChannelBindings.hash(new byte[53]);
        random = new byte[24];
        r.nextBytes(random);
        NtlmClientAuthentication.Result result = authenticate();
        keys = result.keys();
        serverAnswer = keys.serverToClient().seal(PubKeyAuth.serverExpected(6, publicKey, nonce)).signatureThenData();
    }

    private NtlmClientAuthentication.Result authenticate() {
        byte[] ntHash = NtlmV2.ntHash(PASSWORD, md4::md4);
        return NtlmClientAuthentication.authenticate(negotiate, challengeBytes, challenge, new NtlmClientAuthentication.Inputs(
                "alice", "LAB", "", ntHash, bindings, "TERMSRV/rds01.example.com", java.util.Arrays.copyOf(random, 8),
                java.util.Arrays.copyOfRange(random, 8, 24), new byte[8]));
    }

    /** The client's request: everything from the password to the TSRequest bytes. */
    @Benchmark
    public byte[] authenticateRequest() {
        NtlmClientAuthentication.Result auth = authenticate();
        byte[] pubKeyAuth = auth.keys().clientToServer().seal(PubKeyAuth.clientValue(6, publicKey, nonce)).signatureThenData();
        return CredSspMessages.authenticateRequest(6, auth.message(), pubKeyAuth, nonce);
    }

    /** The check of the server's answer (a fresh handle each time, as each probe has its own); it verifies. */
    @Benchmark
    public byte[] verifyServerPubKeyAuth() {
        byte[] value = keys.serverToClient().unseal(serverAnswer);
        if (value == null) {
            throw new IllegalStateException("the server's pubKeyAuth did not verify");
        }
        return value;
    }
}
