package dev.rdpprobe.core.tls;

import dev.rdpprobe.core.outcome.CertificateReport;
import java.util.List;

/**
 * The result of inspecting a certificate chain.
 *
 * @param chain one report per certificate, leaf first
 * @param trusted whether the chain validates against the trust store; {@code null} when it was not checked
 *     (a key over the probe's limits), never {@code true} when a certificate could not be parsed
 * @param trustDetail why not (or why not checked), or {@code null}
 */
public record TlsInspection(List<CertificateReport> chain, Boolean trusted, String trustDetail) {
    public TlsInspection {
        chain = List.copyOf(chain);
    }
}
