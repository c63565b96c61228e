package dev.rdpprobe.testkit;

import dev.rdpprobe.testkit.tls.TestCertificate;
import dev.rdpprobe.testkit.tls.TestCertificates;
import dev.rdpprobe.testkit.tls.TlsRecords;
import dev.rdpprobe.testkit.tls.TlsServerHandlers;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * What the fake server does when the client starts TLS after a Connection Confirm that selected a
 * TLS-based protocol: a real handshake (whole, cut, stalled or trickled), or an effect performed when
 * the ClientHello arrives.
 */
public sealed interface TlsStep {

    /**
     * A real handshake with this certificate, offering these versions, its bytes leaving as
     * {@code delivery} says.
     *
     * @param certificate the certificate chain and key to present
     * @param versions JDK names: TLSv1, TLSv1.1, TLSv1.2, TLSv1.3
     * @param delivery how the server's handshake bytes leave
     */
    record Handshake(TestCertificate certificate, List<String> versions, Delivery delivery) implements TlsStep {
        /** Copies the versions; checks the rest is there. */
        public Handshake {
            Objects.requireNonNull(certificate, "certificate");
            versions = List.copyOf(versions);
            Objects.requireNonNull(delivery, "delivery");
        }

        /** A handshake whose bytes all leave as written. */
        public Handshake(TestCertificate certificate, List<String> versions) {
            this(certificate, versions, new Delivery.Whole());
        }
    }

    /** Perform {@code effect} when the ClientHello arrives (raw bytes are not TLS: they go out on TCP). */
    record Act(ConnectionEffect effect) implements TlsStep {
        /** Checks the effect is there. */
        public Act {
            Objects.requireNonNull(effect, "effect");
        }
    }

    /** How the server's side of a real handshake reaches the client. */
    sealed interface Delivery {
        /** Every byte, as written. */
        record Whole() implements Delivery {
        }

        /** The first {@code serverBytes} bytes, then a close (FIN): a handshake cut mid-way. */
        record CutAfter(int serverBytes) implements Delivery {
            /** Checks the count is positive. */
            public CutAfter {
                if (serverBytes < 1) {
                    throw new IllegalArgumentException("serverBytes must be at least 1, was " + serverBytes);
                }
            }
        }

        /** The first {@code serverBytes} bytes, then silence on an open connection: a handshake that stalls mid-way. */
        record StallAfter(int serverBytes) implements Delivery {
            /** Checks the count is positive. */
            public StallAfter {
                if (serverBytes < 1) {
                    throw new IllegalArgumentException("serverBytes must be at least 1, was " + serverBytes);
                }
            }
        }

        /** One byte at a time, each its own write and flush, {@code interval} apart: the client must reassemble records. */
        record Trickle(Duration interval) implements Delivery {
            /** Checks the interval is there and not negative. */
            public Trickle {
                Objects.requireNonNull(interval, "interval");
                if (interval.isNegative()) {
                    throw new IllegalArgumentException("interval must not be negative, was " + interval);
                }
            }
        }
    }

    /** A healthy handshake with a valid certificate for localhost / 127.0.0.1, TLS 1.0 to 1.3. */
    static TlsStep healthy() {
        return new Handshake(TestCertificates.localhost(), TlsServerHandlers.ALL_VERSIONS);
    }

    /** A handshake with this certificate, TLS 1.0 to 1.3. */
    static TlsStep with(TestCertificate certificate) {
        return new Handshake(certificate, TlsServerHandlers.ALL_VERSIONS);
    }

    /** A handshake offering only these versions, with a valid certificate. */
    static TlsStep versions(String... versions) {
        return new Handshake(TestCertificates.localhost(), List.of(versions));
    }

    /** A healthy handshake (valid localhost certificate, TLS 1.0 to 1.3) sent one byte at a time, {@code interval} apart. */
    static TlsStep trickle(Duration interval) {
        return new Handshake(TestCertificates.localhost(), TlsServerHandlers.ALL_VERSIONS, new Delivery.Trickle(interval));
    }

    /** A healthy handshake (valid localhost certificate, TLS 1.0 to 1.3) of which only the first {@code serverBytes} bytes leave. */
    static TlsStep stallAfter(int serverBytes) {
        return new Handshake(TestCertificates.localhost(), TlsServerHandlers.ALL_VERSIONS, new Delivery.StallAfter(serverBytes));
    }

    /** A handshake with this certificate and these versions that is cut (FIN) after {@code serverBytes} bytes. */
    static TlsStep cutAfter(TestCertificate certificate, List<String> versions, int serverBytes) {
        return new Handshake(certificate, versions, new Delivery.CutAfter(serverBytes));
    }

    /** Read the ClientHello and never answer. */
    static TlsStep stall() {
        return new Act(ConnectionEffect.stall());
    }

    /** Close (FIN) when the ClientHello arrives. */
    static TlsStep close() {
        return new Act(ConnectionEffect.close());
    }

    /** Reset (RST) when the ClientHello arrives. */
    static TlsStep reset() {
        return new Act(ConnectionEffect.reset());
    }

    /** Half-close when the ClientHello arrives: shut down the output (FIN) and keep reading, never closing. */
    static TlsStep halfClose() {
        return new Act(ConnectionEffect.halfClose());
    }

    /** Answer the ClientHello with these bytes (not TLS), then stay silent. */
    static TlsStep raw(byte[] bytes) {
        return new Act(ConnectionEffect.send(bytes));
    }

    /** Answer the ClientHello with a fatal alert record of this description (TLS 1.2 record version), then close. */
    static TlsStep alert(int description) {
        return new Act(ConnectionEffect.sendThenClose(TlsRecords.fatalAlert(TlsRecords.TLS_1_2, description)));
    }
}
