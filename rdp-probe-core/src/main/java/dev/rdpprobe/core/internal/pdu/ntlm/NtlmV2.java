package dev.rdpprobe.core.internal.pdu.ntlm;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * NTLMv2 authentication ([MS-NLMP] 3.3.2): the response key, the NTLMv2 and LMv2 challenge responses
 * and the session base key. Pure functions; the callers wipe what they no longer need (see
 * {@link NtlmPrimitives#wipe}). Checked against the example of [MS-NLMP] 4.2.4.
 */
public final class NtlmV2 {

    /** Size of the client challenge. */
    public static final int CLIENT_CHALLENGE_SIZE = 8;

    private NtlmV2() {
    }

    /**
     * The NT hash of a password, {@code MD4(UNICODE(Passwd))} ([MS-NLMP] 3.3.1 NTOWFv1). The UTF-16LE
     * copy of the password is wiped before this returns.
     *
     * @param password the password (not retained, not changed)
     * @param md4 MD4 (the codecs take the function; the driver supplies {@code dev.rdpprobe.core.tls.Md4Provider::md4})
     * @return the 16-byte hash (the caller wipes it)
     */
    public static byte[] ntHash(char[] password, UnaryOperator<byte[]> md4) {
        Objects.requireNonNull(password, "password");
        ByteBuffer encoded = StandardCharsets.UTF_16LE.encode(CharBuffer.wrap(password));
        byte[] bytes = new byte[encoded.remaining()];
        encoded.get(bytes);
        if (encoded.hasArray()) {
            Arrays.fill(encoded.array(), (byte) 0);
        }
        try {
            return md4.apply(bytes);
        } finally {
            NtlmPrimitives.wipe(bytes);
        }
    }

    /**
     * NTOWFv2 = HMAC_MD5(NT hash, UNICODE(Uppercase(User) + UserDom)) ([MS-NLMP] 3.3.2); LMOWFv2 is the same value.
     *
     * @param ntHash the NT hash of the password
     * @param user the user name (upper-cased here)
     * @param domain the domain, as given (not upper-cased)
     */
    public static byte[] responseKey(byte[] ntHash, String user, String domain) {
        byte[] identity = (user.toUpperCase(Locale.ROOT) + domain).getBytes(StandardCharsets.UTF_16LE);
        return NtlmPrimitives.hmacMd5(ntHash, identity);
    }

    /**
     * What the client computes from the server's CHALLENGE.
     *
     * @param ntChallengeResponse NTProofStr followed by the client's blob ("temp")
     * @param lmChallengeResponse the LMv2 response (24 bytes)
     * @param sessionBaseKey HMAC_MD5(ResponseKeyNT, NTProofStr)
     */
    public record Responses(byte[] ntChallengeResponse, byte[] lmChallengeResponse, byte[] sessionBaseKey) {

        /** NTProofStr: the first 16 bytes of the NT response. */
        public byte[] ntProofStr() {
            return Arrays.copyOf(ntChallengeResponse, 16);
        }

        /** Overwrites every array with zeros. */
        public void wipe() {
            NtlmPrimitives.wipe(ntChallengeResponse, lmChallengeResponse, sessionBaseKey);
        }

        /** Sizes only: the responses are crackable offline and never printed. */
        @Override
        public String toString() {
            return "Responses[ntChallengeResponse=" + ntChallengeResponse.length + " bytes, not shown]";
        }
    }

    /**
     * The client's blob ("temp" in [MS-NLMP] 3.3.2): Responserversion 1, HiResponserversion 1, Z(6),
     * Time, ClientChallenge, Z(4), the AV pairs (ending with MsvAvEOL), Z(4).
     *
     * @param fileTime the time as 8 little-endian FILETIME bytes
     * @param clientChallenge 8 random bytes
     * @param targetInfo the encoded AV pairs the client sends, MsvAvEOL included
     */
    public static byte[] clientBlob(byte[] fileTime, byte[] clientChallenge, byte[] targetInfo) {
        check(fileTime, 8, "fileTime");
        check(clientChallenge, CLIENT_CHALLENGE_SIZE, "clientChallenge");
        byte[] blob = new byte[28 + targetInfo.length + 4];
        blob[0] = 1;
        blob[1] = 1;
        System.arraycopy(fileTime, 0, blob, 8, 8);
        System.arraycopy(clientChallenge, 0, blob, 16, 8);
        System.arraycopy(targetInfo, 0, blob, 28, targetInfo.length);
        return blob;
    }

    /**
     * ComputeResponse for NTLMv2 ([MS-NLMP] 3.3.2).
     *
     * @param responseKey NTOWFv2 (= LMOWFv2)
     * @param serverChallenge the CHALLENGE's 8-byte ServerChallenge
     * @param blob the client blob of {@link #clientBlob}
     * @param clientChallenge the client challenge inside the blob (for the LMv2 response)
     * @param lmResponse whether to compute the LMv2 response; without it (a CHALLENGE with MsvAvTimestamp) it is Z(24)
     */
    public static Responses compute(byte[] responseKey, byte[] serverChallenge, byte[] blob, byte[] clientChallenge,
            boolean lmResponse) {
        check(serverChallenge, 8, "serverChallenge");
        byte[] proof = NtlmPrimitives.hmacMd5(responseKey, serverChallenge, blob);
        byte[] nt = new byte[proof.length + blob.length];
        System.arraycopy(proof, 0, nt, 0, proof.length);
        System.arraycopy(blob, 0, nt, proof.length, blob.length);
        byte[] lm = new byte[24];
        if (lmResponse) {
            byte[] lmProof = NtlmPrimitives.hmacMd5(responseKey, serverChallenge, clientChallenge);
            System.arraycopy(lmProof, 0, lm, 0, 16);
            System.arraycopy(clientChallenge, 0, lm, 16, 8);
            NtlmPrimitives.wipe(lmProof);
        }
        byte[] sessionBaseKey = NtlmPrimitives.hmacMd5(responseKey, proof);
        NtlmPrimitives.wipe(proof);
        return new Responses(nt, lm, sessionBaseKey);
    }

    private static void check(byte[] value, int size, String name) {
        if (value == null || value.length != size) {
            throw new IllegalArgumentException(name + " must be " + size + " bytes");
        }
    }
}
