package dev.rdpprobe.exporter;

import dev.rdpprobe.core.outcome.CertificateReport;
import dev.rdpprobe.core.outcome.ConnectionOutcome;
import dev.rdpprobe.core.outcome.CredentialVerdict;
import dev.rdpprobe.core.outcome.Finding;
import dev.rdpprobe.core.outcome.FindingCode;
import dev.rdpprobe.core.outcome.NtlmServerInfo;
import dev.rdpprobe.core.outcome.PhaseResult;
import dev.rdpprobe.core.outcome.PhaseStatus;
import dev.rdpprobe.core.outcome.TlsFacts;
import dev.rdpprobe.core.outcome.Verdict;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.InfoSnapshot;
import io.prometheus.metrics.model.snapshots.InfoSnapshot.InfoDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.net.Inet6Address;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The metrics of one probe, as {@code /probe} answers them (README, "Prometheus exporter", the metrics table).
 * Names follow blackbox_exporter where it has one ({@code probe_success}, {@code probe_duration_seconds},
 * {@code probe_ssl_earliest_cert_expiry}, {@code probe_tls_version_info}, {@code probe_ip_protocol}), so that
 * existing dashboards and alerts apply; the RDP-specific ones are {@code probe_rdp_*}. A metric whose fact the probe
 * did not learn is absent (no TLS: no certificate metrics), never 0. Label values from the server go through
 * {@link LabelValues#bounded}.
 */
final class ProbeMetrics {

    private ProbeMetrics() {
    }

    /** The metrics of an outcome. */
    static MetricSnapshots of(ConnectionOutcome o) {
        List<MetricSnapshot> out = new ArrayList<>();
        out.add(gauge("probe_success", "Whether every phase of the RDP probe passed (1) or one failed or timed out (0)",
                o.verdict() == Verdict.OK ? 1 : 0));
        out.add(gauge("probe_duration_seconds", "How long the probe took, in seconds", seconds(o.total().toNanos())));
        o.server().connectedAddress().ifPresent(a -> out.add(gauge("probe_ip_protocol",
                "The IP protocol of the address connected to: 4 or 6", a.getAddress() instanceof Inet6Address ? 6 : 4)));

        GaugeSnapshot.Builder durations = GaugeSnapshot.builder().name("probe_rdp_phase_duration_seconds")
                .help("How long each phase that ran took, in seconds");
        GaugeSnapshot.Builder statuses = GaugeSnapshot.builder().name("probe_rdp_phase_status")
                .help("Each phase's status: 1 for the status it ended with, 0 for the others");
        for (PhaseResult p : o.phases()) {
            String phase = lower(p.phase().name());
            if (p.status() != PhaseStatus.SKIPPED && p.status() != PhaseStatus.NOT_REACHED) {
                durations.dataPoint(point(seconds(p.elapsed().toNanos()), "phase", phase));
            }
            for (PhaseStatus s : PhaseStatus.values()) {
                statuses.dataPoint(point(p.status() == s ? 1 : 0, "phase", phase, "status", lower(s.name())));
            }
        }
        out.add(durations.build());
        out.add(statuses.build());
        o.failedPhase().ifPresent(phase -> {
            PhaseResult p = o.phase(phase);
            out.add(info("probe_rdp_failed_phase", "The phase that failed or timed out, and the kind of failure",
                    "phase", lower(phase.name()), "status", lower(p.status().name()),
                    "kind", p.failure().map(f -> f.kind()).orElse("")));
        });
        if (o.diagnosis() != null) {
            out.add(info("probe_rdp_diagnosis", "The diagnosis, and the Windows client's error pair it most likely produces",
                    "code", o.diagnosis().code().name(),
                    "windows_error", o.diagnosis().windowsError().map(w -> w.display()).orElse("")));
        }
        o.server().negotiation().flatMap(n -> n.selected()).ifPresent(p -> out.add(info("probe_rdp_selected_protocol",
                "The security protocol the server selected in the X.224 negotiation", "protocol", p.name())));
        o.server().nlaRequired().ifPresent(nla -> out.add(gauge("probe_rdp_nla_required",
                "Whether the server requires NLA (CredSSP), from the security-layer enumeration", nla ? 1 : 0)));

        o.server().credentialCheck().ifPresent(check -> {
            out.add(info("probe_rdp_credential_check", "The credential check's verdict (a module with credentials_file)",
                    "verdict", check.verdict().name()));
            out.add(gauge("probe_rdp_credentials_accepted",
                    "Whether the server accepted the module's credentials at NLA and proved it holds the TLS key (1), or not (0)",
                    check.verdict() == CredentialVerdict.ACCEPTED ? 1 : 0));
        });

        Optional<TlsFacts> tls = o.server().tls();
        tls.flatMap(TlsFacts::protocolVersion).ifPresent(v -> out.add(info("probe_tls_version",
                "The TLS version negotiated", "version", v.jdkName().replace("TLSv", "TLS "))));
        tls.flatMap(t -> t.chain().stream().map(CertificateReport::notAfter).flatMap(Optional::stream).min(Instant::compareTo))
                .ifPresent(expiry -> out.add(gauge("probe_ssl_earliest_cert_expiry",
                        "The earliest expiry of the server's certificate chain, in Unix seconds", expiry.getEpochSecond())));
        tls.flatMap(TlsFacts::trusted).ifPresent(trusted -> out.add(gauge("probe_rdp_cert_trusted",
                "Whether the trust store trusts the server's certificate chain", trusted ? 1 : 0)));

        Optional<NtlmServerInfo> ntlm = o.server().credssp().flatMap(c -> c.ntlm());
        ntlm.ifPresent(n -> out.add(info("probe_rdp_ntlm", "What the server's NTLM CHALLENGE says about it (server-chosen text, bounded)",
                "target_name", LabelValues.bounded(n.targetName()),
                "netbios_computer", LabelValues.bounded(n.netbiosComputerName()),
                "netbios_domain", LabelValues.bounded(n.netbiosDomainName()),
                "dns_computer", LabelValues.bounded(n.dnsComputerName()),
                "dns_domain", LabelValues.bounded(n.dnsDomainName()),
                "dns_tree", LabelValues.bounded(n.dnsTreeName()),
                "os_version", LabelValues.bounded(n.osVersion()),
                "windows_release", LabelValues.bounded(n.windowsRelease()))));
        ntlm.map(NtlmServerInfo::clockSkew).ifPresent(skew -> out.add(gauge("probe_rdp_clock_skew_seconds",
                "The server's clock minus the exporter's, from the NTLM CHALLENGE's timestamp (positive: the server is ahead)",
                seconds(skew.toNanos()))));

        o.server().udp().ifPresent(udp -> {
            out.add(gauge("probe_rdp_udp_answered", "Whether the server answered the RDPEUDP SYN", udp.answered() ? 1 : 0));
            out.add(gauge("probe_rdp_udp_blocked", "Whether UDP looks blocked (no answer and no ICMP unreachable: UDP_BLOCKED)",
                    o.hasFinding(FindingCode.UDP_BLOCKED) ? 1 : 0));
        });

        Map<FindingCode, Integer> counts = new EnumMap<>(FindingCode.class);
        for (Finding f : o.findings()) {
            counts.merge(f.code(), 1, Integer::sum);
        }
        GaugeSnapshot.Builder findings = GaugeSnapshot.builder().name("probe_rdp_findings")
                .help("How many findings of each code the probe raised (every code is listed, 0 when absent)");
        for (FindingCode code : FindingCode.values()) {
            findings.dataPoint(point(counts.getOrDefault(code, 0), "code", code.name(), "severity", code.severity().name()));
        }
        out.add(findings.build());
        return new MetricSnapshots(out);
    }

    private static GaugeSnapshot gauge(String name, String help, double value) {
        return GaugeSnapshot.builder().name(name).help(help).dataPoint(GaugeDataPointSnapshot.builder().value(value).build()).build();
    }

    private static GaugeDataPointSnapshot point(double value, String... labels) {
        return GaugeDataPointSnapshot.builder().value(value).labels(Labels.of(labels)).build();
    }

    /** An info metric: the name is given without its {@code _info} suffix, which the writers add. */
    private static InfoSnapshot info(String name, String help, String... labels) {
        return InfoSnapshot.builder().name(name).help(help).dataPoint(InfoDataPointSnapshot.builder().labels(Labels.of(labels)).build()).build();
    }

    private static String lower(String name) {
        return name.toLowerCase(Locale.ROOT);
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }
}
