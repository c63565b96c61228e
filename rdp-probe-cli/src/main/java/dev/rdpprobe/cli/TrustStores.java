package dev.rdpprobe.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Collection;

/** Loads the trust anchors given with {@code --trust-store}. */
final class TrustStores {

    private TrustStores() {
    }

    /**
     * Loads a PKCS#12 or JKS key store, or failing that a PEM (or DER) file of certificates.
     *
     * @param file the file
     * @param password the key store's password, or {@code null}
     * @throws IllegalArgumentException saying what to fix when the file cannot be read
     */
    static KeyStore load(Path file, char[] password) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("--trust-store " + file + ": no such file");
        }
        if (!Files.isReadable(file)) {
            throw new IllegalArgumentException("--trust-store " + file + ": not readable");
        }
        GeneralSecurityException keyStoreProblem;
        try {
            return KeyStore.getInstance(file.toFile(), password);
        } catch (GeneralSecurityException e) {
            keyStoreProblem = e;
        } catch (IOException e) {
            if (e.getCause() instanceof java.security.UnrecoverableKeyException || String.valueOf(e.getMessage()).contains("password")) {
                throw new IllegalArgumentException("--trust-store " + file + ": wrong or missing password; give --trust-store-password");
            }
            keyStoreProblem = new GeneralSecurityException(e.getMessage(), e);
        }
        try (InputStream in = Files.newInputStream(file)) {
            Collection<? extends Certificate> certs = CertificateFactory.getInstance("X.509").generateCertificates(in);
            if (certs.isEmpty()) {
                throw new IllegalArgumentException("--trust-store " + file + " holds no certificate; give a PKCS#12/JKS key store or a PEM file of CA certificates");
            }
            KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
            ks.load(null, null);
            int i = 0;
            for (Certificate c : certs) {
                ks.setCertificateEntry("anchor-" + i++, c);
            }
            return ks;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException("--trust-store " + file + " is neither a key store (" + keyStoreProblem.getMessage()
                    + ") nor a PEM file of certificates; give a PKCS#12/JKS key store or PEM certificates");
        }
    }
}
