package dev.rdpprobe.bench.exporter;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Scrapers for the benchmark: each a thread with one keep-alive HTTP/1.1 connection that sends
 * {@code GET path} again as soon as the answer is read, and checks it is a 200 with {@code probe_success 1}.
 */
final class Scrapers {

    private Scrapers() {
    }

    /** Answers per second of {@code concurrency} scrapers for {@code duration}; any other answer fails the run. */
    static double closedLoop(InetSocketAddress exporter, String path, int concurrency, Duration duration) throws Exception {
        byte[] request = ("GET " + path + " HTTP/1.1\r\nHost: bench\r\nAccept: text/plain\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        long end = System.nanoTime() + duration.toNanos();
        AtomicLong done = new AtomicLong();
        AtomicReference<Exception> failure = new AtomicReference<>();
        List<Thread> threads = new ArrayList<>();
        long start = System.nanoTime();
        for (int i = 0; i < concurrency; i++) {
            Thread t = new Thread(() -> {
                try (Socket s = new Socket(exporter.getAddress(), exporter.getPort())) {
                    s.setTcpNoDelay(true);
                    OutputStream out = s.getOutputStream();
                    InputStream in = new BufferedInputStream(s.getInputStream(), 16384);
                    while (System.nanoTime() < end && failure.get() == null) {
                        out.write(request);
                        out.flush();
                        String body = readAnswer(in);
                        if (!body.contains("\nprobe_success 1")) {
                            throw new IOException("not a successful probe: " + body.substring(0, Math.min(200, body.length())));
                        }
                        done.incrementAndGet();
                    }
                } catch (Exception e) {
                    failure.compareAndSet(null, e);
                }
            }, "bench-scraper-" + i);
            t.start();
            threads.add(t);
        }
        for (Thread t : threads) {
            t.join();
        }
        if (failure.get() != null) {
            throw failure.get();
        }
        return done.get() / ((System.nanoTime() - start) / 1e9);
    }

    /** Reads one answer: status line and headers up to the blank line, then Content-Length bytes. */
    private static String readAnswer(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        int length = -1;
        String line;
        boolean first = true;
        while (!(line = readLine(in)).isEmpty()) {
            if (first && !line.startsWith("HTTP/1.1 200")) {
                throw new IOException("answer " + line);
            }
            first = false;
            head.append(line).append('\n');
            if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                length = Integer.parseInt(line.substring(15).strip());
            }
        }
        if (length < 0) {
            throw new IOException("no Content-Length in " + head);
        }
        byte[] body = in.readNBytes(length);
        return new String(body, StandardCharsets.UTF_8);
    }

    private static String readLine(InputStream in) throws IOException {
        StringBuilder b = new StringBuilder();
        int c;
        while ((c = in.read()) != '\n') {
            if (c < 0) {
                throw new IOException("connection closed");
            }
            if (c != '\r') {
                b.append((char) c);
            }
        }
        return b.toString();
    }
}
