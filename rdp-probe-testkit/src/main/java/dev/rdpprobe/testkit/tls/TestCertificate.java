package dev.rdpprobe.testkit.tls;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A minted certificate with its private key.
 *
 * @param privateKey the leaf's private key
 * @param chain the chain a server sends, leaf first (the leaf alone when self-signed; leaf then CA when
 *     signed by a test CA)
 * @param chainDer the same chain, DER encoded
 */
public record TestCertificate(PrivateKey privateKey, List<X509Certificate> chain, List<byte[]> chainDer) {

    /** Checks the parts and copies the lists. */
    public TestCertificate {
        Objects.requireNonNull(privateKey, "privateKey");
        chain = List.copyOf(chain);
        chainDer = List.copyOf(chainDer);
        if (chain.isEmpty() || chain.size() != chainDer.size()) {
            throw new IllegalArgumentException("a chain needs at least one certificate, with one DER encoding each");
        }
    }

    /** The leaf certificate. */
    public X509Certificate certificate() {
        return chain.get(0);
    }

    /** The leaf's DER encoding. */
    public byte[] der() {
        return chainDer.get(0).clone();
    }

    /**
     * This certificate with the chains of {@code others} appended, as a server sends them when it is configured
     * with more than its own chain (a whole CA bundle, cross-signed roots); the private key stays this one's.
     */
    public TestCertificate followedBy(TestCertificate... others) {
        List<X509Certificate> longer = new ArrayList<>(chain);
        List<byte[]> longerDer = new ArrayList<>(chainDer);
        for (TestCertificate other : others) {
            longer.addAll(other.chain());
            longerDer.addAll(other.chainDer());
        }
        return new TestCertificate(privateKey, longer, longerDer);
    }

    /** The size of the chain's DER encodings together, in bytes (a TLS Certificate message is slightly larger). */
    public int chainBytes() {
        return chainDer.stream().mapToInt(d -> d.length).sum();
    }

    /**
     * A PKCS#12 key store holding this certificate's leaf as a trusted certificate entry (for a CA: the
     * trust anchor of everything it signed).
     */
    public KeyStore asTrustStore() {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setCertificateEntry("anchor", certificate());
            return store;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot build an in-memory trust store", e);
        }
    }
}
