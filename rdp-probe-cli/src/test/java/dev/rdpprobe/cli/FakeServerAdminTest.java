package dev.rdpprobe.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rdpprobe.core.RdpProber;
import dev.rdpprobe.core.outcome.ConnectionOutcome;
import dev.rdpprobe.core.outcome.DiagnosisCode;
import dev.rdpprobe.core.outcome.Phase;
import dev.rdpprobe.core.outcome.PhaseStatus;
import dev.rdpprobe.core.target.Target;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** {@code fake-server --admin}: the recorded connections over HTTP, switching the scenario, resetting; loopback only. */
class FakeServerAdminTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void listsTheConnectionsSwitchesTheScenarioAndResets() throws Exception {
        try (RunningFakeServer server = RunningFakeServer.start("--scenario", "healthy", "--listen", "127.0.0.1:0", "--admin", "127.0.0.1:0")) {
            JsonNode first = JSON.readTree(server.nextLine());
            int rdp = port(first.get("listening").asText());
            String admin = "http://" + first.get("admin").asText();
            assertThat(first.get("admin").asText()).startsWith("127.0.0.1:");

            ConnectionOutcome healthy = probe(rdp, "alice");
            assertThat(healthy.phase(Phase.CREDSSP).status()).isEqualTo(PhaseStatus.OK);
            JsonNode listed = JSON.readTree(request("GET", admin + "/__admin/connections", null).body);
            assertThat(listed.get("scenario").asText()).isEqualTo("healthy");
            assertThat(listed.get("connections")).hasSize(1);
            assertThat(listed.get("connections").get(0).get("cookie").asText()).isEqualTo("alice");
            assertThat(listed.get("connections").get(0).get("tlsCompleted").asBoolean()).isTrue();

            Response switched = request("POST", admin + "/__admin/scenario", "{\"scenario\":\"nla-required\"}");
            assertThat(switched.status).isEqualTo(200);
            assertThat(JSON.readTree(switched.body).get("scenario").asText()).isEqualTo("nla-required");
            ConnectionOutcome refused = probe(rdp, "bob");
            assertThat(refused.diagnosis().code()).isEqualTo(DiagnosisCode.NLA_REQUIRED_BY_SERVER);

            Response config = request("POST", admin + "/__admin/scenario", "name: closes\nx224: {do: close}\n");
            assertThat(config.status).isEqualTo(200);
            assertThat(JSON.readTree(config.body).get("scenario").asText()).isEqualTo("closes");
            assertThat(probe(rdp, "carol").failedPhase()).contains(Phase.X224_NEGOTIATION);
            assertThat(JSON.readTree(request("GET", admin + "/__admin/connections", null).body).get("connections")).hasSize(3);

            Response reset = request("POST", admin + "/__admin/reset", "");
            assertThat(JSON.readTree(reset.body).get("scenario").asText()).isEqualTo("healthy");
            assertThat(JSON.readTree(request("GET", admin + "/__admin/connections", null).body).get("connections")).isEmpty();
            assertThat(probe(rdp, "dave").phase(Phase.CREDSSP).status()).isEqualTo(PhaseStatus.OK);
            assertThat(server.stop()).isZero();
        }
    }

    @Test
    void stoppingTheServerStopsTheAdminInterfaceAndItsThread() throws Exception {
        RunningFakeServer server = RunningFakeServer.start("--scenario", "tls-only", "--listen", "127.0.0.1:0", "--admin", "127.0.0.1:0");
        int admin = port(JSON.readTree(server.nextLine()).get("admin").asText());
        assertThat(request("GET", "http://127.0.0.1:" + admin + "/__admin/connections", null).status).isEqualTo(200);
        assertThat(server.stop()).isZero();
        try (Socket s = new Socket()) {
            assertThatThrownBy(() -> s.connect(new InetSocketAddress("127.0.0.1", admin), 5000)).isInstanceOf(java.net.ConnectException.class);
        }
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        for (Thread t : adminThreads()) { // the executor's thread ends soon after shutdownNow: wait for its end
            t.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(end - System.nanoTime())));
        }
        assertThat(adminThreads()).isEmpty();
    }

    private static java.util.List<Thread> adminThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && (t.getName().equals("rdp-probe-fake-server-admin") || t.getName().startsWith("HTTP-Dispatcher")))
                .toList();
    }

    @Test
    void refusesBadRequestsWithoutStopping() throws Exception {
        try (RunningFakeServer server = RunningFakeServer.start("--scenario", "tls-only", "--listen", "127.0.0.1:0", "--admin", "127.0.0.1:0")) {
            String admin = "http://" + JSON.readTree(server.nextLine()).get("admin").asText();
            Response badConfig = request("POST", admin + "/__admin/scenario", "x224:\n  do: wave\n");
            assertThat(badConfig.status).isEqualTo(400);
            assertThat(JSON.readTree(badConfig.body).get("error").asText()).isEqualTo("request body:2: x224.do is 'wave'; use one of "
                    + "confirm, refuse, legacy, close, reset, half-close, stall, trickle, send");
            Response unknown = request("POST", admin + "/__admin/scenario", "{\"scenario\":\"nope\"}");
            assertThat(unknown.status).isEqualTo(400);
            assertThat(JSON.readTree(unknown.body).get("error").asText()).contains("no scenario named 'nope'");
            assertThat(request("GET", admin + "/__admin/scenario", null).status).isEqualTo(405);
            assertThat(request("DELETE", admin + "/__admin/connections", null).status).isEqualTo(405);
            assertThat(request("GET", admin + "/elsewhere", null).status).isEqualTo(404);
            Response huge = request("POST", admin + "/__admin/scenario", "#".repeat(FakeServerAdmin.MAX_BODY + 1));
            assertThat(huge.status).isEqualTo(413);
            assertThat(JSON.readTree(request("GET", admin + "/__admin/connections", null).body).get("scenario").asText()).isEqualTo("tls-only");
            assertThat(server.stop()).isZero();
        }
    }

    @Test
    void aRequestWhoseHostIsNotLoopbackIsRefused() throws Exception {
        try (RunningFakeServer server = RunningFakeServer.start("--scenario", "tls-only", "--listen", "127.0.0.1:0", "--admin", "127.0.0.1:0")) {
            int admin = port(JSON.readTree(server.nextLine()).get("admin").asText());
            String answer = rawHttp(admin, "POST /__admin/reset HTTP/1.1\r\nHost: attacker.example:80\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
            assertThat(answer).startsWith("HTTP/1.1 403");
            assertThat(rawHttp(admin, "GET /__admin/connections HTTP/1.1\r\nHost: localhost:" + admin + "\r\nConnection: close\r\n\r\n"))
                    .startsWith("HTTP/1.1 200");
            assertThat(server.stop()).isZero();
        }
        assertThat(FakeServerAdmin.loopbackHost("[::1]:8080")).isTrue();
        assertThat(FakeServerAdmin.loopbackHost("127.10.0.1")).isTrue();
        assertThat(FakeServerAdmin.loopbackHost("0.0.0.0:1")).isFalse();
        assertThat(FakeServerAdmin.loopbackHost("localhost.attacker.example")).isFalse();
    }

    @Test
    void theAdminInterfaceBindsLoopbackOnlyEvenWithAllowNonLoopback() {
        CliRun r = CliRun.of("fake-server", "--scenario", "tls-only", "--listen", "127.0.0.1:0", "--admin", "0.0.0.0:0", "--allow-non-loopback");
        assertThat(r.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).contains("--admin 0.0.0.0:0 is not a loopback address");
        CliRun bad = CliRun.of("fake-server", "--scenario", "tls-only", "--listen", "127.0.0.1:0", "--admin", "127.0.0.1:99999");
        assertThat(bad.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(bad.err()).contains("--admin '127.0.0.1:99999': the port must be 0..65535");
    }

    @Test
    void hostileClientInputIsEscapedInTheAdminJson() throws Exception {
        try (RunningFakeServer server = RunningFakeServer.start("--scenario", "nla-required", "--listen", "127.0.0.1:0", "--admin", "127.0.0.1:0")) {
            JsonNode first = JSON.readTree(server.nextLine());
            int rdp = port(first.get("listening").asText());
            // the Connection Request decoder refuses control characters in a cookie; quotes and braces it lets through
            String hostile = "a\"},{\"injected\":true,\"b\":\"\\";
            byte[] cookie = ("Cookie: mstshash=" + hostile + "\r\n").getBytes(StandardCharsets.ISO_8859_1);
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", rdp), 5000);
                s.setSoTimeout(5000);
                s.getOutputStream().write(connectionRequest(cookie));
                s.getInputStream().readAllBytes(); // the refusal, then the server closes
            }
            server.nextLine(); // the JSON line of the connection
            String body = request("GET", "http://" + first.get("admin").asText() + "/__admin/connections", null).body;
            assertThat(body.strip().chars()).noneMatch(c -> c < 0x20 || c == 0x7f || c == 0x85);
            assertThat(JSON.readTree(body).get("connections").get(0).get("cookie").asText()).isEqualTo(hostile);
            assertThat(server.stop()).isZero();
        }
    }

    // ---------------------------------------------------------------------------------------------

    private record Response(int status, String body) {
    }

    private static Response request(String method, String url, String body) throws IOException {
        HttpURLConnection c = (HttpURLConnection) URI.create(url).toURL().openConnection();
        c.setRequestMethod(method);
        c.setConnectTimeout(5000);
        c.setReadTimeout(5000);
        if (body != null) {
            c.setDoOutput(true);
            try (OutputStream out = c.getOutputStream()) {
                out.write(body.getBytes(StandardCharsets.UTF_8));
            }
        }
        int status = c.getResponseCode();
        InputStream in = status < 400 ? c.getInputStream() : c.getErrorStream();
        String text = in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        c.disconnect();
        return new Response(status, text);
    }

    private static String rawHttp(int port, String request) throws IOException {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 5000);
            s.setSoTimeout(5000);
            s.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            return new String(s.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }

    private static ConnectionOutcome probe(int port, String cookie) {
        try (RdpProber prober = RdpProber.builder().udp(false).cookie(cookie).phaseTimeout(Duration.ofSeconds(5)).build()) {
            return prober.probe(Target.of("127.0.0.1", port)).join();
        }
    }

    private static int port(String hostPort) {
        return Integer.parseInt(hostPort.substring(hostPort.lastIndexOf(':') + 1));
    }

    /** A Connection Request with this cookie line and an RDP_NEG_REQ for SSL. */
    private static byte[] connectionRequest(byte[] cookieLine) {
        int length = 4 + 7 + cookieLine.length + 8;
        byte[] out = new byte[length];
        out[0] = 3;
        out[2] = (byte) (length >> 8);
        out[3] = (byte) length;
        out[4] = (byte) (length - 5);
        out[5] = (byte) 0xE0;
        System.arraycopy(cookieLine, 0, out, 11, cookieLine.length);
        int neg = 11 + cookieLine.length;
        out[neg] = 1;
        out[neg + 2] = 8;
        out[neg + 4] = 1; // PROTOCOL_SSL
        return out;
    }
}
