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
import java.util.Set;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import javax.security.auth.x500.X500Principal;

/**
 * PKIX validation of a server chain (no revocation checking) at the probe time, against the trust
 * anchors of the JVM's default {@link TrustManagerFactory} (the cacerts the JDK uses, read only) or of a
 * caller-supplied {@link KeyStore}.
 */
final class TrustEvaluator {

    /** The verdict, with the reason when untrusted. */
    record Result(boolean trusted, String detail) {
    }

    private volatile Set<TrustAnchor> defaultAnchors;

    Result evaluate(List<X509Certificate> chain, Instant now, KeyStore trustStore) {
        if (chain.isEmpty()) {
            return new Result(false, "the server sent no certificate");
        }
        Set<TrustAnchor> anchors;
        try {
            anchors = trustStore == null ? defaultAnchors() : anchors(trustStore);
        } catch (GeneralSecurityException | RuntimeException e) {
            return new Result(false, "the trust store could not be read: " + e.getMessage());
        }
        if (anchors.isEmpty()) {
            return new Result(false, "the trust store holds no trusted certificates");
        }
        Set<X509Certificate> anchorCertificates = new HashSet<>();
        for (TrustAnchor anchor : anchors) {
            if (anchor.getTrustedCert() != null) {
                anchorCertificates.add(anchor.getTrustedCert());
            }
        }
        List<X509Certificate> path = new ArrayList<>(chain);
        while (!path.isEmpty() && anchorCertificates.contains(path.get(path.size() - 1))) {
            path.remove(path.size() - 1);
        }
        if (path.isEmpty()) {
            return new Result(true, null);
        }
        try {
            CertPath certPath = CertificateFactory.getInstance("X.509").generateCertPath(path);
            PKIXParameters parameters = new PKIXParameters(anchors);
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
            X509Certificate last = path.get(path.size() - 1);
            if (last.getSubjectX500Principal().equals(last.getIssuerX500Principal())) {
                return path.size() == 1 ? "the certificate is self-signed and not in the trust store"
                        : "the chain ends in a self-signed certificate that is not in the trust store";
            }
            return "no trusted root: the chain ends at a certificate issued by "
                    + last.getIssuerX500Principal().getName(X500Principal.RFC2253) + ", which is not in the trust store";
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

    private Set<TrustAnchor> defaultAnchors() throws GeneralSecurityException {
        Set<TrustAnchor> anchors = defaultAnchors;
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
            anchors = Collections.unmodifiableSet(loaded);
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
