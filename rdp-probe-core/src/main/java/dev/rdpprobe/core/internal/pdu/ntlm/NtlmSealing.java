package dev.rdpprobe.core.internal.pdu.ntlm;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import javax.crypto.Cipher;

/**
 * One direction of NTLM message confidentiality with extended session security and key exchange
 * ([MS-NLMP] 3.4.3 SEAL, 3.4.4.2 the signature): an RC4 handle that runs across messages and a
 * sequence number that counts them. Sealing encrypts the message, then the first 8 bytes of
 * HMAC_MD5(SigningKey, SeqNum ‖ Message), with the same handle. The signature is
 * Version 1 ‖ Checksum(8) ‖ SeqNum (16 bytes). Not thread-safe.
 */
public final class NtlmSealing {

    /** Size of a signature. */
    public static final int SIGNATURE_SIZE = 16;

    private final byte[] signingKey;
    private final Cipher handle;
    private final boolean keyExchange;
    private int sequence;

    /**
     * @param signingKey the direction's signing key (kept, not copied)
     * @param sealingKey the direction's sealing key
     * @param keyExchange whether the checksum is RC4-encrypted (NEGOTIATE_KEY_EXCH)
     */
    NtlmSealing(byte[] signingKey, byte[] sealingKey, boolean keyExchange) {
        this.signingKey = signingKey;
        this.keyExchange = keyExchange;
        this.handle = NtlmPrimitives.rc4Stream(sealingKey);
    }

    /**
     * A sealed message.
     *
     * @param signature the 16-byte signature
     * @param data the encrypted message
     */
    public record Sealed(byte[] signature, byte[] data) {
        /** Signature followed by the encrypted data: the form CredSSP's pubKeyAuth carries ([MS-CSSP] 3.1.5). */
        public byte[] signatureThenData() {
            byte[] out = Arrays.copyOf(signature, signature.length + data.length);
            System.arraycopy(data, 0, out, signature.length, data.length);
            return out;
        }
    }

    /** Seals the next message (sequence number 0 first). */
    public Sealed seal(byte[] message) {
        byte[] seq = sequenceBytes(sequence++);
        byte[] encrypted = handle.update(message);
        byte[] mac = NtlmPrimitives.hmacMd5(signingKey, seq, message);
        byte[] checksum = checksum(mac);
        return new Sealed(signature(checksum, seq), encrypted == null ? new byte[0] : encrypted);
    }

    /**
     * Unseals the next message and checks its signature.
     *
     * @param signatureThenData signature (16 bytes) followed by the encrypted message
     * @return the message, or {@code null} when it is shorter than a signature or its signature does not verify
     */
    public byte[] unseal(byte[] signatureThenData) {
        if (signatureThenData == null || signatureThenData.length < SIGNATURE_SIZE) {
            return null;
        }
        byte[] seq = sequenceBytes(sequence++);
        byte[] encrypted = Arrays.copyOfRange(signatureThenData, SIGNATURE_SIZE, signatureThenData.length);
        byte[] message = encrypted.length == 0 ? new byte[0] : handle.update(encrypted);
        byte[] mac = NtlmPrimitives.hmacMd5(signingKey, seq, message);
        byte[] expected = signature(checksum(mac), seq);
        return NtlmPrimitives.same(expected, Arrays.copyOf(signatureThenData, SIGNATURE_SIZE)) ? message : null;
    }

    private byte[] checksum(byte[] mac) {
        byte[] first = Arrays.copyOf(mac, 8);
        return keyExchange ? handle.update(first) : first;
    }

    private static byte[] signature(byte[] checksum, byte[] seq) {
        byte[] signature = new byte[SIGNATURE_SIZE];
        signature[0] = 1;
        System.arraycopy(checksum, 0, signature, 4, 8);
        System.arraycopy(seq, 0, signature, 12, 4);
        return signature;
    }

    private static byte[] sequenceBytes(int n) {
        return ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(n).array();
    }

    /** Never prints a key. */
    @Override
    public String toString() {
        return "NtlmSealing[sequence=" + sequence + "]";
    }
}
