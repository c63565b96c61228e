package dev.rdpprobe.core.internal.pdu.credssp;

import dev.rdpprobe.core.internal.pdu.ntlm.NtlmPrimitives;
import java.nio.charset.StandardCharsets;

/**
 * The plaintext of CredSSP's {@code pubKeyAuth} ([MS-CSSP] 3.1.5), which binds the authentication to the
 * TLS key: before version 5 the server's subjectPublicKey itself (step 2), and in the server's answer the
 * same key with its first byte incremented by one (step 3); from version 5, SHA-256 of a magic string, the
 * client's 32-byte nonce and the key, with one magic string for each direction. The caller seals the value
 * with the NTLM session (client to server) or unseals the server's answer and compares it with
 * {@link #serverExpected}.
 */
public final class PubKeyAuth {

    /** "CredSSP Client-To-Server Binding Hash\0" ([MS-CSSP] 3.1.5). */
    static final byte[] CLIENT_MAGIC = "CredSSP Client-To-Server Binding Hash\0".getBytes(StandardCharsets.US_ASCII);
    /** "CredSSP Server-To-Client Binding Hash\0". */
    static final byte[] SERVER_MAGIC = "CredSSP Server-To-Client Binding Hash\0".getBytes(StandardCharsets.US_ASCII);
    /** The first CredSSP version that binds with a nonce and a hash. */
    public static final int FIRST_HASHED_VERSION = 5;

    private PubKeyAuth() {
    }

    /** Whether {@code version} uses the nonce-bound hash (5 and later) rather than the key itself. */
    public static boolean hashed(int version) {
        return version >= FIRST_HASHED_VERSION;
    }

    /**
     * What the client seals.
     *
     * @param version the CredSSP version both sides use
     * @param subjectPublicKey the server's subjectPublicKey bits
     * @param clientNonce the 32-byte clientNonce (used from version 5)
     */
    public static byte[] clientValue(int version, byte[] subjectPublicKey, byte[] clientNonce) {
        return hashed(version) ? NtlmPrimitives.sha256(CLIENT_MAGIC, clientNonce, subjectPublicKey) : subjectPublicKey.clone();
    }

    /** What the server's unsealed answer must be. */
    public static byte[] serverExpected(int version, byte[] subjectPublicKey, byte[] clientNonce) {
        if (hashed(version)) {
            return NtlmPrimitives.sha256(SERVER_MAGIC, clientNonce, subjectPublicKey);
        }
        byte[] incremented = subjectPublicKey.clone();
        if (incremented.length > 0) {
            incremented[0]++;
        }
        return incremented;
    }
}
