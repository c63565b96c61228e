package dev.rdpprobe.exporter;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** A running exporter on an ephemeral loopback port and a client of it, for the tests. */
final class ExporterHttp implements AutoCloseable {

    final RdpExporter exporter;
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    ExporterHttp(String yaml) throws Exception {
        this(ExporterConfig.parse(yaml, "test.yml"), null);
    }

    ExporterHttp(ExporterConfig config, java.nio.file.Path file) throws Exception {
        RdpExporter.Builder b = RdpExporter.builder(config).listen(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        if (file != null) {
            b.configFile(file);
        }
        exporter = b.start();
    }

    HttpResponse<String> get(String pathAndQuery, String... headers) throws IOException, InterruptedException {
        HttpRequest.Builder r = HttpRequest.newBuilder(uri(pathAndQuery)).timeout(Duration.ofSeconds(30)).GET();
        for (int i = 0; i < headers.length; i += 2) {
            r.header(headers[i], headers[i + 1]);
        }
        return client.send(r.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> post(String path) throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(30)).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    java.util.concurrent.CompletableFuture<HttpResponse<String>> getAsync(String pathAndQuery) {
        return client.sendAsync(HttpRequest.newBuilder(uri(pathAndQuery)).timeout(Duration.ofSeconds(30)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    static String probe(String target, String module) {
        return "/probe?target=" + URLEncoder.encode(target, StandardCharsets.UTF_8) + "&module=" + URLEncoder.encode(module, StandardCharsets.UTF_8);
    }

    private URI uri(String pathAndQuery) {
        InetSocketAddress a = exporter.address();
        return URI.create("http://127.0.0.1:" + a.getPort() + pathAndQuery);
    }

    @Override
    public void close() {
        exporter.close();
    }
}
