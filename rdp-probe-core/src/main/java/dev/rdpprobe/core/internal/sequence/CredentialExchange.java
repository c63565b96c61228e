package dev.rdpprobe.core.internal.sequence;

import dev.rdpprobe.core.internal.pdu.MalformedPduException;
import dev.rdpprobe.core.internal.pdu.credssp.CredSspMessages;
import dev.rdpprobe.core.internal.pdu.credssp.PubKeyAuth;
import dev.rdpprobe.core.internal.pdu.credssp.ServerCertificate;
import dev.rdpprobe.core.internal.pdu.ntlm.ChannelBindings;
import dev.rdpprobe.core.internal.pdu.ntlm.FileTime;
import dev.rdpprobe.core.internal.pdu.ntlm.NtlmChallenge;
import dev.rdpprobe.core.internal.pdu.ntlm.NtlmClientAuthentication;
import dev.rdpprobe.core.internal.pdu.ntlm.NtlmNegotiate;
import dev.rdpprobe.core.internal.pdu.ntlm.NtlmPrimitives;
import dev.rdpprobe.core.internal.pdu.ntlm.NtlmSealing;
import dev.rdpprobe.core.internal.pdu.ntlm.NtlmSessionKeys;
import dev.rdpprobe.core.internal.pdu.ntlm.NtlmV2;
import dev.rdpprobe.core.outcome.CredentialVerdict;
import java.time.Instant;
import java.util.Arrays;

/**
 * The client's half of the credential check ([MS-CSSP] 3.1.5 steps 1–3), without I/O: it builds the
 * TSRequest with the NTLM AUTHENTICATE and the sealed {@code pubKeyAuth}, and then checks the server's
 * {@code pubKeyAuth} answer. There is no step 4 or 5 here: the TSCredentials ({@code authInfo}) are never
 * built, so they cannot be sent. Secrets (the password copy, the NT hash, the response key, the random
 * session key) are wiped as soon as the request is built; the sealing keys stay until the answer is read.
 */
final class CredentialExchange {

    /** Random bytes the driver supplies: 8 for the client challenge, 16 for the exported session key. */
    static final int RANDOM_SIZE = NtlmV2.CLIENT_CHALLENGE_SIZE + 16;

    /** How {@link #prepare} ended: {@link Ready} or {@link NotStarted}. */
    sealed interface Start {
    }

    /** The check can start: send {@code exchange.request()}. */
    record Ready(CredentialExchange exchange) implements Start {
    }

    /** The check cannot start: nothing was sent. */
    record NotStarted(CredentialVerdict verdict, String detail) implements Start {
    }

    private final int version;
    private final byte[] request;
    private final NtlmSessionKeys keys;
    private final NtlmSealing serverToClient;
    private final byte[] expectedServerValue;

    private CredentialExchange(int version, byte[] request, NtlmSessionKeys keys, byte[] expectedServerValue) {
        this.version = version;
        this.request = request;
        this.keys = keys;
        this.serverToClient = keys.serverToClient();
        this.expectedServerValue = expectedServerValue;
    }

    /** Overwrites the session's keys; the exchange is unusable afterwards. */
    void wipe() {
        keys.wipe();
    }

    /** The CredSSP version the pubKeyAuth is computed for. */
    int version() {
        return version;
    }

    /** The TSRequest to send (the caller hands it to the driver, which owns it then). */
    byte[] request() {
        return request;
    }

    /**
     * Prepares the check, or says why it cannot run.
     *
     * @param plan the credential plan
     * @param serverVersion the TSRequest version the server answered the NEGOTIATE with
     * @param challengeBytes the raw CHALLENGE_MESSAGE
     * @param challenge its decoding
     * @param leafDer the server's certificate, or {@code null} when the driver did not supply it
     * @param random {@link #RANDOM_SIZE} random bytes (wiped here), or {@code null}
     * @param clientNonce the 32-byte clientNonce sent with the NEGOTIATE, or {@code null}
     * @param now the client's time, used when the CHALLENGE has no timestamp
     * @param host the target host (the SPN is {@code TERMSRV/host})
     * @return {@link Ready} or {@link NotStarted}
     */
    static Start prepare(CredentialPlan plan, int serverVersion, byte[] challengeBytes, NtlmChallenge challenge, byte[] leafDer,
            byte[] random, byte[] clientNonce, Instant now, String host) {
        try {
            if (plan.md4() == null) {
                return new NotStarted(CredentialVerdict.NOT_CHECKED_LOCAL,
                        "no MD4 implementation on the class path (add rdp-probe-tls)");
            }
            if (plan.credentials().isDestroyed()) {
                return new NotStarted(CredentialVerdict.NOT_CHECKED_LOCAL, "the credentials were destroyed before the check");
            }
            if (leafDer == null || random == null || random.length != RANDOM_SIZE) {
                return new NotStarted(CredentialVerdict.NOT_CHECKED_LOCAL, "the driver supplied no certificate or random bytes");
            }
            int version = Math.max(2, Math.min(CredSspMessages.PROBE_VERSION, serverVersion));
            if (PubKeyAuth.hashed(version) && clientNonce == null) {
                return new NotStarted(CredentialVerdict.NOT_CHECKED_LOCAL, "no clientNonce for CredSSP version " + version);
            }
            ServerCertificate certificate;
            try {
                certificate = ServerCertificate.read(leafDer);
            } catch (MalformedPduException e) {
                return new NotStarted(CredentialVerdict.NOT_CHECKED_LOCAL, "the server certificate's key could not be read: " + e.getMessage());
            }
            byte[] key = certificate.subjectPublicKey();
            NtlmClientAuthentication.Result auth;
            byte[] ntHash = null;
            char[] password = plan.credentials().copyPassword();
            try {
                ntHash = NtlmV2.ntHash(password, plan.md4()::md4);
                Arrays.fill(password, '\0');
                NtlmClientAuthentication.Inputs inputs = new NtlmClientAuthentication.Inputs(plan.credentials().user(),
                        plan.credentials().domain(), "", ntHash, ChannelBindings.hash(certificate.tlsServerEndPoint()),
                        "TERMSRV/" + host, Arrays.copyOfRange(random, 0, 8), Arrays.copyOfRange(random, 8, RANDOM_SIZE),
                        fileTime(now));
                auth = NtlmClientAuthentication.authenticate(NtlmNegotiate.probe().toBytes(), challengeBytes, challenge, inputs);
                NtlmPrimitives.wipe(inputs.clientChallenge(), inputs.exportedSessionKey());
            } catch (IllegalArgumentException e) {
                return new NotStarted(CredentialVerdict.NOT_CHECKED_LOCAL, "the server's CHALLENGE cannot be answered: " + e.getMessage());
            } finally {
                Arrays.fill(password, '\0');
                NtlmPrimitives.wipe(ntHash);
            }
            byte[] nonce = PubKeyAuth.hashed(version) ? clientNonce : null;
            byte[] pubKeyAuth = auth.keys().clientToServer().seal(PubKeyAuth.clientValue(version, key, clientNonce)).signatureThenData();
            byte[] request = CredSspMessages.authenticateRequest(version, auth.message(), pubKeyAuth, nonce);
            NtlmPrimitives.wipe(auth.message());
            return new Ready(new CredentialExchange(version, request, auth.keys(),
                    PubKeyAuth.serverExpected(version, key, clientNonce)));
        } finally {
            NtlmPrimitives.wipe(random);
        }
    }

    private static byte[] fileTime(Instant now) {
        long ticks = FileTime.fromInstant(now);
        byte[] out = new byte[8];
        for (int i = 0; i < 8; i++) {
            out[i] = (byte) (ticks >>> (8 * i));
        }
        return out;
    }

    /**
     * Checks the server's sealed pubKeyAuth.
     *
     * @return {@code null} when it verifies, else what is wrong
     */
    String checkServerPubKeyAuth(byte[] sealed) {
        byte[] value = serverToClient.unseal(sealed);
        if (value == null) {
            return "its NTLM signature does not verify (" + sealed.length + " bytes)";
        }
        if (!NtlmPrimitives.same(value, expectedServerValue)) {
            return PubKeyAuth.hashed(version) ? "it is not the server-to-client hash of the TLS key the probe saw"
                    : "it is not the TLS key the probe saw with its first byte incremented";
        }
        return null;
    }
}
