package dev.rdpprobe.testkit.tls;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.RSAPublicKey;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.ECNamedCurveTable;
import org.bouncycastle.asn1.x9.X962Parameters;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Mints certificates with bcpkix at test time, using only the JDK's own JCA providers (no provider is
 * registered). The RSA key pairs are generated once per JVM and reused, since RSA-2048 generation is slow.
 *
 * <pre>{@code
 * TestCertificate ok      = TestCertificates.localhost();
 * TestCertificate expired = TestCertificates.builder().expired().build();
 * TestCertificate byCa    = TestCertificates.builder().signedBy(TestCertificates.testCa()).build();
 * TestCertificate weak    = TestCertificates.builder().rsa(1024).signatureAlgorithm("SHA1withRSA").build();
 * }</pre>
 */
public final class TestCertificates {

    /** The Remote Desktop Authentication EKU (RDP certificate templates). */
    public static final String REMOTE_DESKTOP_AUTHENTICATION = "1.3.6.1.4.1.311.54.1.2";
    /** Server Authentication EKU. */
    public static final String SERVER_AUTH = KeyPurposeId.id_kp_serverAuth.getId();
    /** Client Authentication EKU. */
    public static final String CLIENT_AUTH = KeyPurposeId.id_kp_clientAuth.getId();

    private static final SecureRandom RANDOM = new SecureRandom();

    private TestCertificates() {
    }

    /** A builder whose defaults give {@link #localhost()}. */
    public static Builder builder() {
        return new Builder();
    }

    /** Valid now for "localhost": CN=localhost, SAN DNS:localhost and IP:127.0.0.1, RSA-2048, SHA256withRSA, serverAuth, self-signed. */
    public static TestCertificate localhost() {
        return builder().build();
    }

    /** Like {@link #localhost()}, but expired 30 days ago. */
    public static TestCertificate expired() {
        return builder().expired().build();
    }

    /** Like {@link #localhost()}, but valid only from 30 days from now. */
    public static TestCertificate notYetValid() {
        return builder().notYetValid().build();
    }

    /** For another host: CN=rdp.example.test with SAN DNS:rdp.example.test only. */
    public static TestCertificate wrongHost() {
        return builder().commonName("rdp.example.test").dnsNames("rdp.example.test").ipAddresses().build();
    }

    /** The test CA (CN=rdp-probe Test CA), minted once per JVM. */
    public static TestCertificate testCa() {
        return TestCa.CA;
    }

    /** Like {@link #localhost()}, signed by {@link #testCa()}; the chain is leaf then CA. */
    public static TestCertificate signedByTestCa() {
        return builder().signedBy(testCa()).build();
    }

    /** Like {@link #localhost()}, with an RSA-1024 key. */
    public static TestCertificate weakRsa1024() {
        return builder().rsa(1024).build();
    }

    /** Like {@link #localhost()}, signed with SHA1withRSA. */
    public static TestCertificate sha1Signature() {
        return builder().signatureAlgorithm("SHA1withRSA").build();
    }

    /** Like {@link #localhost()}, with an EC P-256 key and SHA256withECDSA. */
    public static TestCertificate ecP256() {
        return builder().ecP256().build();
    }

    /** Like {@link #localhost()}, with the clientAuth EKU only (no server authentication). */
    public static TestCertificate clientAuthOnly() {
        return builder().extendedKeyUsages(CLIENT_AUTH).build();
    }

    /** Like {@link #localhost()}, with the Remote Desktop Authentication EKU only. */
    public static TestCertificate remoteDesktopAuthentication() {
        return builder().extendedKeyUsages(REMOTE_DESKTOP_AUTHENTICATION).build();
    }

    /**
     * Like {@link #localhost()} but signed by {@link #testCa()}, certifying an RSA public key with a
     * {@code bits}-bit modulus that no private key matches: a random odd number without small prime factors,
     * minted in milliseconds even for 16384 bits (generating a real key of that size takes minutes). The server
     * still signs its handshake with an RSA-2048 key, so a client that does the arithmetic with the
     * certified key fails the handshake; one that refuses the key size does so before any arithmetic.
     */
    public static TestCertificate unmatchedRsaKey(int bits) {
        return builder().signedBy(testCa()).certifiedKey(rsaPublicKeyWithoutPrivateKey(bits)).build();
    }

    /**
     * A valid {@link #localhost()}-like leaf whose issuer, an intermediate CA ("rdp-probe Oversize Intermediate")
     * under {@link #testCa()}, certifies an RSA key of {@code bits} bits that no private key matches
     * ({@link #rsaPublicKeyWithoutPrivateKey}); the intermediate signs the leaf with a key of its own, so the
     * leaf's signature verifies against no key in the chain. A fresh modulus every call.
     */
    public static TestCertificate underUnmatchedRsaIntermediate(int bits) {
        TestCertificate intermediate = builder()
                .commonName("rdp-probe Oversize Intermediate")
                .noSubjectAlternativeNames()
                .certificateAuthority()
                .certifiedKey(rsaPublicKeyWithoutPrivateKey(bits))
                .signedBy(testCa())
                .build();
        return builder().signedBy(intermediate).build();
    }

    /**
     * Like {@link #localhost()}, self-signed with an EC P-256 key whose certificate spells the curve out
     * as explicit parameters instead of naming it (RFC 5480 forbids that in certificates; the JDK cannot
     * parse such a certificate, BouncyCastle can). The key pair is a normal P-256 one, so a handshake with it
     * verifies.
     */
    public static TestCertificate ecExplicitParameters() {
        KeyPair pair = generateEcP256();
        SubjectPublicKeyInfo named = SubjectPublicKeyInfo.getInstance(pair.getPublic().getEncoded());
        X9ECParameters p256 = ECNamedCurveTable.getByOID(SECObjectIdentifiers.secp256r1);
        SubjectPublicKeyInfo explicit = new SubjectPublicKeyInfo(
                new AlgorithmIdentifier(X9ObjectIdentifiers.id_ecPublicKey, new X962Parameters(p256)),
                named.getPublicKeyData().getBytes());
        return builder().keyPair(pair).certifiedKey(explicit).build();
    }

    /**
     * The SubjectPublicKeyInfo of an RSA public key (exponent 65537) whose modulus is a random odd {@code bits}-bit
     * number with no prime factor up to 743, as BouncyCastle's RSA key check requires; no private key exists for it.
     */
    public static SubjectPublicKeyInfo rsaPublicKeyWithoutPrivateKey(int bits) {
        if (bits < 512) {
            throw new IllegalArgumentException("use at least 512 bits");
        }
        BigInteger modulus;
        do {
            modulus = new BigInteger(bits, RANDOM).setBit(bits - 1).setBit(0);
        } while (!modulus.gcd(SMALL_PRIMES_PRODUCT).equals(BigInteger.ONE));
        try {
            return new SubjectPublicKeyInfo(new AlgorithmIdentifier(PKCSObjectIdentifiers.rsaEncryption, org.bouncycastle.asn1.DERNull.INSTANCE),
                    new RSAPublicKey(modulus, BigInteger.valueOf(65537)));
        } catch (java.io.IOException e) {
            throw new IllegalStateException("cannot encode an RSA public key", e);
        }
    }

    /** The product of the odd primes from 3 to 743. */
    private static final BigInteger SMALL_PRIMES_PRODUCT = smallPrimesProduct();

    private static BigInteger smallPrimesProduct() {
        BigInteger product = BigInteger.ONE;
        for (int n = 3; n <= 743; n += 2) {
            if (BigInteger.valueOf(n).isProbablePrime(30)) {
                product = product.multiply(BigInteger.valueOf(n));
            }
        }
        return product;
    }

    /** BouncyCastle's JCA provider, used (never registered) to represent certificates the JDK cannot parse. */
    private static final BouncyCastleProvider BC = new BouncyCastleProvider();

    /** Cached key pairs: RSA generation is slow. */
    private static final class Keys {
        static final KeyPair RSA_2048 = generateRsa(2048);
    }

    private static final class WeakKeys {
        static final KeyPair RSA_1024 = generateRsa(1024);
    }

    private static final class LargeKeys {
        static final KeyPair RSA_4096 = generateRsa(4096);
    }

    private static final class CaKeys {
        static final KeyPair RSA_2048 = generateRsa(2048);
    }

    private static final class TestCa {
        static final TestCertificate CA = builder()
                .commonName("rdp-probe Test CA")
                .dnsNames()
                .ipAddresses()
                .keyPair(CaKeys.RSA_2048)
                .certificateAuthority()
                .validity(Instant.now().minus(Duration.ofDays(1)), Instant.now().plus(Duration.ofDays(3650)))
                .build();
    }

    private static KeyPair generateRsa(int bits) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(bits, RANDOM);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK cannot generate RSA keys", e);
        }
    }

    private static KeyPair generateEcP256() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK cannot generate EC P-256 keys", e);
        }
    }

    /** A readable builder; every setting has a sensible default (see {@link TestCertificates#localhost()}). */
    public static final class Builder {
        private Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        private Instant notBefore;
        private Instant notAfter;
        private String commonName = "localhost";
        private String organization = "rdp-probe testkit";
        private List<String> dnsNames = List.of("localhost");
        private List<String> ipAddresses = List.of("127.0.0.1");
        private KeyPair keyPair;
        private int rsaBits = 2048;
        private boolean ec;
        private String signatureAlgorithm;
        private TestCertificate issuer;
        private List<String> extendedKeyUsages = List.of(SERVER_AUTH);
        private Integer keyUsage;
        private boolean certificateAuthority;
        private BigInteger serial;
        private SubjectPublicKeyInfo certifiedKey;
        private final List<Extension> rawExtensions = new ArrayList<>();

        private Builder() {
        }

        /** The instant validity is measured from (default: now, whole seconds). */
        public Builder now(Instant now) {
            this.now = Objects.requireNonNull(now, "now").truncatedTo(ChronoUnit.SECONDS);
            return this;
        }

        /** Explicit validity (default: from one day before now to 365 days after). */
        public Builder validity(Instant notBefore, Instant notAfter) {
            this.notBefore = notBefore.truncatedTo(ChronoUnit.SECONDS);
            this.notAfter = notAfter.truncatedTo(ChronoUnit.SECONDS);
            return this;
        }

        /** Valid from 365 days before now until 30 days before now. */
        public Builder expired() {
            return validity(now.minus(Duration.ofDays(365)), now.minus(Duration.ofDays(30)));
        }

        /** Valid from 30 days after now until 395 days after now. */
        public Builder notYetValid() {
            return validity(now.plus(Duration.ofDays(30)), now.plus(Duration.ofDays(395)));
        }

        /** The subject's CN (default localhost); the subject is O=rdp-probe testkit, CN=… */
        public Builder commonName(String commonName) {
            this.commonName = Objects.requireNonNull(commonName, "commonName");
            return this;
        }

        /** DNS SANs (default: localhost); none with no arguments. */
        public Builder dnsNames(String... names) {
            this.dnsNames = List.of(names);
            return this;
        }

        /** IP SANs (default: 127.0.0.1); none with no arguments. */
        public Builder ipAddresses(String... addresses) {
            this.ipAddresses = List.of(addresses);
            return this;
        }

        /** No subject alternative name at all (host names then match the CN). */
        public Builder noSubjectAlternativeNames() {
            return dnsNames().ipAddresses();
        }

        /** An RSA key of {@code bits}; 2048 (the default), 1024 and 4096 are generated once per JVM and reused. */
        public Builder rsa(int bits) {
            this.ec = false;
            this.rsaBits = bits;
            this.keyPair = null;
            return this;
        }

        /** A fresh EC P-256 key, signed with SHA256withECDSA when self-signed. */
        public Builder ecP256() {
            this.ec = true;
            this.keyPair = null;
            return this;
        }

        /** Use this key pair. */
        public Builder keyPair(KeyPair keyPair) {
            this.keyPair = Objects.requireNonNull(keyPair, "keyPair");
            return this;
        }

        /** The JCA signature algorithm name, e.g. SHA1withRSA (default: SHA256withRSA or SHA256withECDSA by the signer's key). */
        public Builder signatureAlgorithm(String jcaName) {
            this.signatureAlgorithm = Objects.requireNonNull(jcaName, "jcaName");
            return this;
        }

        /** Signed by {@code issuer}'s key (a CA from this class); the chain becomes leaf then issuer's chain. */
        public Builder signedBy(TestCertificate issuer) {
            this.issuer = Objects.requireNonNull(issuer, "issuer");
            return this;
        }

        /** Signed by its own key (the default). */
        public Builder selfSigned() {
            this.issuer = null;
            return this;
        }

        /** The EKU OIDs (default: serverAuth); no EKU extension at all with no arguments. */
        public Builder extendedKeyUsages(String... oids) {
            this.extendedKeyUsages = List.of(oids);
            return this;
        }

        /** Key usage bits as in {@link KeyUsage} (default: digitalSignature|keyEncipherment, digitalSignature for EC). */
        public Builder keyUsage(int bits) {
            this.keyUsage = bits;
            return this;
        }

        /** A CA: basicConstraints cA=true, keyCertSign|cRLSign, no EKU. */
        public Builder certificateAuthority() {
            this.certificateAuthority = true;
            this.extendedKeyUsages = List.of();
            this.keyUsage = KeyUsage.keyCertSign | KeyUsage.cRLSign | KeyUsage.digitalSignature;
            return this;
        }

        /** The serial number (default: random 63-bit). */
        public Builder serial(BigInteger serial) {
            this.serial = Objects.requireNonNull(serial, "serial");
            return this;
        }

        /**
         * Certify this encoded public key instead of the key pair's public key (the private key, which signs the
         * handshake, then need not match it): for keys the JDK cannot represent, or that have no private key.
         */
        public Builder certifiedKey(SubjectPublicKeyInfo publicKey) {
            this.certifiedKey = Objects.requireNonNull(publicKey, "publicKey");
            return this;
        }

        /**
         * Adds an extension with these raw value bytes, as they are (for malformed extensions); use an OID the
         * builder does not set itself (not basicConstraints, keyUsage, extendedKeyUsage, subjectKeyIdentifier or
         * authorityKeyIdentifier, and subjectAlternativeName only with {@link #noSubjectAlternativeNames()}).
         */
        public Builder rawExtension(String oid, boolean critical, byte[] value) {
            rawExtensions.add(new Extension(new ASN1ObjectIdentifier(oid), critical, new DEROctetString(value)));
            return this;
        }

        /** Mints the certificate. */
        public TestCertificate build() {
            KeyPair pair = keyPair != null ? keyPair
                    : ec ? generateEcP256()
                    : rsaBits == 2048 ? Keys.RSA_2048
                    : rsaBits == 1024 ? WeakKeys.RSA_1024
                    : rsaBits == 4096 ? LargeKeys.RSA_4096
                    : generateRsa(rsaBits);
            SubjectPublicKeyInfo publicKey = certifiedKey != null ? certifiedKey
                    : SubjectPublicKeyInfo.getInstance(pair.getPublic().getEncoded());
            Instant from = notBefore != null ? notBefore : now.minus(Duration.ofDays(1));
            Instant until = notAfter != null ? notAfter : now.plus(Duration.ofDays(365));
            X500Name subject = new X500NameBuilder(BCStyle.INSTANCE)
                    .addRDN(BCStyle.O, organization)
                    .addRDN(BCStyle.CN, commonName)
                    .build();
            X500Name issuerName = issuer == null ? subject
                    : X500Name.getInstance(issuer.certificate().getSubjectX500Principal().getEncoded());
            java.security.PrivateKey signingKey = issuer == null ? pair.getPrivate() : issuer.privateKey();
            String algorithm = signatureAlgorithm != null ? signatureAlgorithm
                    : signingKey.getAlgorithm().equals("EC") ? "SHA256withECDSA" : "SHA256withRSA";
            try {
                JcaX509ExtensionUtils extensionUtils = new JcaX509ExtensionUtils();
                X509v3CertificateBuilder builder = new X509v3CertificateBuilder(
                        issuerName,
                        serial != null ? serial : new BigInteger(63, RANDOM).add(BigInteger.ONE),
                        Date.from(from),
                        Date.from(until),
                        subject,
                        publicKey);
                builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(certificateAuthority));
                boolean ecKey = X9ObjectIdentifiers.id_ecPublicKey.equals(publicKey.getAlgorithm().getAlgorithm());
                int usage = keyUsage != null ? keyUsage
                        : ecKey ? KeyUsage.digitalSignature : KeyUsage.digitalSignature | KeyUsage.keyEncipherment;
                builder.addExtension(Extension.keyUsage, true, new KeyUsage(usage));
                if (!extendedKeyUsages.isEmpty()) {
                    KeyPurposeId[] purposes = extendedKeyUsages.stream()
                            .map(oid -> KeyPurposeId.getInstance(new ASN1ObjectIdentifier(oid)))
                            .toArray(KeyPurposeId[]::new);
                    builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(purposes));
                }
                List<GeneralName> names = new ArrayList<>();
                dnsNames.forEach(n -> names.add(new GeneralName(GeneralName.dNSName, n)));
                ipAddresses.forEach(a -> names.add(new GeneralName(GeneralName.iPAddress, a)));
                if (!names.isEmpty()) {
                    builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(names.toArray(GeneralName[]::new)));
                }
                builder.addExtension(Extension.subjectKeyIdentifier, false, extensionUtils.createSubjectKeyIdentifier(publicKey));
                builder.addExtension(Extension.authorityKeyIdentifier, false, extensionUtils.createAuthorityKeyIdentifier(
                        issuer == null ? publicKey : SubjectPublicKeyInfo.getInstance(issuer.certificate().getPublicKey().getEncoded())));
                for (Extension extension : rawExtensions) {
                    builder.addExtension(extension);
                }
                ContentSigner signer = new JcaContentSignerBuilder(algorithm).build(signingKey);
                X509CertificateHolder holder = builder.build(signer);
                X509Certificate certificate = toX509(holder);
                List<X509Certificate> chain = new ArrayList<>();
                List<byte[]> chainDer = new ArrayList<>();
                chain.add(certificate);
                chainDer.add(holder.getEncoded());
                if (issuer != null) {
                    chain.addAll(issuer.chain());
                    chainDer.addAll(issuer.chainDer());
                }
                return new TestCertificate(pair.getPrivate(), chain, chainDer);
            } catch (Exception e) {
                throw new IllegalStateException("cannot mint the test certificate: " + e.getMessage(), e);
            }
        }

        /** The JDK's representation, or BouncyCastle's for a certificate the JDK cannot parse. */
        private static X509Certificate toX509(X509CertificateHolder holder) throws java.security.cert.CertificateException {
            try {
                return new JcaX509CertificateConverter().getCertificate(holder);
            } catch (java.security.cert.CertificateException e) {
                return new JcaX509CertificateConverter().setProvider(BC).getCertificate(holder);
            }
        }
    }
}
