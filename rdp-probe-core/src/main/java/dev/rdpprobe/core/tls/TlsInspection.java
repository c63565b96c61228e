package dev.rdpprobe.core.tls;

import dev.rdpprobe.core.outcome.CertificateReport;
import java.util.List;

/**
 * The result of inspecting a certificate chain.
 *
 * @param chain one report per certificate, leaf first
 * @param trusted whether the chain validates against the trust store
 * @param trustDetail why not, or {@code null}
 */
public record TlsInspection(List<CertificateReport> chain, boolean trusted, String trustDetail) {
    public TlsInspection {
        chain = List.copyOf(chain);
    }
}
