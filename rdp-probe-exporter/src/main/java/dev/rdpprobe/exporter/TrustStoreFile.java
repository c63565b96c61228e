package dev.rdpprobe.exporter;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Collection;

/**
 * A module's {@code trust_store}: a PEM (or DER) file of CA certificates, or a PKCS#12 / JKS key store without a
 * password. At most {@link #MAX_BYTES} are read; the file is read once, at load and at each reload.
 */
final class TrustStoreFile {

    /** The largest trust store file accepted (hundreds of CA certificates take a few hundred KB). */
    static final long MAX_BYTES = 8L * 1024 * 1024;

    private TrustStoreFile() {
    }

    /**
     * Loads the trust anchors of a file.
     *
     * @throws IllegalArgumentException saying why the file cannot be used
     */
    static KeyStore load(Path file) {
        byte[] bytes;
        try {
            if (!Files.isRegularFile(file)) {
                throw new IllegalArgumentException(file + " is not a file; give a PEM file of CA certificates or a key store");
            }
            if (Files.size(file) > MAX_BYTES) {
                throw new IllegalArgumentException(file + " has " + Files.size(file) + " bytes; a trust store may have at most " + MAX_BYTES);
            }
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new IllegalArgumentException(file + " cannot be read: " + e.getMessage(), e);
        }
        boolean keyStore = bytes.length >= 4 && ((bytes[0] & 0xFF) == 0xFE || (bytes[0] & 0xFF) == 0xCE
                || ((bytes[0] & 0xFF) == 0x30 && !looksLikeCertificate(bytes)));
        try {
            if (keyStore) {
                for (String type : new String[] {"PKCS12", "JKS"}) {
                    try {
                        KeyStore store = KeyStore.getInstance(type);
                        store.load(new ByteArrayInputStream(bytes), new char[0]);
                        return store;
                    } catch (IOException | GeneralSecurityException e) {
                        // try the next type
                    }
                }
                throw new IllegalArgumentException(file + " is neither a PKCS#12 nor a JKS key store without password");
            }
            Collection<? extends Certificate> certificates = CertificateFactory.getInstance("X.509")
                    .generateCertificates(new ByteArrayInputStream(bytes));
            if (certificates.isEmpty()) {
                throw new IllegalArgumentException(file + " holds no certificate; give a PEM file of CA certificates or a key store");
            }
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            int i = 0;
            for (Certificate c : certificates) {
                store.setCertificateEntry("ca-" + i++, c);
            }
            return store;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalArgumentException(file + " is not a PEM or DER file of certificates: " + e.getMessage(), e);
        }
    }

    /** Whether DER bytes start like an X.509 certificate (SEQUENCE { SEQUENCE { [0] version …): a PKCS#12 has INTEGER 3 next. */
    private static boolean looksLikeCertificate(byte[] der) {
        int i = 1;
        int first = der[i] & 0xFF;
        i += first < 0x80 ? 1 : 1 + (first & 0x7F);
        return i < der.length && (der[i] & 0xFF) == 0x30;
    }
}
