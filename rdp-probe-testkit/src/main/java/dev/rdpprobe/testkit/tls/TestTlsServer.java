package dev.rdpprobe.testkit.tls;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Hashtable;
import java.util.List;
import java.util.Vector;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.params.RSAKeyParameters;
import org.bouncycastle.crypto.util.PrivateKeyFactory;
import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.Certificate;
import org.bouncycastle.tls.CertificateEntry;
import org.bouncycastle.tls.CipherSuite;
import org.bouncycastle.tls.DefaultTlsServer;
import org.bouncycastle.tls.HashAlgorithm;
import org.bouncycastle.tls.KeyExchangeAlgorithm;
import org.bouncycastle.tls.NameType;
import org.bouncycastle.tls.ProtocolVersion;
import org.bouncycastle.tls.SignatureAlgorithm;
import org.bouncycastle.tls.ServerName;
import org.bouncycastle.tls.SignatureAndHashAlgorithm;
import org.bouncycastle.tls.TlsCredentials;
import org.bouncycastle.tls.TlsExtensionsUtils;
import org.bouncycastle.tls.TlsFatalAlert;
import org.bouncycastle.tls.TlsUtils;
import org.bouncycastle.tls.crypto.TlsCertificate;
import org.bouncycastle.tls.crypto.TlsCryptoParameters;
import org.bouncycastle.tls.crypto.impl.bc.BcDefaultTlsCredentialedDecryptor;
import org.bouncycastle.tls.crypto.impl.bc.BcDefaultTlsCredentialedSigner;
import org.bouncycastle.tls.crypto.impl.bc.BcTlsCrypto;

/** The BouncyCastle TlsServer of the test server: one certificate, a chosen set of versions. */
final class TestTlsServer extends DefaultTlsServer {

    private static final int[] RSA_SUITES = {
        CipherSuite.TLS_AES_128_GCM_SHA256,
        CipherSuite.TLS_AES_256_GCM_SHA384,
        CipherSuite.TLS_CHACHA20_POLY1305_SHA256,
        CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256,
        CipherSuite.TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384,
        CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256,
        CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA,
        CipherSuite.TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA,
        CipherSuite.TLS_RSA_WITH_AES_128_GCM_SHA256,
        CipherSuite.TLS_RSA_WITH_AES_128_CBC_SHA256,
        CipherSuite.TLS_RSA_WITH_AES_128_CBC_SHA,
        CipherSuite.TLS_RSA_WITH_AES_256_CBC_SHA,
    };

    private static final int[] EC_SUITES = {
        CipherSuite.TLS_AES_128_GCM_SHA256,
        CipherSuite.TLS_AES_256_GCM_SHA384,
        CipherSuite.TLS_CHACHA20_POLY1305_SHA256,
        CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256,
        CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384,
        CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256,
        CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA,
        CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA,
    };

    private final TestCertificate certificate;
    private final ProtocolVersion[] versions;
    private final AsymmetricKeyParameter privateKey;
    private final boolean rsa;

    private final Consumer<ClientHelloSeen> helloListener;
    private boolean handshakeComplete;
    private boolean helloReported;

    TestTlsServer(BcTlsCrypto crypto, TestCertificate certificate, ProtocolVersion[] versions, Consumer<ClientHelloSeen> helloListener) {
        super(crypto);
        this.certificate = certificate;
        this.helloListener = helloListener;
        this.versions = versions.clone();
        try {
            this.privateKey = PrivateKeyFactory.createKey(certificate.privateKey().getEncoded());
        } catch (IOException e) {
            throw new IllegalArgumentException("the test certificate's private key cannot be used: " + e.getMessage(), e);
        }
        if (privateKey instanceof RSAKeyParameters) {
            rsa = true;
        } else if (privateKey instanceof ECPrivateKeyParameters) {
            rsa = false;
        } else {
            throw new IllegalArgumentException("the test server supports RSA and EC keys, not " + certificate.privateKey().getAlgorithm());
        }
    }

    /**
     * Reports the ClientHello when BouncyCastle hands over its extensions, or, for a hello refused on
     * its versions before that, when choosing the version fails.
     */
    @Override
    @SuppressWarnings("rawtypes")
    public void processClientExtensions(Hashtable clientExtensions) throws IOException {
        reportHello(serverName(clientExtensions));
        super.processClientExtensions(clientExtensions);
    }

    @Override
    public ProtocolVersion getServerVersion() throws IOException {
        try {
            return super.getServerVersion();
        } catch (IOException | RuntimeException e) {
            reportHello(null);
            throw e;
        }
    }

    private void reportHello(String serverName) {
        if (helloReported) {
            return;
        }
        helloReported = true;
        ProtocolVersion[] offered = context.getClientSupportedVersions();
        if (offered == null) {
            offered = new ProtocolVersion[] {context.getClientVersion()};
        }
        List<String> versions = Arrays.stream(offered)
                .filter(v -> v != null && v.isTLS() && !v.isLaterVersionOf(ProtocolVersion.TLSv13)
                        && ProtocolVersion.TLSv10.isEqualOrEarlierVersionOf(v))
                .sorted((a, b) -> Integer.compare(a.getFullVersion(), b.getFullVersion()))
                .map(BcTlsServerHandler::versionName)
                .distinct()
                .collect(Collectors.toList());
        helloListener.accept(new ClientHelloSeen(serverName, versions, CipherSuiteNames.of(offeredCipherSuites)));
    }

    private static String serverName(Hashtable<?, ?> clientExtensions) throws IOException {
        Vector<?> names = clientExtensions == null ? null : TlsExtensionsUtils.getServerNameExtensionClient(clientExtensions);
        if (names != null) {
            for (Object name : names) {
                ServerName sn = (ServerName) name;
                if (sn.getNameType() == NameType.host_name) {
                    return new String(sn.getNameData(), StandardCharsets.US_ASCII);
                }
            }
        }
        return null;
    }

    @Override
    protected ProtocolVersion[] getSupportedVersions() {
        return versions.clone();
    }

    @Override
    protected int[] getSupportedCipherSuites() {
        return TlsUtils.getSupportedCipherSuites(getCrypto(), rsa ? RSA_SUITES : EC_SUITES);
    }

    @Override
    public TlsCredentials getCredentials() throws IOException {
        if (TlsUtils.isTLSv13(context)) {
            return signer();
        }
        int keyExchange = context.getSecurityParametersHandshake().getKeyExchangeAlgorithm();
        if (keyExchange == KeyExchangeAlgorithm.RSA) {
            return new BcDefaultTlsCredentialedDecryptor((BcTlsCrypto) getCrypto(), chain(), privateKey);
        }
        return signer();
    }

    @Override
    public void notifyHandshakeComplete() throws IOException {
        super.notifyHandshakeComplete();
        handshakeComplete = true;
    }

    boolean handshakeComplete() {
        return handshakeComplete;
    }

    ProtocolVersion negotiatedVersion() {
        return context.getSecurityParametersConnection().getNegotiatedVersion();
    }

    int negotiatedCipherSuite() {
        return context.getSecurityParametersConnection().getCipherSuite();
    }

    private TlsCredentials signer() throws IOException {
        return new BcDefaultTlsCredentialedSigner(
                new TlsCryptoParameters(context), (BcTlsCrypto) getCrypto(), privateKey, chain(), signatureAlgorithm());
    }

    private SignatureAndHashAlgorithm signatureAlgorithm() throws IOException {
        ProtocolVersion version = context.getServerVersion();
        if (!TlsUtils.isSignatureAlgorithmsExtensionAllowed(version)) {
            return null;
        }
        boolean tls13 = TlsUtils.isTLSv13(version);
        @SuppressWarnings("unchecked")
        Vector<SignatureAndHashAlgorithm> offered = context.getSecurityParametersHandshake().getClientSigAlgs();
        if (offered == null) {
            return rsa ? (tls13 ? SignatureAndHashAlgorithm.rsa_pss_rsae_sha256
                    : new SignatureAndHashAlgorithm(HashAlgorithm.sha1, SignatureAlgorithm.rsa))
                    : new SignatureAndHashAlgorithm(tls13 ? HashAlgorithm.sha256 : HashAlgorithm.sha1, SignatureAlgorithm.ecdsa);
        }
        for (SignatureAndHashAlgorithm algorithm : offered) {
            short signature = algorithm.getSignature();
            if (rsa && (signature == SignatureAlgorithm.rsa_pss_rsae_sha256 || signature == SignatureAlgorithm.rsa_pss_rsae_sha384
                    || signature == SignatureAlgorithm.rsa_pss_rsae_sha512 || !tls13 && signature == SignatureAlgorithm.rsa)) {
                return algorithm;
            }
            if (!rsa && signature == SignatureAlgorithm.ecdsa && (!tls13 || algorithm.getHash() == HashAlgorithm.sha256)) {
                return algorithm;
            }
        }
        throw new TlsFatalAlert(AlertDescription.handshake_failure, "no signature algorithm in common with the client");
    }

    private Certificate chain() throws IOException {
        List<byte[]> der = certificate.chainDer();
        if (TlsUtils.isTLSv13(context)) {
            CertificateEntry[] entries = new CertificateEntry[der.size()];
            for (int i = 0; i < entries.length; i++) {
                entries[i] = new CertificateEntry(getCrypto().createCertificate(der.get(i)), null);
            }
            return new Certificate(TlsUtils.EMPTY_BYTES, entries);
        }
        TlsCertificate[] certificates = new TlsCertificate[der.size()];
        for (int i = 0; i < certificates.length; i++) {
            certificates[i] = getCrypto().createCertificate(der.get(i));
        }
        return new Certificate(certificates);
    }
}
