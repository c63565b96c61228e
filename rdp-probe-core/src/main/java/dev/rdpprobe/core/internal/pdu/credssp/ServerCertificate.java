package dev.rdpprobe.core.internal.pdu.credssp;

import dev.rdpprobe.core.internal.pdu.MalformedPduException;
import dev.rdpprobe.core.internal.pdu.ntlm.NtlmPrimitives;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * What the credential check needs from the server's TLS certificate: the key CredSSP binds to
 * ([MS-CSSP] 3.1.5: the {@code subjectPublicKey} BIT STRING of the SubjectPublicKeyInfo, without its
 * unused-bits octet) and the certificate hash of [RFC 5929] 4.1 ({@code tls-server-end-point}) for the NTLM
 * channel bindings. Read with this package's bounded DER reader (the certificate is at most
 * {@value #MAX_SIZE} bytes); the rest of the certificate is skipped unread.
 *
 * @param subjectPublicKey the subjectPublicKey bits (for RSA, the DER RSAPublicKey)
 * @param signatureAlgorithm the certificate's signatureAlgorithm OID, dotted
 * @param der the whole certificate (its hash is the channel binding)
 */
public record ServerCertificate(byte[] subjectPublicKey, String signatureAlgorithm, byte[] der) {

    /** PDU name in errors. */
    public static final String PDU = "X.509 certificate";
    /** Largest certificate accepted. */
    public static final int MAX_SIZE = 64 * 1024;

    /** Signature algorithms whose hash RFC 5929 4.1 keeps (MD5 and SHA-1 become SHA-256; unknown ones too). */
    private static final Map<String, String> KEPT_HASHES = Map.of(
            "1.2.840.113549.1.1.12", "SHA-384", "1.2.840.113549.1.1.13", "SHA-512",
            "1.2.840.10045.4.3.3", "SHA-384", "1.2.840.10045.4.3.4", "SHA-512");

    /** Copies the arrays. */
    public ServerCertificate {
        subjectPublicKey = subjectPublicKey.clone();
        der = der.clone();
    }

    /** A copy of the subjectPublicKey bits. */
    @Override
    public byte[] subjectPublicKey() {
        return subjectPublicKey.clone();
    }

    /**
     * Reads a certificate.
     *
     * @throws MalformedPduException if it is not a DER certificate of the usual shape or is over {@value #MAX_SIZE} bytes
     */
    public static ServerCertificate read(byte[] der) {
        if (der.length > MAX_SIZE) {
            throw new MalformedPduException(PDU, "length", 0, der.length + " bytes exceed " + MAX_SIZE);
        }
        DerReader outer = DerReader.over(PDU, Unpooled.wrappedBuffer(der), 0, der.length);
        DerReader certificate = outer.enter(DerReader.SEQUENCE, "Certificate");
        DerReader tbs = certificate.enter(DerReader.SEQUENCE, "tbsCertificate");
        if (tbs.hasMore() && tbs.peekTag() == DerReader.context(0)) {
            tbs.skip("version");
        }
        tbs.skip("serialNumber");
        tbs.skip("signature");
        tbs.skip("issuer");
        tbs.skip("validity");
        tbs.skip("subject");
        DerReader spki = tbs.enter(DerReader.SEQUENCE, "subjectPublicKeyInfo");
        spki.skip("algorithm");
        int bitsAt = spki.offset();
        byte[] bits = spki.enter(DerReader.BIT_STRING, "subjectPublicKey").remainingBytes();
        if (bits.length < 2 || bits[0] != 0) {
            throw new MalformedPduException(PDU, "subjectPublicKey", bitsAt, "not a whole-octet BIT STRING");
        }
        byte[] key = new byte[bits.length - 1];
        System.arraycopy(bits, 1, key, 0, key.length);
        DerReader algorithm = certificate.enter(DerReader.SEQUENCE, "signatureAlgorithm");
        String oid = algorithm.oid("signatureAlgorithm.algorithm");
        return new ServerCertificate(key, oid, der);
    }

    /** The hash of [RFC 5929] 4.1: the signature's hash, except that MD5, SHA-1 and unknown hashes become SHA-256. */
    public String endPointHashAlgorithm() {
        return KEPT_HASHES.getOrDefault(signatureAlgorithm, "SHA-256");
    }

    /** The channel binding's application data: {@code "tls-server-end-point:"} followed by the certificate hash. */
    public byte[] tlsServerEndPoint() {
        byte[] prefix = "tls-server-end-point:".getBytes(StandardCharsets.US_ASCII);
        byte[] hash = NtlmPrimitives.digest(endPointHashAlgorithm(), der);
        byte[] out = new byte[prefix.length + hash.length];
        System.arraycopy(prefix, 0, out, 0, prefix.length);
        System.arraycopy(hash, 0, out, prefix.length, hash.length);
        return out;
    }

    /** The algorithm and key size, never the bytes. */
    @Override
    public String toString() {
        return "ServerCertificate[signatureAlgorithm=" + signatureAlgorithm + ", subjectPublicKey=" + subjectPublicKey.length + " bytes]";
    }
}
