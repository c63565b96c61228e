package dev.rdpprobe.tls;

import java.math.BigInteger;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.edec.EdECObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.RSAPublicKey;
import org.bouncycastle.asn1.x509.DSAParameter;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.ECNamedCurveTable;
import org.bouncycastle.asn1.x9.X962Parameters;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.asn1.x9.X9FieldID;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;

/**
 * The type and size of a public key, read from its ASN.1 encoding alone: no key object is built and no
 * arithmetic is done, so that a key of any size costs only its parsing (bounded by the certificate's size).
 * BouncyCastle's key objects, in contrast, validate a key as they are built (a Miller-Rabin test of an RSA
 * modulus: seconds for 16384 bits; a primality test of an explicit curve's field).
 *
 * @param type RSA, RSASSA-PSS, EC, DSA, Ed25519, Ed448, or the algorithm OID when unknown
 * @param bits modulus size (RSA, DSA's p), field size (EC), the encoded key size for EdDSA (256 for Ed25519, 456 for Ed448); 0 when unknown
 * @param exponentBits the size of the RSA public exponent; 0 for other keys
 * @param explicitCurve whether an EC key spells its curve out instead of naming it (RFC 5480 forbids that)
 * @param readable whether the key's encoding parsed as its algorithm says (false also for an unknown algorithm)
 */
record PublicKeyShape(String type, int bits, int exponentBits, boolean explicitCurve, boolean readable) {

    static final ASN1ObjectIdentifier ED25519 = EdECObjectIdentifiers.id_Ed25519;
    static final ASN1ObjectIdentifier ED448 = EdECObjectIdentifiers.id_Ed448;

    /** Reads the shape; never throws. */
    static PublicKeyShape of(SubjectPublicKeyInfo info) {
        ASN1ObjectIdentifier oid = info.getAlgorithm().getAlgorithm();
        try {
            if (oid.equals(PKCSObjectIdentifiers.rsaEncryption) || oid.equals(PKCSObjectIdentifiers.id_RSASSA_PSS)) {
                RSAPublicKey rsa = RSAPublicKey.getInstance(info.parsePublicKey());
                String type = oid.equals(PKCSObjectIdentifiers.rsaEncryption) ? "RSA" : "RSASSA-PSS";
                return new PublicKeyShape(type, rsa.getModulus().bitLength(), rsa.getPublicExponent().bitLength(), false, true);
            }
            if (oid.equals(X9ObjectIdentifiers.id_ecPublicKey)) {
                return ec(info.getAlgorithm().getParameters());
            }
            if (oid.equals(X9ObjectIdentifiers.id_dsa)) {
                ASN1Encodable parameters = info.getAlgorithm().getParameters();
                int bits = parameters == null ? 0 : DSAParameter.getInstance(parameters).getP().bitLength();
                return new PublicKeyShape("DSA", bits, 0, false, true);
            }
            if (oid.equals(ED25519)) {
                return new PublicKeyShape("Ed25519", 256, 0, false, true);
            }
            if (oid.equals(ED448)) {
                return new PublicKeyShape("Ed448", 456, 0, false, true);
            }
            return new PublicKeyShape(oid.getId(), 0, 0, false, false);
        } catch (RuntimeException | java.io.IOException e) {
            return new PublicKeyShape(typeName(oid), 0, 0, false, false);
        }
    }

    private static PublicKeyShape ec(ASN1Encodable encoded) {
        X962Parameters parameters = X962Parameters.getInstance(encoded);
        if (parameters.isNamedCurve()) {
            X9ECParameters curve = ECNamedCurveTable.getByOID(ASN1ObjectIdentifier.getInstance(parameters.getParameters()));
            return new PublicKeyShape("EC", curve == null ? 0 : curve.getCurve().getFieldSize(), 0, false, curve != null);
        }
        if (parameters.isImplicitlyCA()) {
            return new PublicKeyShape("EC", 0, 0, false, true);
        }
        // SpecifiedECDomain: version, fieldID, curve, base, order, cofactor. Only the field is read.
        X9FieldID field = X9FieldID.getInstance(ASN1Sequence.getInstance(parameters.getParameters()).getObjectAt(1));
        int bits;
        if (field.getIdentifier().equals(X9ObjectIdentifiers.prime_field)) {
            BigInteger p = ASN1Integer.getInstance(field.getParameters()).getValue();
            bits = p.bitLength();
        } else {
            bits = ASN1Integer.getInstance(ASN1Sequence.getInstance(field.getParameters()).getObjectAt(0)).intValueExact();
        }
        return new PublicKeyShape("EC", bits, 0, true, true);
    }

    private static String typeName(ASN1ObjectIdentifier oid) {
        if (oid.equals(PKCSObjectIdentifiers.rsaEncryption)) {
            return "RSA";
        }
        if (oid.equals(PKCSObjectIdentifiers.id_RSASSA_PSS)) {
            return "RSASSA-PSS";
        }
        if (oid.equals(X9ObjectIdentifiers.id_ecPublicKey)) {
            return "EC";
        }
        if (oid.equals(X9ObjectIdentifiers.id_dsa)) {
            return "DSA";
        }
        return oid.getId();
    }
}
