package dev.rdpprobe.tls;

import dev.rdpprobe.core.outcome.CertificateReport;
import dev.rdpprobe.core.outcome.SubjectAltName;
import java.math.BigInteger;
import java.net.InetAddress;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
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
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.operator.DefaultAlgorithmNameFinder;
import org.bouncycastle.operator.DefaultDigestAlgorithmIdentifierFinder;
import org.bouncycastle.operator.bc.BcECContentVerifierProviderBuilder;

/**
 * Reads one certificate into a {@link CertificateReport} with bcpkix, the way an administrator needs it, and
 * never throws: what parses is reported, and what does not is named in {@link CertificateReport#parseError()}
 * (a certificate of which nothing parses keeps its length and thumbprints). Reading costs parsing only, plus,
 * for a self-signed certificate whose key is within {@link TlsLimits}, one signature check: the key's type and
 * size come from its encoding ({@link PublicKeyShape}), never from a key object that BouncyCastle would validate.
 *
 * <p>Each field is derived from one BouncyCastle parse (the engine's own from the handshake when it has one, see
 * {@link HandshakeCertificates}); the JDK's parse of the same bytes gives the subject and issuer texts and is kept
 * for the trust check; a certificate the JDK cannot parse (an EC key
 * with explicit curve parameters, a malformed critical extension) is reported from BouncyCastle's parse, with
 * the JDK's reason as its parse error.
 */
final class CertificateReader {

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

    private CertificateReader() {
    }

    /**
     * One certificate as read.
     *
     * @param report the report
     * @param jdkCertificate the JDK's parse, or {@code null} when the JDK cannot parse it
     * @param keyOverLimit the key's excess over {@link TlsLimits}, or {@code null}
     */
    record Read(CertificateReport report, X509Certificate jdkCertificate, TlsLimits.KeyOverLimit keyOverLimit,
            TrustEvaluator.Names jdkNames) {

        Read(CertificateReport report, X509Certificate jdkCertificate, TlsLimits.KeyOverLimit keyOverLimit) {
            this(report, jdkCertificate, keyOverLimit, null);
        }
    }

    /**
     * Reads one certificate of a chain, from the engine's parses of it when there are (each field is then
     * derived from the one BouncyCastle parse, and the JDK's is not made again), from parses of its own otherwise.
     *
     * @param der its DER encoding, possibly {@code null}, empty or malformed
     * @param parsed the engine's parse (BouncyCastle's or the JDK's) of exactly these bytes, or {@code null}
     * @param now the probe time
     * @param targetHost the name to match, for the leaf; {@code null} for other certificates
     * @param leaf whether it is the server's own certificate
     */
    static Read read(byte[] der, HandshakeCertificates.Parsed parsed, Instant now, String targetHost, boolean leaf) {
        byte[] bytes = der == null ? new byte[0] : der;
        String sha1 = thumbprint(SHA1, bytes);
        String sha256 = thumbprint(SHA256, bytes);
        if (bytes.length == 0) {
            return new Read(CertificateReport.unparseable(sha1, sha256, 0, "the server sent an empty certificate"), null, null);
        }
        X509CertificateHolder holder;
        try {
            holder = parsed != null && parsed.certificate() != null ? new X509CertificateHolder(parsed.certificate())
                    : new X509CertificateHolder(bytes);
        } catch (Exception e) {
            return new Read(CertificateReport.unparseable(sha1, sha256, bytes.length, "not an X.509 certificate: " + reason(e)), null, null);
        }
        List<String> problems = new ArrayList<>();
        X509Certificate certificate = parsed != null ? parsed.jdkCertificate() : null;
        if (certificate == null) {
            try {
                certificate = (X509Certificate) TrustEvaluator.FACTORY.get().generateCertificate(new java.io.ByteArrayInputStream(bytes));
            } catch (Exception e) {
                problems.add("the JDK cannot parse it (" + reason(e) + ")");
            }
        }
        PublicKeyShape shape = parsed != null && parsed.shape() != null ? parsed.shape() : PublicKeyShape.of(holder.getSubjectPublicKeyInfo());
        TlsLimits.KeyOverLimit over = TlsLimits.check(shape);
        if (!shape.readable()) {
            problems.add(shape.type().matches("[0-9.]+") ? "its key algorithm " + shape.type() + " is unknown"
                    : "its " + shape.type() + " public key is malformed");
        } else if (shape.explicitCurve()) {
            problems.add("its EC key spells the curve out as explicit parameters, which RFC 5480 forbids in certificates");
        }
        org.bouncycastle.asn1.x509.Certificate structure = holder.toASN1Structure();
        Instant notBefore = instant(() -> CertificateTime.instant(structure.getStartDate()), "notBefore", problems);
        Instant notAfter = instant(() -> CertificateTime.instant(structure.getEndDate()), "notAfter", problems);
        List<SubjectAltName> sans = subjectAlternativeNames(holder, problems);
        List<String> ekuOids = extendedKeyUsageOids(holder, problems);
        boolean ekuKnown = ekuOids != null || holder.getExtension(Extension.extendedKeyUsage) == null;
        boolean selfIssuedEncoding = sameEncoding(holder.getSubject(), holder.getIssuer());
        // the JDK's names, read once: for the texts here and for the trust check (one object for a self-issued name)
        X500Principal subjectPrincipal = certificate != null ? certificate.getSubjectX500Principal() : null;
        X500Principal issuerPrincipal = certificate == null ? null
                : selfIssuedEncoding ? subjectPrincipal : certificate.getIssuerX500Principal();
        RfcName subject = certificate != null ? RfcName.of(subjectPrincipal) : RfcName.of(holder.getSubject());
        RfcName issuer = selfIssuedEncoding ? subject
                : certificate != null ? RfcName.of(issuerPrincipal) : RfcName.of(holder.getIssuer());
        CertificateReport report = new CertificateReport(
                Optional.ofNullable(subject.text("subject", problems)),
                Optional.ofNullable(issuer.text("issuer", problems)),
                sans == null ? List.of() : sans,
                Optional.of(serialHex(holder.getSerialNumber())),
                Optional.ofNullable(notBefore),
                Optional.ofNullable(notAfter),
                notAfter != null && now.isAfter(notAfter),
                notBefore != null && now.isBefore(notBefore),
                notAfter == null ? 0 : Math.floorDiv(Duration.between(now, notAfter).getSeconds(), 86_400L),
                over == null && selfSigned(holder, certificate, selfIssuedEncoding),
                leaf ? Optional.ofNullable(hostnameMatches(holder, targetHost, sans)) : Optional.empty(),
                Optional.ofNullable(shape.type()),
                shape.bits(),
                Optional.ofNullable(signatureAlgorithmName(holder.getSignatureAlgorithm())),
                weakSignature(holder.getSignatureAlgorithm()),
                weakKey(shape),
                keyUsage(holder, problems),
                ekuOids == null ? List.of() : ekuOids.stream().map(o -> EKU_NAMES.getOrDefault(o, o)).toList(),
                ekuKnown && (ekuOids == null || ekuOids.stream().anyMatch(SERVER_AUTH_EKUS::contains)),
                sha1,
                sha256,
                bytes.length,
                problems.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", problems)),
                over == null ? Optional.empty() : Optional.of(over.describe()));
        return new Read(report, certificate, over,
                certificate == null ? null : new TrustEvaluator.Names(subjectPrincipal, issuerPrincipal));
    }

    static String reason(Exception e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t && t.getMessage() == null) {
            t = t.getCause();
        }
        return t.getMessage() != null ? t.getMessage() : t.getClass().getSimpleName();
    }

    private static Instant instant(java.util.function.Supplier<Instant> read, String field, List<String> problems) {
        try {
            return read.get();
        } catch (RuntimeException e) {
            problems.add("its " + field + " date is malformed (" + reason(e) + ")");
            return null;
        }
    }

    /**
     * RFC 4514 text of a name, as the JDK writes it, or why the JDK cannot read it: from the JDK's parse of the
     * certificate when there is one (the same bytes, already parsed), else from BouncyCastle's.
     *
     * @param text the text, or {@code null}
     * @param reason why there is no text, or {@code null}
     */
    private record RfcName(String text, String reason) {

        static RfcName of(X500Principal name) {
            try {
                return new RfcName(name.getName(X500Principal.RFC2253), null);
            } catch (RuntimeException e) {
                return new RfcName(null, CertificateReader.reason(e));
            }
        }

        static RfcName of(X500Name name) {
            try {
                return new RfcName(new X500Principal(name.getEncoded()).getName(X500Principal.RFC2253), null);
            } catch (Exception e) {
                return new RfcName(null, CertificateReader.reason(e));
            }
        }

        /** The text; {@code null}, and a problem about the {@code field}, when there is none. */
        String text(String field, List<String> problems) {
            if (text == null) {
                problems.add("its " + field + " name is malformed (" + reason + ")");
            }
            return text;
        }
    }

    /** Whether two names have the same encoding (the issuer of a self-issued certificate), so that one text serves both. */
    private static boolean sameEncoding(X500Name a, X500Name b) {
        try {
            return a.toASN1Primitive().equals(b.toASN1Primitive());
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** The serial number in upper-case hexadecimal without leading zeros, as {@code toString(16)} writes it. */
    static String serialHex(BigInteger serial) {
        if (serial.signum() <= 0) {
            return serial.toString(16).toUpperCase(Locale.ROOT);
        }
        String hex = UPPER_HEX.formatHex(serial.toByteArray());
        int start = 0;
        while (start < hex.length() - 1 && hex.charAt(start) == '0') {
            start++;
        }
        return start == 0 ? hex : hex.substring(start);
    }

    /** Whether the key is weak: RSA or DSA below 2048 bits, EC below 224 (unknown sizes are not judged). */
    private static boolean weakKey(PublicKeyShape shape) {
        return switch (shape.type()) {
            case "RSA", "RSASSA-PSS", "DSA" -> shape.bits() > 0 && shape.bits() < 2048;
            case "EC" -> shape.bits() > 0 && shape.bits() < 224;
            default -> false;
        };
    }

    /**
     * The SANs, typed (written as "DNS:name", "IP:addr", "email:…", "URI:…", "DirName:…", "otherName:oid[=value]",
     * "RID:oid"); none
     * (and a problem) when the extension is malformed, {@code null} then too for the hostname match.
     */
    static List<SubjectAltName> subjectAlternativeNames(X509CertificateHolder holder, List<String> problems) {
        List<SubjectAltName> names = new ArrayList<>();
        try {
            Extension extension = holder.getExtension(Extension.subjectAlternativeName);
            if (extension == null) {
                return names;
            }
            for (GeneralName name : GeneralNames.getInstance(extension.getParsedValue()).getNames()) {
                names.add(generalName(name));
            }
            return names;
        } catch (RuntimeException e) {
            problems.add(MALFORMED_SAN + " (" + reason(e) + ")");
            return null;
        }
    }

    private static final String MALFORMED_SAN = "its subjectAlternativeName extension is malformed";

    private static SubjectAltName generalName(GeneralName name) {
        ASN1Encodable value = name.getName();
        switch (name.getTagNo()) {
            case GeneralName.dNSName:
                return SubjectAltName.dns(((ASN1String) value).getString());
            case GeneralName.iPAddress: {
                byte[] octets = ASN1OctetString.getInstance(value).getOctets();
                try {
                    return SubjectAltName.ip(InetAddress.getByAddress(octets).getHostAddress());
                } catch (java.net.UnknownHostException e) {
                    return SubjectAltName.ip(HexFormat.of().formatHex(octets));
                }
            }
            case GeneralName.rfc822Name:
                return new SubjectAltName(SubjectAltName.Type.EMAIL, ((ASN1String) value).getString());
            case GeneralName.uniformResourceIdentifier:
                return new SubjectAltName(SubjectAltName.Type.URI, ((ASN1String) value).getString());
            case GeneralName.directoryName:
                return new SubjectAltName(SubjectAltName.Type.DIRECTORY_NAME, X500Name.getInstance(value).toString());
            case GeneralName.registeredID:
                return new SubjectAltName(SubjectAltName.Type.REGISTERED_ID, ASN1ObjectIdentifier.getInstance(value).getId());
            case GeneralName.otherName: {
                OtherName other = OtherName.getInstance(value);
                ASN1Encodable inner = other.getValue();
                String text = inner instanceof ASN1String ? "=" + ((ASN1String) inner).getString() : "";
                return new SubjectAltName(SubjectAltName.Type.OTHER_NAME, other.getTypeID().getId() + text);
            }
            default:
                return new SubjectAltName(SubjectAltName.Type.OTHER, name.getTagNo() + ":" + value);
        }
    }

    /**
     * Whether {@code targetHost} matches a DNS/IP SAN, or the CN when the certificate has no SAN at all;
     * {@code null} when the SANs could not be read ({@code sans == null}).
     */
    static Boolean hostnameMatches(X509CertificateHolder holder, String targetHost, List<SubjectAltName> sans) {
        if (sans == null) {
            return null;
        }
        if (targetHost == null || targetHost.isBlank()) {
            return false;
        }
        InetAddress targetIp = HostNames.ipAddress(targetHost);
        if (!sans.isEmpty()) {
            for (SubjectAltName san : sans) {
                if (targetIp == null && san.type() == SubjectAltName.Type.DNS && HostNames.dnsNameMatches(san.value(), targetHost)) {
                    return true;
                }
                if (targetIp != null && san.type() == SubjectAltName.Type.IP && targetIp.equals(HostNames.ipAddress(san.value()))) {
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

    /**
     * Whether the certificate names itself as issuer and its signature verifies with its own key: checked by
     * the JDK, or by BouncyCastle for an EC key the JDK cannot parse (the caller has checked the key's size).
     * Names with the same encoding are the same name (the comparison X500Name.equals makes first), so
     * {@code sameEncoding} spares comparing them again.
     */
    private static boolean selfSigned(X509CertificateHolder holder, X509Certificate certificate, boolean sameEncoding) {
        if (!sameEncoding && !holder.getSubject().equals(holder.getIssuer())) {
            return false;
        }
        try {
            if (certificate != null) {
                certificate.verify(certificate.getPublicKey());
                return true;
            }
            if (X9ObjectIdentifiers.id_ecPublicKey.equals(holder.getSubjectPublicKeyInfo().getAlgorithm().getAlgorithm())) {
                return holder.isSignatureValid(new BcECContentVerifierProviderBuilder(new DefaultDigestAlgorithmIdentifierFinder())
                        .build(holder));
            }
            return false;
        } catch (Exception e) {
            return false;
        }
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

    private static List<String> keyUsage(X509CertificateHolder holder, List<String> problems) {
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
            return names;
        } catch (RuntimeException e) {
            problems.add("its keyUsage extension is malformed (" + reason(e) + ")");
            return List.of();
        }
    }

    /** The EKU OIDs; {@code null} when the certificate has no EKU extension, or (with a problem) when it is malformed. */
    private static List<String> extendedKeyUsageOids(X509CertificateHolder holder, List<String> problems) {
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
            problems.add("its extendedKeyUsage extension is malformed (" + reason(e) + ")");
            return null;
        }
    }

    private static final HexFormat UPPER_HEX = HexFormat.of().withUpperCase();

    /** One digest of each algorithm per thread: looking one up in the providers at each certificate costs more than the digest. */
    private static final ThreadLocal<MessageDigest> SHA1 = ThreadLocal.withInitial(() -> digest("SHA-1"));
    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(() -> digest("SHA-256"));

    private static String thumbprint(ThreadLocal<MessageDigest> digest, byte[] der) {
        return UPPER_HEX.formatHex(digest.get().digest(der)); // digest() resets it for the next use
    }

    private static MessageDigest digest(String algorithm) {
        try {
            return MessageDigest.getInstance(algorithm);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(algorithm + " is required of every JVM", e);
        }
    }
}
