package dev.rdpprobe.tls;

import dev.rdpprobe.core.outcome.CertificateReport;
import dev.rdpprobe.core.tls.TlsInspection;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Reports a server's certificate chain: every certificate ({@link CertificateReader}), then whether the chain
 * is trusted ({@link TrustEvaluator}). Malformed input never throws and never hides a certificate: each one is
 * reported, parsed or not. The trust check runs only on a chain that parsed completely and whose keys are
 * within {@link TlsLimits}: a chain with a certificate that does not parse, wholly or in part, is not trusted
 * (a client cannot rely on what it cannot read), and one with a key over the limits is not checked
 * ({@code trusted == null}), since checking would mean doing arithmetic with that key.
 *
 * <p>Each certificate is parsed once per probe: a certificate the bouncycastle engine parsed in the handshake is
 * read from that parse ({@link HandshakeCertificates}), any other is parsed here.
 */
final class CertificateInspector {

    private final TrustEvaluator trustEvaluator;
    private final HandshakeCertificates parsedCertificates;

    CertificateInspector(TrustEvaluator trustEvaluator, HandshakeCertificates parsedCertificates) {
        this.trustEvaluator = trustEvaluator;
        this.parsedCertificates = parsedCertificates;
    }

    /** See {@link dev.rdpprobe.core.tls.TlsProvider#inspect}. */
    TlsInspection inspect(List<byte[]> chainDer, String targetHost, Instant now, KeyStore trustStore) {
        if (now == null) {
            throw new IllegalArgumentException("the probe time (now) is required");
        }
        if (chainDer == null || chainDer.isEmpty()) {
            return new TlsInspection(List.of(), false, "the server sent no certificate");
        }
        List<CertificateReport> reports = new ArrayList<>(chainDer.size());
        List<X509Certificate> certificates = new ArrayList<>(chainDer.size());
        String unparsed = null;
        String overLimit = null;
        TrustEvaluator.Names lastNames = null;
        for (int i = 0; i < chainDer.size(); i++) {
            byte[] der = chainDer.get(i);
            CertificateReader.Read read = CertificateReader.read(der, parsedCertificates.take(der), now, i == 0 ? targetHost : null, i == 0);
            CertificateReport report = read.report();
            reports.add(report);
            certificates.add(read.jdkCertificate());
            lastNames = read.jdkNames();
            if (unparsed == null && report.parseError().isPresent()) {
                unparsed = which(i, report) + " could not be parsed (" + report.parseError().get() + "), so the chain cannot be trusted";
            }
            if (overLimit == null && read.keyOverLimit() != null) {
                overLimit = "not checked: " + which(i, report) + " has " + read.keyOverLimit().describe();
            }
        }
        if (unparsed != null) {
            return new TlsInspection(reports, false, unparsed);
        }
        if (overLimit != null) {
            return new TlsInspection(reports, null, overLimit);
        }
        TrustEvaluator.Result trust = trustEvaluator.evaluate(certificates, now, trustStore, lastNames);
        return new TlsInspection(reports, trust.trusted(), trust.detail());
    }

    /** The words for certificate {@code index} of the chain in a trust detail; made only for a detail that needs them. */
    private static String which(int index, CertificateReport report) {
        return "certificate #" + (index + 1) + " of the chain (" + report.subject().orElse(report.derLength() + " bytes") + ")";
    }
}
