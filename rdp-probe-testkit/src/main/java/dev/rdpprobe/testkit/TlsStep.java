package dev.rdpprobe.testkit;

import dev.rdpprobe.testkit.tls.TestCertificate;
import dev.rdpprobe.testkit.tls.TestCertificates;
import dev.rdpprobe.testkit.tls.TlsRecords;
import dev.rdpprobe.testkit.tls.TlsServerHandlers;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/** What the fake server does when the client starts TLS after a Connection Confirm that selected a TLS-based protocol. */
public sealed interface TlsStep {

    /** A real handshake with this certificate, offering these versions (TLSv1 … TLSv1.3). */
    record Handshake(TestCertificate certificate, List<String> versions) implements TlsStep {
        public Handshake {
            Objects.requireNonNull(certificate, "certificate");
            versions = List.copyOf(versions);
        }
    }

    /** A real handshake, but the connection is closed once the server has sent {@code serverBytes} bytes of it. */
    record CutAfter(TestCertificate certificate, List<String> versions, int serverBytes) implements TlsStep {
        public CutAfter {
            Objects.requireNonNull(certificate, "certificate");
            versions = List.copyOf(versions);
            if (serverBytes < 1) {
                throw new IllegalArgumentException("serverBytes must be at least 1");
            }
        }
    }

    /**
     * A real handshake, but only its first {@code serverBytes} bytes leave; then the server says nothing
     * more and keeps the connection open (a server, or a path, that stalls mid-handshake).
     */
    record StallAfter(TestCertificate certificate, List<String> versions, int serverBytes) implements TlsStep {
        public StallAfter {
            Objects.requireNonNull(certificate, "certificate");
            versions = List.copyOf(versions);
            if (serverBytes < 1) {
                throw new IllegalArgumentException("serverBytes must be at least 1");
            }
        }
    }

    /**
     * A real handshake whose bytes leave one at a time, each byte its own write and flush, {@code interval}
     * apart: the client must reassemble TLS records from partial reads (or time out, if the interval is long).
     */
    record Trickle(TestCertificate certificate, List<String> versions, Duration interval) implements TlsStep {
        public Trickle {
            Objects.requireNonNull(certificate, "certificate");
            versions = List.copyOf(versions);
            Objects.requireNonNull(interval, "interval");
        }
    }

    /** Read the ClientHello and never answer. */
    record Stall() implements TlsStep {
    }

    /** Half-close when the ClientHello arrives: shut down the output (FIN) and keep reading, never closing. */
    record HalfClose() implements TlsStep {
    }

    /** Close (FIN) when the ClientHello arrives. */
    record Close() implements TlsStep {
    }

    /** Reset (RST) when the ClientHello arrives. */
    record Reset() implements TlsStep {
    }

    /** Answer the ClientHello with a fatal alert record, then close. */
    record Alert(int description) implements TlsStep {
    }

    /** Answer the ClientHello with these bytes (not TLS), then stay silent. */
    record Raw(byte[] bytes) implements TlsStep {
        public Raw {
            bytes = bytes.clone();
        }
    }

    /** A healthy handshake with a valid certificate for localhost / 127.0.0.1, TLS 1.0 to 1.3. */
    static TlsStep healthy() {
        return new Handshake(TestCertificates.localhost(), TlsServerHandlers.ALL_VERSIONS);
    }

    /** A healthy handshake (valid localhost certificate, TLS 1.0 to 1.3) sent one byte at a time, {@code interval} apart. */
    static TlsStep trickle(Duration interval) {
        return new Trickle(TestCertificates.localhost(), TlsServerHandlers.ALL_VERSIONS, interval);
    }

    /** A healthy handshake (valid localhost certificate, TLS 1.0 to 1.3) of which only the first {@code serverBytes} bytes leave. */
    static TlsStep stallAfter(int serverBytes) {
        return new StallAfter(TestCertificates.localhost(), TlsServerHandlers.ALL_VERSIONS, serverBytes);
    }

    /** A handshake with this certificate, TLS 1.0 to 1.3. */
    static TlsStep with(TestCertificate certificate) {
        return new Handshake(certificate, TlsServerHandlers.ALL_VERSIONS);
    }

    /** A handshake offering only these versions, with a valid certificate. */
    static TlsStep versions(String... versions) {
        return new Handshake(TestCertificates.localhost(), List.of(versions));
    }

    /** The record bytes of a fatal alert at TLS 1.2 record version. */
    static byte[] alertRecord(int description) {
        return TlsRecords.fatalAlert(TlsRecords.TLS_1_2, description);
    }
}
