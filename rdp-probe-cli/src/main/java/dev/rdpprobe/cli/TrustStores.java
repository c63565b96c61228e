package dev.rdpprobe.cli;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Collection;
import java.util.Locale;

/**
 * Loads the trust anchors given with {@code --trust-store}: a PKCS#12 or JKS key store, or a PEM
 * (or DER) file of certificates.
 *
 * <p>The file is judged cheaply before it is parsed: at most {@link #MAX_BYTES} (a trust store of
 * hundreds of CA certificates is a few hundred KB), and its first bytes must be those of one of the
 * accepted forms (JKS {@code FE ED FE ED}, JCEKS {@code CE CE CE CE}, a DER {@code SEQUENCE} for
 * PKCS#12 or a certificate, or PEM text with a {@code -----BEGIN} line), so that a wrong file is
 * refused at once and with a message that says what it is, and is read only once.
 */
final class TrustStores {

    /** The largest trust store file accepted. */
    static final long MAX_BYTES = 8L * 1024 * 1024;

    /** How far into a text file the first {@code -----BEGIN} line may be (comments may come first). */
    private static final int PEM_LOOKAHEAD = 64 * 1024;

    private enum Form { JKS, JCEKS, DER, PEM }

    private TrustStores() {
    }

    /**
     * Loads a trust store.
     *
     * @param file the file
     * @param password the key store's password, or {@code null}
     * @throws IllegalArgumentException saying what to fix when the file cannot be used
     */
    static KeyStore load(Path file, char[] password) {
        String name = "--trust-store " + file;
        if (!Files.exists(file)) {
            throw new IllegalArgumentException(name + ": no such file");
        }
        if (Files.isDirectory(file)) {
            throw new IllegalArgumentException(name + " is a directory; give a PKCS#12/JKS key store or a PEM file of CA certificates");
        }
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(name + " is not a regular file; give a PKCS#12/JKS key store or a PEM file of CA certificates");
        }
        if (!Files.isReadable(file)) {
            throw new IllegalArgumentException(name + ": not readable");
        }
        byte[] bytes;
        try {
            long size = Files.size(file);
            if (size > MAX_BYTES) {
                throw new IllegalArgumentException(String.format(Locale.ROOT,
                        "%s is %.1f MB; a trust store is at most %d MB (hundreds of CA certificates take a few hundred KB)",
                        name, size / 1e6, MAX_BYTES / (1024 * 1024)));
            }
            bytes = readAtMost(file, MAX_BYTES);
        } catch (IOException e) {
            throw new IllegalArgumentException(name + ": cannot read it (" + e.getMessage() + ")");
        }
        Form form = form(bytes);
        if (form == null) {
            throw new IllegalArgumentException(name + " is neither a key store (PKCS#12, JKS) nor PEM or DER certificates (it starts with "
                    + hexStart(bytes) + "); give a PKCS#12/JKS key store or a PEM file of CA certificates");
        }
        switch (form) {
            case JKS:
                return keyStore(name, "JKS", bytes, password);
            case JCEKS:
                return keyStore(name, "JCEKS", bytes, password);
            case PEM:
                return certificates(name, bytes, null);
            default:
                // A DER SEQUENCE: a PKCS#12 store, or else a single DER certificate.
                try {
                    return keyStore(name, "PKCS12", bytes, password);
                } catch (NotAKeyStore e) {
                    return certificates(name, bytes, e.getMessage());
                }
        }
    }

    /** A key store of this type could not read the bytes (as opposed to: it read them, and the password is wrong). */
    private static final class NotAKeyStore extends RuntimeException {
        private static final long serialVersionUID = 1L;

        NotAKeyStore(String message) {
            super(message);
        }
    }

    private static KeyStore keyStore(String name, String type, byte[] bytes, char[] password) {
        try {
            KeyStore ks = KeyStore.getInstance(type);
            ks.load(new ByteArrayInputStream(bytes), password);
            return ks;
        } catch (IOException e) {
            if (e.getCause() instanceof java.security.UnrecoverableKeyException || String.valueOf(e.getMessage()).contains("password")) {
                throw new IllegalArgumentException(name + ": wrong or missing password; give --trust-store-password");
            }
            if (!"PKCS12".equals(type)) {
                throw new IllegalArgumentException(name + " looks like a " + type + " key store but cannot be read ("
                        + e.getMessage() + "); give a PKCS#12/JKS key store or a PEM file of CA certificates");
            }
            throw new NotAKeyStore(String.valueOf(e.getMessage()));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException(name + ": the " + type + " key store cannot be read (" + e.getMessage() + ")");
        }
    }

    private static KeyStore certificates(String name, byte[] bytes, String keyStoreProblem) {
        try (InputStream in = new ByteArrayInputStream(bytes)) {
            Collection<? extends Certificate> certs = CertificateFactory.getInstance("X.509").generateCertificates(in);
            if (certs.isEmpty()) {
                throw new IllegalArgumentException(name + " holds no certificate; give a PKCS#12/JKS key store or a PEM file of CA certificates");
            }
            KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
            ks.load(null, null);
            int i = 0;
            for (Certificate c : certs) {
                ks.setCertificateEntry("anchor-" + i++, c);
            }
            return ks;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException(name + " is neither a key store" + (keyStoreProblem == null ? "" : " (" + keyStoreProblem + ")")
                    + " nor a file of PEM or DER certificates (" + e.getMessage()
                    + "); give a PKCS#12/JKS key store or PEM certificates");
        }
    }

    /** The form the first bytes announce, or {@code null} for none of them. */
    private static Form form(byte[] b) {
        if (b.length >= 4 && (b[0] & 0xFF) == 0xFE && (b[1] & 0xFF) == 0xED && (b[2] & 0xFF) == 0xFE && (b[3] & 0xFF) == 0xED) {
            return Form.JKS;
        }
        if (b.length >= 4 && (b[0] & 0xFF) == 0xCE && (b[1] & 0xFF) == 0xCE && (b[2] & 0xFF) == 0xCE && (b[3] & 0xFF) == 0xCE) {
            return Form.JCEKS;
        }
        // A DER (or BER, as some PKCS#12 writers use) SEQUENCE.
        if (b.length >= 2 && b[0] == 0x30) {
            return Form.DER;
        }
        String head = new String(b, 0, Math.min(b.length, PEM_LOOKAHEAD), StandardCharsets.ISO_8859_1);
        return head.contains("-----BEGIN ") ? Form.PEM : null;
    }

    private static byte[] readAtMost(Path file, long max) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] bytes = in.readNBytes((int) max + 1);
            if (bytes.length > max) {
                throw new IOException("it grew past " + max + " bytes while being read");
            }
            return bytes;
        }
    }

    private static String hexStart(byte[] b) {
        if (b.length == 0) {
            return "nothing: the file is empty";
        }
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < Math.min(8, b.length); i++) {
            s.append(i == 0 ? "" : " ").append(String.format(Locale.ROOT, "%02X", b[i] & 0xFF));
        }
        return s.toString();
    }
}
