package dev.rdpprobe.core.outcome;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A TLS protocol version an RDP server may speak, with its one mapping to the JDK's name
 * ({@code TLSv1.2}, what {@code SSLSession.getProtocol()} says and the JSON carries) and to the
 * record-layer version on the wire (major 3, minor 1 for TLS 1.0 … 4 for TLS 1.3).
 */
public enum TlsVersion {
    /** TLS 1.0. */
    TLS_1_0("TLSv1", 0x0301),
    /** TLS 1.1. */
    TLS_1_1("TLSv1.1", 0x0302),
    /** TLS 1.2. */
    TLS_1_2("TLSv1.2", 0x0303),
    /** TLS 1.3. */
    TLS_1_3("TLSv1.3", 0x0304);

    private static final List<TlsVersion> ALL = List.of(values());

    private final String jdkName;
    private final int wireVersion;

    TlsVersion(String jdkName, int wireVersion) {
        this.jdkName = jdkName;
        this.wireVersion = wireVersion;
    }

    /** Every version, oldest first. */
    public static List<TlsVersion> all() {
        return ALL;
    }

    /** The JDK's name, e.g. {@code TLSv1} or {@code TLSv1.3}. */
    public String jdkName() {
        return jdkName;
    }

    /** The protocol version on the wire: major byte then minor byte, e.g. {@code 0x0303} for TLS 1.2. */
    public int wireVersion() {
        return wireVersion;
    }

    /** Whether this is TLS 1.0 or 1.1, which current clients and policies refuse. */
    public boolean isLegacy() {
        return this == TLS_1_0 || this == TLS_1_1;
    }

    /** The version the JDK calls {@code jdkName} ({@code TLSv1}, {@code TLSv1.1} …); empty for any other name. */
    public static Optional<TlsVersion> fromJdkName(String jdkName) {
        for (TlsVersion v : ALL) {
            if (v.jdkName.equals(jdkName)) {
                return Optional.of(v);
            }
        }
        return Optional.empty();
    }

    /** The version of a wire value ({@code 0x0301} … {@code 0x0304}); empty for any other value. */
    public static Optional<TlsVersion> fromWire(int major, int minor) {
        for (TlsVersion v : ALL) {
            if (v.wireVersion == ((major << 8) | minor)) {
                return Optional.of(v);
            }
        }
        return Optional.empty();
    }

    /**
     * Reads the names people write: {@code 1.2}, {@code 1.0} or {@code 1}, {@code TLSv1.2}, {@code tls1.2},
     * {@code TLS_1_2} (case-insensitive).
     *
     * @throws IllegalArgumentException naming the unknown text and the accepted versions
     */
    public static TlsVersion parse(String text) {
        String v = text.strip().toLowerCase(Locale.ROOT).replace('_', '.');
        if (v.startsWith("tlsv")) {
            v = v.substring(4);
        } else if (v.startsWith("tls")) {
            v = v.substring(3);
        }
        if (v.startsWith(".")) {
            v = v.substring(1);
        }
        switch (v) {
            case "1": case "1.0": return TLS_1_0;
            case "1.1": return TLS_1_1;
            case "1.2": return TLS_1_2;
            case "1.3": return TLS_1_3;
            default:
                throw new IllegalArgumentException("unknown TLS version '" + text.strip() + "'; use 1.0, 1.1, 1.2 or 1.3");
        }
    }

    /** The JDK's name, e.g. {@code TLSv1.2}. */
    @Override
    public String toString() {
        return jdkName;
    }
}
