package dev.rdpprobe.tls;

import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.KeyStoreException;
import java.security.cert.CertPath;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.PKIXReason;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import javax.security.auth.x500.X500Principal;

/**
 * PKIX validation of a server chain (no revocation checking) at the probe time, against the trust
 * anchors of the JVM's default {@link TrustManagerFactory} (the cacerts the JDK uses, read only) or of a
 * caller-supplied {@link KeyStore}.
 *
 * <p>Cost matters here: it runs once per TLS probe. The anchors of a trust store are read once (the
 * JVM's on first use; a caller's store once per {@code KeyStore} instance, so changes made to that
 * instance later are not seen), and the common RDP cases — a self-signed certificate, or a chain whose
 * last issuer no anchor names — are decided without running the PKIX validator, with the verdict and
 * wording the validator would give.
 */
final class TrustEvaluator {

    /** The verdict, with the reason when untrusted. */
    record Result(boolean trusted, String detail) {
    }

    /**
     * The subject and issuer of a chain's last certificate as the caller read them already (each of the JDK's
     * getters parses an attribute name again at each call).
     *
     * @param subject its subject
     * @param issuer its issuer
     */
    record Names(X500Principal subject, X500Principal issuer) {
    }

    /** One trust store's anchors, with the lookups the fast paths need. */
    private record Anchors(Set<TrustAnchor> anchors, Set<X509Certificate> certificates, Set<X500Principal> subjects) {
        static Anchors of(Set<TrustAnchor> anchors) {
            Set<X509Certificate> certificates = new HashSet<>();
            Set<X500Principal> subjects = new HashSet<>();
            for (TrustAnchor anchor : anchors) {
                if (anchor.getTrustedCert() != null) {
                    certificates.add(anchor.getTrustedCert());
                    subjects.add(anchor.getTrustedCert().getSubjectX500Principal());
                } else if (anchor.getCA() != null) {
                    subjects.add(anchor.getCA());
                }
            }
            return new Anchors(Collections.unmodifiableSet(anchors), certificates, subjects);
        }
    }

    private volatile Anchors defaultAnchors;
    private final Map<KeyStore, Anchors> callerAnchors = Collections.synchronizedMap(new WeakHashMap<>());

    /**
     * @param chain the chain, leaf first, as the JDK parsed it
     * @param lastNames the names of the chain's last certificate, or {@code null} to read them here
     */
    Result evaluate(List<X509Certificate> chain, Instant now, KeyStore trustStore, Names lastNames) {
        if (chain.isEmpty()) {
            return new Result(false, "the server sent no certificate");
        }
        Anchors anchors;
        try {
            anchors = trustStore == null ? defaultAnchors() : callerAnchors(trustStore);
        } catch (GeneralSecurityException | RuntimeException e) {
            return new Result(false, "the trust store could not be read: " + e.getMessage());
        }
        if (anchors.anchors().isEmpty()) {
            return new Result(false, "the trust store holds no trusted certificates");
        }
        List<X509Certificate> path = new ArrayList<>(chain);
        while (!path.isEmpty() && anchors.certificates().contains(path.get(path.size() - 1))) {
            path.remove(path.size() - 1);
        }
        if (path.isEmpty()) {
            return new Result(true, null);
        }
        X509Certificate last = path.get(path.size() - 1);
        boolean named = lastNames != null && path.size() == chain.size();
        X500Principal lastIssuer = named ? lastNames.issuer() : last.getIssuerX500Principal();
        boolean selfIssued = (named ? lastNames.subject() : last.getSubjectX500Principal()).equals(lastIssuer);
        if (selfIssued || !anchors.subjects().contains(lastIssuer)) {
            // No anchor can have issued the end of the chain: PKIX would fail with NO_TRUST_ANCHOR.
            return new Result(false, noTrustAnchor(path.size(), selfIssued, lastIssuer));
        }
        try {
            CertPath certPath = FACTORY.get().generateCertPath(path);
            PKIXParameters parameters = new PKIXParameters(anchors.anchors());
            parameters.setRevocationEnabled(false);
            parameters.setDate(Date.from(now));
            CertPathValidator.getInstance("PKIX").validate(certPath, parameters);
            return new Result(true, null);
        } catch (CertPathValidatorException e) {
            return new Result(false, explain(e, path));
        } catch (GeneralSecurityException | RuntimeException e) {
            return new Result(false, "the chain could not be validated: " + e.getMessage());
        }
    }

    private static String explain(CertPathValidatorException e, List<X509Certificate> path) {
        int index = e.getIndex();
        String which = index >= 0 && index < path.size()
                ? "certificate #" + (index + 1) + " (" + path.get(index).getSubjectX500Principal().getName(X500Principal.RFC2253) + ")"
                : "the chain";
        CertPathValidatorException.Reason reason = e.getReason();
        if (reason == PKIXReason.NO_TRUST_ANCHOR) {
            return noTrustAnchor(path);
        }
        if (reason == CertPathValidatorException.BasicReason.EXPIRED) {
            return which + " has expired";
        }
        if (reason == CertPathValidatorException.BasicReason.NOT_YET_VALID) {
            return which + " is not valid yet";
        }
        if (reason == CertPathValidatorException.BasicReason.INVALID_SIGNATURE) {
            return which + " has a signature that does not verify";
        }
        if (reason == CertPathValidatorException.BasicReason.ALGORITHM_CONSTRAINED) {
            return which + " uses an algorithm this JVM's policy disables: " + e.getMessage();
        }
        return which + " failed validation (" + reason + "): " + e.getMessage();
    }

    private static String noTrustAnchor(List<X509Certificate> path) {
        X509Certificate last = path.get(path.size() - 1);
        X500Principal lastIssuer = last.getIssuerX500Principal();
        return noTrustAnchor(path.size(), last.getSubjectX500Principal().equals(lastIssuer), lastIssuer);
    }

    /** Why a path of {@code length} certificates has no trust anchor, from its last certificate's names. */
    private static String noTrustAnchor(int length, boolean lastSelfIssued, X500Principal lastIssuer) {
        if (lastSelfIssued) {
            return length == 1 ? "the certificate is self-signed and not in the trust store"
                    : "the chain ends in a self-signed certificate that is not in the trust store";
        }
        return "no trusted root: the chain ends at a certificate issued by "
                + lastIssuer.getName(X500Principal.RFC2253) + ", which is not in the trust store";
    }

    /** CertificateFactory instances are not documented as thread-safe: one per thread. */
    static final ThreadLocal<CertificateFactory> FACTORY = ThreadLocal.withInitial(() -> {
        try {
            return CertificateFactory.getInstance("X.509");
        } catch (java.security.cert.CertificateException e) {
            throw new IllegalStateException("this JVM has no X.509 certificate factory", e);
        }
    });

    private Anchors callerAnchors(KeyStore trustStore) throws KeyStoreException {
        Anchors cached = callerAnchors.get(trustStore);
        if (cached == null) {
            cached = Anchors.of(anchors(trustStore));
            callerAnchors.put(trustStore, cached);
        }
        return cached;
    }

    private Anchors defaultAnchors() throws GeneralSecurityException {
        Anchors anchors = defaultAnchors;
        if (anchors == null) {
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init((KeyStore) null);
            Set<TrustAnchor> loaded = new HashSet<>();
            for (TrustManager manager : factory.getTrustManagers()) {
                if (manager instanceof X509TrustManager) {
                    for (X509Certificate issuer : ((X509TrustManager) manager).getAcceptedIssuers()) {
                        loaded.add(new TrustAnchor(issuer, null));
                    }
                }
            }
            anchors = Anchors.of(loaded);
            defaultAnchors = anchors;
        }
        return anchors;
    }

    private static Set<TrustAnchor> anchors(KeyStore trustStore) throws KeyStoreException {
        Set<TrustAnchor> anchors = new HashSet<>();
        for (String alias : Collections.list(trustStore.aliases())) {
            if (trustStore.isCertificateEntry(alias) || trustStore.isKeyEntry(alias)) {
                Certificate certificate = trustStore.getCertificate(alias);
                if (certificate instanceof X509Certificate) {
                    anchors.add(new TrustAnchor((X509Certificate) certificate, null));
                }
            }
        }
        return anchors;
    }
}
