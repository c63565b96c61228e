package dev.rdpprobe.tls;

import dev.rdpprobe.core.outcome.CertificateReport;
import dev.rdpprobe.core.tls.TlsInspection;
import java.net.InetAddress;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.oiw.OIWObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.RSASSAPSSparams;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.OtherName;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.params.DSAPublicKeyParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.params.Ed448PublicKeyParameters;
import org.bouncycastle.crypto.params.RSAKeyParameters;
import org.bouncycastle.crypto.util.PublicKeyFactory;
import org.bouncycastle.operator.DefaultAlgorithmNameFinder;

/**
 * Reports a server's certificate chain the way an administrator needs it, with bcpkix: one
 * {@link CertificateReport} per certificate and whether the chain is trusted (see {@link TrustEvaluator}).
 * Malformed input never throws: what parses is reported, and the rest is explained in the trust detail.
 */
final class CertificateInspector {

    /** The Remote Desktop Authentication EKU, used by RDP certificate templates. */
    static final String REMOTE_DESKTOP_AUTHENTICATION_OID = "1.3.6.1.4.1.311.54.1.2";

    private static final Map<String, String> EKU_NAMES = Map.of(
            KeyPurposeId.id_kp_serverAuth.getId(), "serverAuth",
            KeyPurposeId.id_kp_clientAuth.getId(), "clientAuth",
            KeyPurposeId.id_kp_codeSigning.getId(), "codeSigning",
            KeyPurposeId.id_kp_emailProtection.getId(), "emailProtection",
            KeyPurposeId.id_kp_timeStamping.getId(), "timeStamping",
            KeyPurposeId.id_kp_OCSPSigning.getId(), "OCSPSigning",
            KeyPurposeId.anyExtendedKeyUsage.getId(), "anyExtendedKeyUsage",
            REMOTE_DESKTOP_AUTHENTICATION_OID, "Remote Desktop Authentication");

    private static final Set<String> SERVER_AUTH_EKUS = Set.of(
            KeyPurposeId.id_kp_serverAuth.getId(), KeyPurposeId.anyExtendedKeyUsage.getId(), REMOTE_DESKTOP_AUTHENTICATION_OID);

    private static final String[] KEY_USAGE_NAMES = {
        "digitalSignature", "nonRepudiation", "keyEncipherment", "dataEncipherment", "keyAgreement",
        "keyCertSign", "cRLSign", "encipherOnly", "decipherOnly"
    };

    private static final int[] KEY_USAGE_BITS = {
        KeyUsage.digitalSignature, KeyUsage.nonRepudiation, KeyUsage.keyEncipherment, KeyUsage.dataEncipherment,
        KeyUsage.keyAgreement, KeyUsage.keyCertSign, KeyUsage.cRLSign, KeyUsage.encipherOnly, KeyUsage.decipherOnly
    };

    private static final Set<ASN1ObjectIdentifier> WEAK_SIGNATURES = Set.of(
            PKCSObjectIdentifiers.md2WithRSAEncryption,
            PKCSObjectIdentifiers.md4WithRSAEncryption,
            PKCSObjectIdentifiers.md5WithRSAEncryption,
            PKCSObjectIdentifiers.sha1WithRSAEncryption,
            OIWObjectIdentifiers.sha1WithRSA,
            OIWObjectIdentifiers.md5WithRSA,
            OIWObjectIdentifiers.dsaWithSHA1,
            X9ObjectIdentifiers.id_dsa_with_sha1,
            X9ObjectIdentifiers.ecdsa_with_SHA1);

    private static final Map<String, String> SIGNATURE_NAMES = Map.of(
            "1.3.101.112", "Ed25519",
            "1.3.101.113", "Ed448");

    private final TrustEvaluator trustEvaluator;

    CertificateInspector(TrustEvaluator trustEvaluator) {
        this.trustEvaluator = trustEvaluator;
    }

    /** See {@link dev.rdpprobe.core.tls.TlsProvider#inspect}. */
    TlsInspection inspect(List<byte[]> chainDer, String targetHost, Instant now, KeyStore trustStore) {
        if (now == null) {
            throw new IllegalArgumentException("the probe time (now) is required");
        }
        if (chainDer == null || chainDer.isEmpty()) {
            return new TlsInspection(List.of(), false, "the server sent no certificate");
        }
        List<CertificateReport> reports = new ArrayList<>(chainDer.size());
        List<X509Certificate> certificates = new ArrayList<>(chainDer.size());
        for (int i = 0; i < chainDer.size(); i++) {
            byte[] der = chainDer.get(i);
            X509CertificateHolder holder;
            X509Certificate certificate;
            try {
                if (der == null || der.length == 0) {
                    throw new IllegalArgumentException("empty");
                }
                holder = new X509CertificateHolder(der);
                certificate = (X509Certificate) TrustEvaluator.FACTORY.get().generateCertificate(new java.io.ByteArrayInputStream(der));
            } catch (Exception e) {
                return new TlsInspection(reports, false, "certificate #" + (i + 1) + " of the chain ("
                        + (der == null ? 0 : der.length) + " bytes) could not be parsed: " + reason(e));
            }
            reports.add(report(holder, certificate, der, now, i == 0 ? targetHost : null, i == 0));
            certificates.add(certificate);
        }
        TrustEvaluator.Result trust = trustEvaluator.evaluate(certificates, now, trustStore);
        return new TlsInspection(reports, trust.trusted(), trust.detail());
    }

    private static String reason(Exception e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t && t.getMessage() == null) {
            t = t.getCause();
        }
        return t.getMessage() != null ? t.getMessage() : t.getClass().getSimpleName();
    }

    static CertificateReport report(
            X509CertificateHolder holder, X509Certificate certificate, byte[] der, Instant now, String targetHost, boolean leaf) {
        Instant notBefore = holder.getNotBefore().toInstant();
        Instant notAfter = holder.getNotAfter().toInstant();
        List<String> sans = subjectAlternativeNames(holder);
        PublicKeyFacts key = publicKeyFacts(holder.getSubjectPublicKeyInfo());
        List<String> ekuOids = extendedKeyUsageOids(holder);
        return new CertificateReport(
                certificate.getSubjectX500Principal().getName(X500Principal.RFC2253),
                certificate.getIssuerX500Principal().getName(X500Principal.RFC2253),
                sans,
                holder.getSerialNumber().toString(16).toUpperCase(Locale.ROOT),
                notBefore,
                notAfter,
                now.isAfter(notAfter),
                now.isBefore(notBefore),
                Math.floorDiv(Duration.between(now, notAfter).getSeconds(), 86_400L),
                selfSigned(holder, certificate),
                leaf ? hostnameMatches(holder, targetHost) : null,
                key.type(),
                key.bits(),
                signatureAlgorithmName(holder.getSignatureAlgorithm()),
                weakSignature(holder.getSignatureAlgorithm()),
                key.weak(),
                keyUsage(holder),
                ekuOids == null ? List.of() : ekuOids.stream().map(o -> EKU_NAMES.getOrDefault(o, o)).toList(),
                ekuOids == null || ekuOids.stream().anyMatch(SERVER_AUTH_EKUS::contains),
                thumbprint("SHA-1", der),
                thumbprint("SHA-256", der));
    }

    /** SANs as "DNS:name", "IP:addr", "email:…", "URI:…", "DirName:…", "otherName:oid[=value]", "RID:oid". */
    static List<String> subjectAlternativeNames(X509CertificateHolder holder) {
        List<String> names = new ArrayList<>();
        try {
            Extension extension = holder.getExtension(Extension.subjectAlternativeName);
            if (extension == null) {
                return names;
            }
            for (GeneralName name : GeneralNames.getInstance(extension.getParsedValue()).getNames()) {
                names.add(generalName(name));
            }
        } catch (RuntimeException e) {
            names.add("unparseable:" + e.getClass().getSimpleName());
        }
        return names;
    }

    private static String generalName(GeneralName name) {
        ASN1Encodable value = name.getName();
        switch (name.getTagNo()) {
            case GeneralName.dNSName:
                return "DNS:" + ((ASN1String) value).getString();
            case GeneralName.iPAddress: {
                byte[] octets = ASN1OctetString.getInstance(value).getOctets();
                try {
                    return "IP:" + InetAddress.getByAddress(octets).getHostAddress();
                } catch (java.net.UnknownHostException e) {
                    return "IP:" + HexFormat.of().formatHex(octets);
                }
            }
            case GeneralName.rfc822Name:
                return "email:" + ((ASN1String) value).getString();
            case GeneralName.uniformResourceIdentifier:
                return "URI:" + ((ASN1String) value).getString();
            case GeneralName.directoryName:
                return "DirName:" + X500Name.getInstance(value);
            case GeneralName.registeredID:
                return "RID:" + ASN1ObjectIdentifier.getInstance(value).getId();
            case GeneralName.otherName: {
                OtherName other = OtherName.getInstance(value);
                ASN1Encodable inner = other.getValue();
                String text = inner instanceof ASN1String ? "=" + ((ASN1String) inner).getString() : "";
                return "otherName:" + other.getTypeID().getId() + text;
            }
            default:
                return "type" + name.getTagNo() + ":" + value;
        }
    }

    /** Whether {@code targetHost} matches a DNS/IP SAN, or the CN when the certificate has no SAN at all. */
    static Boolean hostnameMatches(X509CertificateHolder holder, String targetHost) {
        if (targetHost == null || targetHost.isBlank()) {
            return false;
        }
        InetAddress targetIp = HostNames.ipAddress(targetHost);
        List<String> sans = subjectAlternativeNames(holder);
        if (!sans.isEmpty()) {
            for (String san : sans) {
                if (targetIp == null && san.startsWith("DNS:") && HostNames.dnsNameMatches(san.substring(4), targetHost)) {
                    return true;
                }
                if (targetIp != null && san.startsWith("IP:") && targetIp.equals(HostNames.ipAddress(san.substring(3)))) {
                    return true;
                }
            }
            return false;
        }
        for (RDN rdn : holder.getSubject().getRDNs(BCStyle.CN)) {
            String cn = rdn.getFirst().getValue() instanceof ASN1String ? ((ASN1String) rdn.getFirst().getValue()).getString() : null;
            if (cn == null) {
                continue;
            }
            if (targetIp != null ? targetIp.equals(HostNames.ipAddress(cn)) : HostNames.dnsNameMatches(cn, targetHost)) {
                return true;
            }
        }
        return false;
    }

    private static boolean selfSigned(X509CertificateHolder holder, X509Certificate certificate) {
        if (!holder.getSubject().equals(holder.getIssuer())) {
            return false;
        }
        try {
            certificate.verify(certificate.getPublicKey());
            return true;
        } catch (Exception e) {
            return false;
        }
    }

    /** Key type, size and weakness. */
    record PublicKeyFacts(String type, int bits, boolean weak) {
    }

    static PublicKeyFacts publicKeyFacts(SubjectPublicKeyInfo info) {
        String oid = info.getAlgorithm().getAlgorithm().getId();
        AsymmetricKeyParameter key;
        try {
            key = PublicKeyFactory.createKey(info);
        } catch (Exception e) {
            return new PublicKeyFacts(keyTypeName(oid), 0, false);
        }
        if (key instanceof RSAKeyParameters) {
            int bits = ((RSAKeyParameters) key).getModulus().bitLength();
            return new PublicKeyFacts(keyTypeName(oid), bits, bits < 2048);
        }
        if (key instanceof ECPublicKeyParameters) {
            int bits = ((ECPublicKeyParameters) key).getParameters().getCurve().getFieldSize();
            return new PublicKeyFacts("EC", bits, bits < 224);
        }
        if (key instanceof DSAPublicKeyParameters) {
            DSAPublicKeyParameters dsa = (DSAPublicKeyParameters) key;
            int bits = dsa.getParameters() == null ? 0 : dsa.getParameters().getP().bitLength();
            return new PublicKeyFacts("DSA", bits, bits < 2048);
        }
        if (key instanceof Ed25519PublicKeyParameters) {
            return new PublicKeyFacts("Ed25519", 256, false);
        }
        if (key instanceof Ed448PublicKeyParameters) {
            return new PublicKeyFacts("Ed448", 456, false);
        }
        return new PublicKeyFacts(keyTypeName(oid), 0, false);
    }

    private static String keyTypeName(String oid) {
        if (oid.equals(PKCSObjectIdentifiers.rsaEncryption.getId())) {
            return "RSA";
        }
        if (oid.equals(PKCSObjectIdentifiers.id_RSASSA_PSS.getId())) {
            return "RSASSA-PSS";
        }
        if (oid.equals(X9ObjectIdentifiers.id_ecPublicKey.getId())) {
            return "EC";
        }
        if (oid.equals(X9ObjectIdentifiers.id_dsa.getId())) {
            return "DSA";
        }
        if (oid.equals("1.3.101.112")) {
            return "Ed25519";
        }
        if (oid.equals("1.3.101.113")) {
            return "Ed448";
        }
        return oid;
    }

    /** BouncyCastle's name of the signature algorithm (e.g. SHA256WITHRSA), RSASSA-PSS with its hash. */
    static String signatureAlgorithmName(AlgorithmIdentifier algorithm) {
        ASN1ObjectIdentifier oid = algorithm.getAlgorithm();
        if (oid.equals(PKCSObjectIdentifiers.id_RSASSA_PSS)) {
            String hash = pssHashName(algorithm);
            return hash + "WITHRSAANDMGF1";
        }
        String known = SIGNATURE_NAMES.get(oid.getId());
        if (known != null) {
            return known;
        }
        try {
            return new DefaultAlgorithmNameFinder().getAlgorithmName(algorithm);
        } catch (RuntimeException e) {
            return oid.getId();
        }
    }

    private static String pssHashName(AlgorithmIdentifier algorithm) {
        try {
            ASN1Encodable parameters = algorithm.getParameters();
            RSASSAPSSparams pss = parameters == null || parameters instanceof DERNull
                    ? new RSASSAPSSparams() : RSASSAPSSparams.getInstance(parameters);
            String name = new DefaultAlgorithmNameFinder().getAlgorithmName(pss.getHashAlgorithm().getAlgorithm());
            return name.replace("-", "");
        } catch (RuntimeException e) {
            return "UNKNOWN";
        }
    }

    /** Whether the signature uses SHA-1, MD5, MD4 or MD2. */
    static boolean weakSignature(AlgorithmIdentifier algorithm) {
        ASN1ObjectIdentifier oid = algorithm.getAlgorithm();
        if (WEAK_SIGNATURES.contains(oid)) {
            return true;
        }
        String name = signatureAlgorithmName(algorithm).toUpperCase(Locale.ROOT);
        return name.startsWith("SHA1") || name.startsWith("MD2") || name.startsWith("MD4") || name.startsWith("MD5")
                || name.endsWith("WITHSHA1");
    }

    private static List<String> keyUsage(X509CertificateHolder holder) {
        List<String> names = new ArrayList<>();
        try {
            KeyUsage usage = KeyUsage.fromExtensions(holder.getExtensions());
            if (usage == null) {
                return names;
            }
            for (int i = 0; i < KEY_USAGE_BITS.length; i++) {
                if (usage.hasUsages(KEY_USAGE_BITS[i])) {
                    names.add(KEY_USAGE_NAMES[i]);
                }
            }
        } catch (RuntimeException e) {
            names.add("unparseable");
        }
        return names;
    }

    /** The EKU OIDs, or {@code null} when the certificate has no EKU extension. */
    private static List<String> extendedKeyUsageOids(X509CertificateHolder holder) {
        try {
            ExtendedKeyUsage eku = ExtendedKeyUsage.fromExtensions(holder.getExtensions());
            if (eku == null) {
                return null;
            }
            List<String> oids = new ArrayList<>();
            for (KeyPurposeId purpose : eku.getUsages()) {
                oids.add(purpose.getId());
            }
            return oids;
        } catch (RuntimeException e) {
            return List.of("unparseable");
        }
    }

    private static String thumbprint(String algorithm, byte[] der) {
        try {
            return HexFormat.of().withUpperCase().formatHex(MessageDigest.getInstance(algorithm).digest(der));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(algorithm + " is required of every JVM", e);
        }
    }
}
