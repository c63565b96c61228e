package dev.rdpprobe.testkit.tls;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMException;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;

/**
 * A {@link TestCertificate} from PEM files, as {@code openssl req -x509 -nodes} writes them: the
 * fake server then presents a certificate you made (one a CA of yours signed, a real host's, one
 * with odd extensions). The chain file holds the leaf first, then any intermediates; the key file
 * an unencrypted RSA or EC key ({@code PRIVATE KEY}, {@code RSA PRIVATE KEY} or {@code EC PRIVATE KEY}).
 */
public final class PemCertificates {

    private static final BouncyCastleProvider BC = new BouncyCastleProvider();

    private PemCertificates() {
    }

    /**
     * Reads the chain and the key.
     *
     * @throws IOException if a file cannot be read
     * @throws IllegalArgumentException if a file holds no certificate, no key, an encrypted key, or
     *     PEM that does not parse; the message names the file
     */
    public static TestCertificate read(Path chainFile, Path keyFile) throws IOException {
        List<X509Certificate> chain = new ArrayList<>();
        List<byte[]> chainDer = new ArrayList<>();
        try (Reader r = Files.newBufferedReader(chainFile, StandardCharsets.US_ASCII); PEMParser pem = new PEMParser(r)) {
            Object o;
            while ((o = pem.readObject()) != null) {
                if (o instanceof X509CertificateHolder holder) {
                    chain.add(new JcaX509CertificateConverter().setProvider(BC).getCertificate(holder));
                    chainDer.add(holder.getEncoded());
                }
            }
        } catch (PEMException | CertificateException | IllegalArgumentException e) {
            throw new IllegalArgumentException(chainFile + ": not a PEM certificate chain: " + e.getMessage(), e);
        }
        if (chain.isEmpty()) {
            throw new IllegalArgumentException(chainFile + ": no CERTIFICATE block in it");
        }
        return new TestCertificate(privateKey(keyFile), chain, chainDer);
    }

    private static PrivateKey privateKey(Path keyFile) throws IOException {
        List<Object> blocks = new ArrayList<>();
        try (Reader r = Files.newBufferedReader(keyFile, StandardCharsets.US_ASCII); PEMParser pem = new PEMParser(r)) {
            Object o;
            while ((o = pem.readObject()) != null) {
                blocks.add(o);
            }
        } catch (PEMException | IllegalArgumentException e) {
            throw new IllegalArgumentException(keyFile + ": not a PEM private key: " + e.getMessage(), e);
        }
        JcaPEMKeyConverter converter = new JcaPEMKeyConverter().setProvider(BC);
        for (Object o : blocks) {
            if (o instanceof PEMKeyPair pair) {
                return converter.getPrivateKey(pair.getPrivateKeyInfo());
            }
            if (o instanceof PrivateKeyInfo info) {
                return converter.getPrivateKey(info);
            }
            if (o instanceof PKCS8EncryptedPrivateKeyInfo || o instanceof PEMEncryptedKeyPair) {
                throw new IllegalArgumentException(keyFile + ": the key is encrypted; give an unencrypted one (openssl -nodes)");
            }
        }
        throw new IllegalArgumentException(keyFile + ": no PRIVATE KEY block in it");
    }
}
