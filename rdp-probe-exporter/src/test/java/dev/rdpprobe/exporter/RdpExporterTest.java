package dev.rdpprobe.exporter;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rdpprobe.testkit.FakeRdpServer;
import dev.rdpprobe.testkit.Scenario;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The exporter over HTTP, against the testkit's fake servers on loopback. */
class RdpExporterTest {

    static final String CONFIG = "modules:\n  rdp:\n    timeout: 10s\n  quick:\n    timeout: 10s\n    phase_timeout: 10s\n";

    static double value(String body, String series) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(series) + " (\\S+)$").matcher(body);
        assertThat(m.find()).as("%s in%n%s", series, body).isTrue();
        return Double.parseDouble(m.group(1));
    }

    @Test
    void aHealthyServerGivesProbeSuccessAndItsPhases() throws Exception {
        try (FakeRdpServer server = FakeRdpServer.start(Scenario.healthy()); ExporterHttp http = new ExporterHttp(CONFIG)) {
            HttpResponse<String> r = http.get(ExporterHttp.probe(server.target().toString(), "rdp"));
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/plain; version=0.0.4"));
            String body = r.body();
            assertThat(value(body, "probe_success")).isEqualTo(1);
            assertThat(value(body, "probe_rdp_phase_status{phase=\"credssp\",status=\"ok\"}")).isEqualTo(1);
            assertThat(value(body, "probe_rdp_phase_status{phase=\"credssp\",status=\"failed\"}")).isEqualTo(0);
            assertThat(value(body, "probe_rdp_phase_duration_seconds{phase=\"tls_handshake\"}")).isPositive();
            assertThat(body).contains("probe_rdp_selected_protocol_info{protocol=\"HYBRID_EX\"} 1", "probe_tls_version_info{version=\"TLS 1.3\"} 1",
                    "probe_rdp_ntlm_info{", "netbios_computer=\"FAKE-RDP\"", "probe_rdp_diagnosis_info{code=\"HEALTHY\"");
            assertThat(value(body, "probe_ssl_earliest_cert_expiry")).isGreaterThan(System.currentTimeMillis() / 1000.0);
            assertThat(value(body, "probe_rdp_findings{code=\"CERT_SELF_SIGNED\",severity=\"INFO\"}")).isEqualTo(1);
            assertThat(value(body, "probe_rdp_findings{code=\"CERT_EXPIRED\",severity=\"CRITICAL\"}")).isEqualTo(0);
            assertThat(body).doesNotContain("probe_rdp_failed_phase_info", "probe_rdp_udp_answered");

            String own = http.get("/metrics").body();
            assertThat(value(own, "rdp_probe_exporter_probes_total{module=\"rdp\",result=\"success\"}")).isEqualTo(1);
            assertThat(own).contains("jvm_memory_used_bytes", "rdp_probe_exporter_probes_in_flight 0.0");
        }
    }

    @Test
    void aModuleWithACredentialsFileReportsTheCheckAndNeverTheSecret(@TempDir Path dir) throws Exception {
        ConfigReaderTest.ownerOnly(dir.resolve("right.creds"), Scenario.DEMO_USER + "\n" + Scenario.DEMO_PASSWORD + "\n");
        ConfigReaderTest.ownerOnly(dir.resolve("wrong.creds"), Scenario.DEMO_USER + "\nnot-the-password\n");
        Path file = dir.resolve("rdp-probe.yml");
        Files.writeString(file, "modules:\n"
                + "  right:\n    credentials_file: right.creds\n    send_credentials_to_unverified_server: true\n"
                + "  wrong:\n    credentials_file: wrong.creds\n    send_credentials_to_unverified_server: true\n"
                + "  unpinned:\n    credentials_file: right.creds\n");
        ExporterConfig config = ExporterConfig.load(file);
        try (FakeRdpServer server = FakeRdpServer.start(Scenario.named("nla-credentials"));
             ExporterHttp http = new ExporterHttp(config, file)) {
            String right = http.get(ExporterHttp.probe(server.target().toString(), "right")).body();
            assertThat(value(right, "probe_success")).isEqualTo(1);
            assertThat(value(right, "probe_rdp_credentials_accepted")).isEqualTo(1);
            assertThat(right).contains("probe_rdp_credential_check_info{verdict=\"ACCEPTED\"} 1");

            String wrong = http.get(ExporterHttp.probe(server.target().toString(), "wrong")).body();
            assertThat(value(wrong, "probe_success")).isEqualTo(0);
            assertThat(value(wrong, "probe_rdp_credentials_accepted")).isEqualTo(0);
            assertThat(wrong).contains("probe_rdp_credential_check_info{verdict=\"REJECTED\"} 1",
                    "probe_rdp_failed_phase_info{kind=\"CREDENTIALS_REFUSED\",phase=\"credssp_auth\",status=\"failed\"} 1");

            String unpinned = http.get(ExporterHttp.probe(server.target().toString(), "unpinned")).body();
            assertThat(unpinned).as("a self-signed certificate, neither trusted nor pinned: nothing sent")
                    .contains("probe_rdp_credential_check_info{verdict=\"NOT_CHECKED_CERTIFICATE_NOT_VERIFIED\"} 1");
            assertThat(value(unpinned, "probe_rdp_credentials_accepted")).isEqualTo(0);
            assertThat(server.connections()).noneMatch(c -> c.authInfoReceived());

            String debug = http.get(ExporterHttp.probe(server.target().toString(), "right") + "&debug=true").body();
            for (String text : new String[] {right, wrong, unpinned, debug}) {
                assertThat(text).doesNotContain(Scenario.DEMO_PASSWORD, "not-the-password");
            }
            assertThat(config.moduleOptions("right").orElseThrow().credentials().isDestroyed()).isFalse();
        }
        assertThat(config.moduleOptions("right").orElseThrow().credentials().isDestroyed())
                .as("the exporter's close wipes the credentials it read").isTrue();
    }

    @Test
    void aClosedPortFailsAtTcpConnectWithProbeSuccessZero() throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closed = s.getLocalPort();
        }
        try (ExporterHttp http = new ExporterHttp(CONFIG)) {
            String body = http.get(ExporterHttp.probe("127.0.0.1:" + closed, "rdp")).body();
            assertThat(value(body, "probe_success")).isEqualTo(0);
            assertThat(body).contains("probe_rdp_failed_phase_info{kind=\"REFUSED\",phase=\"tcp_connect\",status=\"failed\"} 1");
            assertThat(body).doesNotContain("probe_tls_version_info", "probe_ssl_earliest_cert_expiry");
        }
    }

    @Test
    void openMetricsWhenTheScraperAsksForIt() throws Exception {
        try (FakeRdpServer server = FakeRdpServer.start(Scenario.healthy()); ExporterHttp http = new ExporterHttp(CONFIG)) {
            HttpResponse<String> r = http.get(ExporterHttp.probe(server.target().toString(), "rdp"),
                    "Accept", "application/openmetrics-text;version=1.0.0,text/plain;version=0.0.4;q=0.5");
            assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/openmetrics-text"));
            assertThat(r.body()).endsWith("# EOF\n").contains("# TYPE probe_rdp_ntlm info");
        }
    }

    @Test
    void badRequestsAreRefusedWithTheReasonBeforeAnythingIsSent() throws Exception {
        try (FakeRdpServer server = FakeRdpServer.start(Scenario.healthy());
             ExporterHttp http = new ExporterHttp("allow: [127.0.0.0/8]\n" + CONFIG)) {
            HttpResponse<String> missing = http.get("/probe?module=rdp");
            assertThat(missing.statusCode()).isEqualTo(400);
            assertThat(missing.body()).startsWith("the target parameter is missing");
            HttpResponse<String> unknown = http.get(ExporterHttp.probe(server.target().toString(), "nope"));
            assertThat(unknown.statusCode()).isEqualTo(400);
            assertThat(unknown.body()).isEqualTo("unknown module \"nope\"; the configuration has: rdp, quick\n".replace("rdp, quick",
                    String.join(", ", http.exporter.config().moduleNames())));
            HttpResponse<String> badPort = http.get(ExporterHttp.probe("127.0.0.1:70000", "rdp"));
            assertThat(badPort.statusCode()).isEqualTo(400);
            assertThat(badPort.body()).contains("70000").contains("out of range");
            HttpResponse<String> twice = http.get("/probe?target=127.0.0.1&target=127.0.0.2&module=rdp");
            assertThat(twice.statusCode()).isEqualTo(400);
            assertThat(twice.body()).contains("given 2 times");
            HttpResponse<String> header = http.get(ExporterHttp.probe(server.target().toString(), "rdp"), ScrapeBudget.HEADER, "soon");
            assertThat(header.statusCode()).isEqualTo(400);
            HttpResponse<String> forbidden = http.get(ExporterHttp.probe("rds01.example.com", "rdp"));
            assertThat(forbidden.statusCode()).isEqualTo(403);
            assertThat(forbidden.body()).contains("not in the configuration's allow list");
            assertThat(server.connections()).as("nothing reached the server").isEmpty();
            String own = http.get("/metrics").body();
            assertThat(value(own, "rdp_probe_exporter_requests_refused_total{reason=\"not_allowed\"}")).isEqualTo(1);
            assertThat(value(own, "rdp_probe_exporter_requests_refused_total{reason=\"bad_request\"}")).isEqualTo(4);
        }
    }

    @Test
    void theScrapeTimeoutHeaderShrinksTheProbesDeadline() throws Exception {
        try (FakeRdpServer server = FakeRdpServer.start(Scenario.silentAfterConnectionRequest());
             ExporterHttp http = new ExporterHttp("timeout_margin: 100ms\n" + CONFIG)) {
            HttpResponse<String> r = http.get(ExporterHttp.probe(server.target().toString(), "quick") + "&debug=true", ScrapeBudget.HEADER, "0.4");
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.body()).startsWith("Probe of " + server.target() + " with module \"quick\", deadline ")
                    .contains("the scrape timeout 0.4s less the margin 100ms")
                    .containsPattern("X224_NEGOTIATION +TIMED_OUT")
                    .contains("Logs for the probe:", "probe of " + server.target() + " started", "X224_NEGOTIATION ended TIMED_OUT: TIMED_OUT")
                    .contains("Metrics that would have been returned:", "probe_success 0", "Outcome (the JSON contract):", "phase_timeout: 10s");
            Matcher deadline = Pattern.compile("deadline (\\d+)ms").matcher(r.body());
            assertThat(deadline.find()).isTrue();
            assertThat(Integer.parseInt(deadline.group(1))).isLessThanOrEqualTo(300);
        }
    }

    @Test
    void probesBeyondTheConcurrencyWaitAtMostMaxWaitThenGet503() throws Exception {
        try (FakeRdpServer silent = FakeRdpServer.start(Scenario.silentAfterConnectionRequest());
             ExporterHttp http = new ExporterHttp("concurrency: 1\nmax_wait: 50ms\nmodules:\n  slow:\n    timeout: 20s\n    phase_timeout: 20s\n")) {
            CompletableFuture<HttpResponse<String>> holding = http.getAsync(ExporterHttp.probe(silent.target().toString(), "slow"));
            silent.awaitConnections(1, java.time.Duration.ofSeconds(10));
            HttpResponse<String> refused = http.get(ExporterHttp.probe(silent.target().toString(), "slow"));
            assertThat(refused.statusCode()).isEqualTo(503);
            assertThat(refused.body()).startsWith("no probe slot freed within 50ms (1 probes running");
            assertThat(holding).isNotDone();
            assertThat(value(http.get("/metrics").body(), "rdp_probe_exporter_probes_in_flight")).isEqualTo(1);
            holding.cancel(true);
        }
    }

    @Test
    void aScraperThatHangsUpCancelsItsProbeAndFreesTheSlot() throws Exception {
        try (FakeRdpServer silent = FakeRdpServer.start(Scenario.silentAfterConnectionRequest());
             FakeRdpServer healthy = FakeRdpServer.start(Scenario.healthy());
             ExporterHttp http = new ExporterHttp("concurrency: 1\nmax_wait: 10s\nmodules:\n  slow:\n    timeout: 20s\n    phase_timeout: 20s\n")) {
            try (java.net.Socket raw = new java.net.Socket(java.net.InetAddress.getLoopbackAddress(), http.exporter.address().getPort())) {
                raw.getOutputStream().write(("GET " + ExporterHttp.probe(silent.target().toString(), "slow") + " HTTP/1.1\r\nHost: x\r\n\r\n")
                        .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                silent.awaitConnections(1, java.time.Duration.ofSeconds(10));
            }
            // the slot freed when the connection closed: the next probe runs at once, well before the 20 s deadline
            HttpResponse<String> next = http.get(ExporterHttp.probe(healthy.target().toString(), "slow"));
            assertThat(next.statusCode()).isEqualTo(200);
            assertThat(value(next.body(), "probe_success")).isEqualTo(1);
        }
    }

    @Test
    void healthyAndIndexAndUnknownPaths() throws Exception {
        try (ExporterHttp http = new ExporterHttp(CONFIG)) {
            assertThat(http.get("/-/healthy").body()).isEqualTo("Healthy\n");
            assertThat(http.get("/").body()).contains("/probe?target=");
            assertThat(http.get("/nothing").statusCode()).isEqualTo(404);
            assertThat(http.post("/probe").statusCode()).isEqualTo(405);
            assertThat(http.get("/-/reload").statusCode()).isEqualTo(405);
        }
    }

    @Test
    void aBadReloadKeepsTheOldConfigurationAndSaysSo(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("rdp-probe.yml");
        Files.writeString(file, CONFIG);
        try (FakeRdpServer server = FakeRdpServer.start(Scenario.healthy());
             ExporterHttp http = new ExporterHttp(ExporterConfig.load(file), file)) {
            Files.writeString(file, "modules:\n  rdp:\n    timeout: never\n");
            HttpResponse<String> bad = http.post("/-/reload");
            assertThat(bad.statusCode()).isEqualTo(500);
            assertThat(bad.body()).isEqualTo("the configuration was not reloaded, the old one stays in use: " + file
                    + ":3: modules.rdp.timeout: 'never' is not a duration; write e.g. 10s, 500ms or 1m\n");
            assertThat(http.get(ExporterHttp.probe(server.target().toString(), "quick")).statusCode()).isEqualTo(200);
            assertThat(value(http.get("/metrics").body(), "rdp_probe_exporter_config_last_reload_successful")).isEqualTo(0);

            Files.writeString(file, "modules:\n  renamed: {}\n");
            HttpResponse<String> good = http.post("/-/reload");
            assertThat(good.statusCode()).isEqualTo(200);
            assertThat(good.body()).contains("modules renamed");
            assertThat(http.get(ExporterHttp.probe(server.target().toString(), "quick")).statusCode()).isEqualTo(400);
            assertThat(value(http.get(ExporterHttp.probe(server.target().toString(), "renamed")).body(), "probe_success")).isEqualTo(1);
            assertThat(value(http.get("/metrics").body(), "rdp_probe_exporter_config_last_reload_successful")).isEqualTo(1);
        }
    }

    @Test
    void closingWithProbesInFlightStopsEveryThreadOfTheExporter() throws Exception {
        java.util.Set<Thread> before = Thread.getAllStackTraces().keySet();
        try (FakeRdpServer silent = FakeRdpServer.start(Scenario.silentAfterConnectionRequest())) {
            ExporterHttp http = new ExporterHttp("modules:\n  slow:\n    timeout: 20s\n    phase_timeout: 20s\n");
            CompletableFuture<HttpResponse<String>> inFlight = http.getAsync(ExporterHttp.probe(silent.target().toString(), "slow"));
            silent.awaitConnections(1, java.time.Duration.ofSeconds(10));
            http.close();
            inFlight.handle((r, e) -> null).get(30, java.util.concurrent.TimeUnit.SECONDS);
        }
        long until = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
        for (Thread t : newThreads(before)) { // threads end shortly after close() returns: wait for each one's end, bounded
            t.join(Math.max(1, java.util.concurrent.TimeUnit.NANOSECONDS.toMillis(until - System.nanoTime())));
        }
        assertThat(newThreads(before)).map(Thread::getName).as("threads of the exporter or its probers still alive after close()").isEmpty();
    }

    private static java.util.List<Thread> newThreads(java.util.Set<Thread> before) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> !before.contains(t) && t.isAlive() && t.getName().startsWith("rdp")).toList();
    }
}
