package dev.rdpprobe.cli;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.rdpprobe.testkit.FakeRdpServer;
import dev.rdpprobe.testkit.udp.FakeUdpResponder;
import dev.rdpprobe.testkit.udp.ReceivedDatagram;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.StringReader;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The HTTP admin interface of {@code rdp-probe fake-server --admin HOST:PORT} (loopback only), as
 * WireMock's: {@code GET /__admin/connections} answers what every client sent, {@code POST
 * /__admin/scenario} switches the scenario served to new connections (a body {@code {"scenario":"NAME"}}
 * names one, any other body is a scenario config in YAML or JSON), {@code POST /__admin/reset}
 * forgets the recorded connections and serves the starting scenario again. Requests are handled
 * one at a time on one thread of its own; a body larger than {@value #MAX_BODY} bytes is refused.
 */
final class FakeServerAdmin implements AutoCloseable {

    /** The largest request body read. */
    static final int MAX_BODY = 64 * 1024;
    static final String PREFIX = "/__admin/";

    private final HttpServer http;
    private final ExecutorService thread;
    private final FakeRdpServer server;
    private final FakeServerScenario initial;
    private final Path configDirectory;
    private volatile FakeServerScenario current;

    private FakeServerAdmin(HttpServer http, FakeRdpServer server, FakeServerScenario initial, Path configDirectory) {
        this.http = http;
        this.server = server;
        this.initial = initial;
        this.current = initial;
        this.configDirectory = configDirectory;
        this.thread = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "rdp-probe-fake-server-admin");
            t.setDaemon(true);
            return t;
        });
        http.setExecutor(thread);
        http.createContext("/", this::handle);
    }

    /**
     * Starts the interface on {@code address}, which must be loopback.
     *
     * @param configDirectory where relative certificate paths of a posted config start
     * @throws IllegalArgumentException for an address that is not loopback
     * @throws IOException if it cannot be bound
     */
    static FakeServerAdmin start(InetSocketAddress address, FakeRdpServer server, FakeServerScenario initial, Path configDirectory)
            throws IOException {
        if (!address.getAddress().isLoopbackAddress()) {
            throw new IllegalArgumentException("--admin " + FakeServerJsonLines.address(address)
                    + " is not a loopback address; the admin interface can switch the server's behaviour and binds loopback only");
        }
        HttpServer http = HttpServer.create(address, 16);
        FakeServerAdmin admin = new FakeServerAdmin(http, server, initial, configDirectory);
        http.start();
        return admin;
    }

    /** Where it listens. */
    InetSocketAddress address() {
        return http.getAddress();
    }

    /** The scenario served now. */
    FakeServerScenario current() {
        return current;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            String method = exchange.getRequestMethod();
            if (!loopbackHost(exchange.getRequestHeaders().getFirst("Host"))) {
                // a web page that rebinds a name to 127.0.0.1 sends its own name: refused
                send(exchange, 403, FakeServerJsonLines.object("error", "the Host header must name a loopback address or localhost"));
                return;
            }
            switch (path) {
                case PREFIX + "connections":
                    if (allowed(exchange, method, "GET")) {
                        List<ReceivedDatagram> datagrams = server.udp() == null ? List.of() : server.udp().received();
                        send(exchange, 200, FakeServerJsonLines.admin(current.name(), server.connections(), datagrams));
                    }
                    break;
                case PREFIX + "scenario":
                    if (allowed(exchange, method, "POST")) {
                        switchTo(exchange);
                    }
                    break;
                case PREFIX + "reset":
                    if (allowed(exchange, method, "POST")) {
                        server.clearConnections();
                        serve(initial);
                        send(exchange, 200, FakeServerJsonLines.object("scenario", initial.name()));
                    }
                    break;
                default:
                    send(exchange, 404, FakeServerJsonLines.object("error", "no such resource; use GET " + PREFIX
                            + "connections, POST " + PREFIX + "scenario or POST " + PREFIX + "reset"));
            }
        } catch (RuntimeException e) {
            // the exchange is closed; a broken request must not end the interface
        }
    }

    private void switchTo(HttpExchange exchange) throws IOException {
        byte[] body = readBody(exchange.getRequestBody());
        if (body == null) {
            send(exchange, 413, FakeServerJsonLines.object("error", "the body is larger than " + MAX_BODY + " bytes"));
            return;
        }
        String text = new String(body, StandardCharsets.UTF_8);
        FakeServerScenario next;
        try {
            next = resolve(text);
        } catch (ScenarioConfigException e) {
            send(exchange, 400, FakeServerJsonLines.object("error", e.getMessage()));
            return;
        }
        serve(next);
        send(exchange, 200, FakeServerJsonLines.object("scenario", next.name()));
    }

    /** {@code {"scenario":"NAME"}} (or {@code scenario: NAME}) names a served scenario; anything else is a config. */
    private FakeServerScenario resolve(String text) throws ScenarioConfigException {
        ConfigNode root = ConfigNode.parse("request body", new StringReader(text), false);
        if (root instanceof ConfigNode.Mapping m && m.entries().size() == 1 && m.entries().get("scenario") instanceof ConfigNode.Scalar s
                && s.text() != null) {
            return FakeServerScenarios.find(s.text()).orElseThrow(() -> new ScenarioConfigException("request body", s.line(),
                    "no scenario named '" + s.text() + "'; use one of " + String.join(", ", FakeServerScenarios.names())));
        }
        return ScenarioConfig.parse("request body", new StringReader(text), false, "posted", configDirectory);
    }

    /** New connections get {@code next}; the UDP port takes its responder (or closes). */
    private synchronized void serve(FakeServerScenario next) {
        server.setDefault(next.scenario());
        FakeUdpResponder.Builder udp = next.udp();
        server.replaceUdp(udp);
        current = next;
    }

    /** Whether a Host header (absent, {@code 127.0.0.1:PORT}, {@code [::1]:PORT}, {@code localhost:PORT}) names loopback. */
    static boolean loopbackHost(String host) {
        if (host == null) {
            return true;
        }
        String h = host.strip();
        if (h.startsWith("[")) {
            int close = h.indexOf(']');
            h = close < 0 ? h : h.substring(1, close);
        } else if (h.indexOf(':') == h.lastIndexOf(':') && h.indexOf(':') >= 0) {
            h = h.substring(0, h.indexOf(':'));
        }
        if (h.equalsIgnoreCase("localhost")) {
            return true;
        }
        byte[] ip = io.netty.util.NetUtil.createByteArrayFromIpAddressString(h);
        try {
            return ip != null && java.net.InetAddress.getByAddress(ip).isLoopbackAddress();
        } catch (java.net.UnknownHostException e) {
            return false;
        }
    }

    private static boolean allowed(HttpExchange exchange, String method, String allowed) throws IOException {
        if (method.equals(allowed)) {
            return true;
        }
        exchange.getResponseHeaders().set("Allow", allowed);
        send(exchange, 405, FakeServerJsonLines.object("error", "use " + allowed));
        return false;
    }

    /** The body, or {@code null} if it is larger than {@link #MAX_BODY}. */
    private static byte[] readBody(InputStream in) throws IOException {
        byte[] body = in.readNBytes(MAX_BODY + 1);
        return body.length > MAX_BODY ? null : body;
    }

    private static void send(HttpExchange exchange, int status, String json) throws IOException {
        byte[] bytes = (json + "\n").getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    /** Stops the interface at once and ends its thread. */
    @Override
    public void close() {
        http.stop(0);
        thread.shutdownNow();
    }
}
