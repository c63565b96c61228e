package dev.rdpprobe.core.internal.pdu.mcs;

import dev.rdpprobe.core.internal.pdu.PduCursor;
import java.util.ArrayList;
import java.util.List;

/**
 * The server certificate of TS_UD_SC_SEC1 ([MS-RDPBCGR] 2.2.1.4.3.1): a proprietary certificate with an
 * RSA public key, or an X.509 chain. Only the facts a probe reports are kept; nothing is verified.
 */
public sealed interface ServerCertificate {

    /** CERT_CHAIN_VERSION_1: a proprietary certificate. */
    int PROPRIETARY = 1;
    /** CERT_CHAIN_VERSION_2: an X.509 chain. */
    int X509 = 2;
    /** Most certificates a chain may hold before it is refused as malformed. */
    int MAX_CHAIN = 32;

    /** Whether the top bit of dwVersion says the certificate is temporary (issued by a server without a license server). */
    boolean temporary();

    /**
     * A proprietary certificate (2.2.1.4.3.1.1) with its RSA public key (2.2.1.4.3.1.1.1).
     *
     * @param temporary the top bit of dwVersion
     * @param keyBits the RSA key's bitlen
     * @param publicExponent pubExp
     * @param modulusLength keylen: the modulus bytes including the 8 zero bytes of padding
     */
    record Proprietary(boolean temporary, int keyBits, long publicExponent, int modulusLength) implements ServerCertificate {
    }

    /**
     * An X.509 chain (2.2.1.4.2): the certificates in wire order, root first, the server's last.
     *
     * @param temporary the top bit of dwVersion
     * @param certificateLengths each certificate's length in bytes
     * @param leaf the DER bytes of the last certificate (the server's), or an empty array for an empty chain
     */
    record X509Chain(boolean temporary, List<Integer> certificateLengths, byte[] leaf) implements ServerCertificate {
        public X509Chain {
            certificateLengths = List.copyOf(certificateLengths);
            leaf = leaf.clone();
        }

        @Override
        public byte[] leaf() {
            return leaf.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof X509Chain x && x.temporary == temporary && x.certificateLengths.equals(certificateLengths)
                    && java.util.Arrays.equals(x.leaf, leaf);
        }

        @Override
        public int hashCode() {
            return certificateLengths.hashCode() * 31 + java.util.Arrays.hashCode(leaf);
        }

        @Override
        public String toString() {
            return "X509Chain[temporary=" + temporary + ", certificateLengths=" + certificateLengths + "]";
        }
    }

    /**
     * A certificate of a version this codec does not know.
     *
     * @param temporary the top bit of dwVersion
     * @param version the low 31 bits of dwVersion
     * @param length the certificate's length in bytes
     */
    record Unknown(boolean temporary, int version, int length) implements ServerCertificate {
    }

    /** Decodes the certificate filling window {@code r} (its serverCertLen bytes). */
    static ServerCertificate decode(PduCursor r) {
        int length = r.remaining();
        long dwVersion = r.u32le("serverCertificate.dwVersion");
        boolean temporary = (dwVersion & 0x80000000L) != 0;
        int version = (int) (dwVersion & 0x7FFFFFFF);
        if (version == PROPRIETARY) {
            return proprietary(r, temporary);
        }
        if (version == X509) {
            return chain(r, temporary);
        }
        return new Unknown(temporary, version, length);
    }

    private static Proprietary proprietary(PduCursor r, boolean temporary) {
        r.skip(8, "serverCertificate.dwSigAlgId and dwKeyAlgId");
        int blobTypeAt = r.offset();
        int blobType = r.u16le("serverCertificate.wPublicKeyBlobType");
        if (blobType != 0x0006) {
            throw r.error("serverCertificate.wPublicKeyBlobType", blobTypeAt, "expected BB_RSA_KEY_BLOB (6), got " + blobType);
        }
        PduCursor blob = r.window(r.u16le("serverCertificate.wPublicKeyBlobLen"), "serverCertificate.PublicKeyBlob");
        int magicAt = blob.offset();
        long magic = blob.u32le("PublicKeyBlob.magic");
        if (magic != 0x31415352L) {
            throw blob.error("PublicKeyBlob.magic", magicAt, String.format("expected \"RSA1\" (0x31415352), got 0x%08X", magic));
        }
        int keyLenAt = blob.offset();
        long keyLen = blob.u32le("PublicKeyBlob.keylen");
        long bitLen = blob.u32le("PublicKeyBlob.bitlen");
        blob.skip(4, "PublicKeyBlob.datalen");
        long exponent = blob.u32le("PublicKeyBlob.pubExp");
        if (keyLen > blob.remaining()) {
            throw blob.error("PublicKeyBlob.keylen", keyLenAt, "keylen " + keyLen + " runs past the " + blob.remaining()
                    + " bytes of the blob left for the modulus");
        }
        if (bitLen > keyLen * 8) {
            throw blob.error("PublicKeyBlob.bitlen", keyLenAt + 4, "bitlen " + bitLen + " exceeds keylen " + keyLen + " bytes");
        }
        blob.skip((int) keyLen, "PublicKeyBlob.modulus");
        // the signature blob follows; its contents are not needed
        return new Proprietary(temporary, (int) bitLen, exponent, (int) keyLen);
    }

    private static X509Chain chain(PduCursor r, boolean temporary) {
        int countAt = r.offset();
        long count = r.u32le("serverCertificate.NumCertBlobs");
        if (count > MAX_CHAIN) {
            throw r.error("serverCertificate.NumCertBlobs", countAt, count + " certificates; at most " + MAX_CHAIN + " accepted");
        }
        List<Integer> lengths = new ArrayList<>();
        byte[] leaf = new byte[0];
        for (int i = 0; i < count; i++) {
            int at = r.offset();
            long n = r.u32le("serverCertificate.CertBlob.cbCert");
            if (n > r.remaining()) {
                throw r.error("serverCertificate.CertBlob.cbCert", at, "certificate " + (i + 1) + " of " + n
                        + " bytes runs past the end (" + r.remaining() + " bytes follow)");
            }
            lengths.add((int) n);
            if (i == count - 1) {
                leaf = r.bytes((int) n, "serverCertificate.CertBlob.abCert");
            } else {
                r.skip((int) n, "serverCertificate.CertBlob.abCert");
            }
        }
        // padding (8 + 4 * NumCertBlobs bytes) follows; not checked
        return new X509Chain(temporary, lengths, leaf);
    }
}
