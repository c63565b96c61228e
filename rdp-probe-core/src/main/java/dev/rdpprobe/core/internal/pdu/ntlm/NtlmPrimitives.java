package dev.rdpprobe.core.internal.pdu.ntlm;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The JDK's primitives as NTLM uses them ([MS-NLMP] 6, "Appendix A: Cryptographic Operations Reference"):
 * HMAC-MD5, MD5, SHA-256 and the RC4 key stream. Every method returns a fresh array; the JDK's
 * algorithms are mandatory ones, so their absence is an {@link IllegalStateException} (a broken JVM),
 * not something a server can cause.
 */
public final class NtlmPrimitives {

    private NtlmPrimitives() {
    }

    /** HMAC_MD5(key, concatenation of {@code parts}). */
    public static byte[] hmacMd5(byte[] key, byte[]... parts) {
        try {
            Mac mac = Mac.getInstance("HmacMD5");
            mac.init(new SecretKeySpec(key, "HmacMD5"));
            for (byte[] part : parts) {
                mac.update(part);
            }
            return mac.doFinal();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-MD5 is not available in this JVM", e);
        }
    }

    /** MD5(concatenation of {@code parts}). */
    public static byte[] md5(byte[]... parts) {
        return digest("MD5", parts);
    }

    /** SHA-256(concatenation of {@code parts}). */
    public static byte[] sha256(byte[]... parts) {
        return digest("SHA-256", parts);
    }

    /** The digest {@code algorithm} (a JDK name such as "SHA-384") of the concatenation of {@code parts}. */
    public static byte[] digest(String algorithm, byte[]... parts) {
        try {
            MessageDigest md = MessageDigest.getInstance(algorithm);
            for (byte[] part : parts) {
                md.update(part);
            }
            return md.digest();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(algorithm + " is not available in this JVM", e);
        }
    }

    /** RC4K(key, data): a one-shot RC4 with a fresh key stream ([MS-NLMP] 6). */
    public static byte[] rc4(byte[] key, byte[] data) {
        return rc4Stream(key).update(data);
    }

    /** An RC4 key stream that continues across calls to {@link Cipher#update(byte[])}, as an NTLM sealing handle does. */
    public static Cipher rc4Stream(byte[] key) {
        try {
            Cipher rc4 = Cipher.getInstance("ARCFOUR");
            rc4.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "ARCFOUR"));
            return rc4;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("RC4 (ARCFOUR) is not available in this JVM", e);
        }
    }

    /** Constant-time comparison. */
    public static boolean same(byte[] a, byte[] b) {
        return a != null && b != null && MessageDigest.isEqual(a, b);
    }

    /** Overwrites each array with zeros ({@code null}s are skipped). */
    public static void wipe(byte[]... secrets) {
        for (byte[] secret : secrets) {
            if (secret != null) {
                Arrays.fill(secret, (byte) 0);
            }
        }
    }
}
