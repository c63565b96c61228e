package dev.rdpprobe.core.internal.pdu.ntlm;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The signing and sealing keys of an NTLM session with extended session security ([MS-NLMP] 3.4.5.2
 * SIGNKEY, 3.4.5.3 SEALKEY), for both directions, from the ExportedSessionKey.
 *
 * @param clientSigningKey client-to-server signing key
 * @param clientSealingKey client-to-server sealing key
 * @param serverSigningKey server-to-client signing key
 * @param serverSealingKey server-to-client sealing key
 * @param keyExchange whether NEGOTIATE_KEY_EXCH was negotiated (the signature's checksum is then RC4-encrypted)
 */
public record NtlmSessionKeys(byte[] clientSigningKey, byte[] clientSealingKey, byte[] serverSigningKey,
        byte[] serverSealingKey, boolean keyExchange) {

    private static final byte[] CLIENT_SIGN = magic("session key to client-to-server signing key magic constant");
    private static final byte[] SERVER_SIGN = magic("session key to server-to-client signing key magic constant");
    private static final byte[] CLIENT_SEAL = magic("session key to client-to-server sealing key magic constant");
    private static final byte[] SERVER_SEAL = magic("session key to server-to-client sealing key magic constant");

    private static byte[] magic(String text) {
        return (text + "\0").getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * Derives the four keys.
     *
     * @param exportedSessionKey the 16-byte ExportedSessionKey
     * @param flags the negotiated flags (NEGOTIATE_128 / NEGOTIATE_56 decide the sealing key's length)
     */
    public static NtlmSessionKeys derive(byte[] exportedSessionKey, long flags) {
        int sealLength = NtlmFlags.has(flags, NtlmFlags.NEGOTIATE_128) ? 16 : NtlmFlags.has(flags, NtlmFlags.NEGOTIATE_56) ? 7 : 5;
        byte[] base = Arrays.copyOf(exportedSessionKey, sealLength);
        try {
            return new NtlmSessionKeys(NtlmPrimitives.md5(exportedSessionKey, CLIENT_SIGN), NtlmPrimitives.md5(base, CLIENT_SEAL),
                    NtlmPrimitives.md5(exportedSessionKey, SERVER_SIGN), NtlmPrimitives.md5(base, SERVER_SEAL),
                    NtlmFlags.has(flags, NtlmFlags.NEGOTIATE_KEY_EXCH));
        } finally {
            NtlmPrimitives.wipe(base);
        }
    }

    /** The sealing handle the client seals with (and the server unseals with). */
    public NtlmSealing clientToServer() {
        return new NtlmSealing(clientSigningKey, clientSealingKey, keyExchange);
    }

    /** The sealing handle the server seals with (and the client unseals with). */
    public NtlmSealing serverToClient() {
        return new NtlmSealing(serverSigningKey, serverSealingKey, keyExchange);
    }

    /** Overwrites the keys with zeros. */
    public void wipe() {
        NtlmPrimitives.wipe(clientSigningKey, clientSealingKey, serverSigningKey, serverSealingKey);
    }

    /** Never prints a key. */
    @Override
    public String toString() {
        return "NtlmSessionKeys[not shown]";
    }
}
