package dev.rdpprobe.testkit.tls;

/** Raw TLS records for scripting a misbehaving server, e.g. an alert instead of a ServerHello. */
public final class TlsRecords {

    /** TLS 1.0 record version (0x0301). */
    public static final int TLS_1_0 = 0x0301;
    /** TLS 1.2 record version (0x0303), also used by TLS 1.3 records. */
    public static final int TLS_1_2 = 0x0303;

    /** Alert description handshake_failure (40). */
    public static final int HANDSHAKE_FAILURE = 40;
    /** Alert description protocol_version (70). */
    public static final int PROTOCOL_VERSION = 70;
    /** Alert description internal_error (80). */
    public static final int INTERNAL_ERROR = 80;

    private TlsRecords() {
    }

    /**
     * A 7-byte fatal alert record: content type 21, the record version, length 2, level fatal (2), and
     * the description.
     *
     * @param version record version, e.g. {@link #TLS_1_2} (0x0303)
     * @param description alert description, e.g. {@link #HANDSHAKE_FAILURE}
     * @throws IllegalArgumentException if a value does not fit its field
     */
    public static byte[] fatalAlert(int version, int description) {
        if (version < 0 || version > 0xFFFF) {
            throw new IllegalArgumentException("record version must fit 16 bits, got " + version);
        }
        if (description < 0 || description > 255) {
            throw new IllegalArgumentException("alert description must fit 8 bits, got " + description);
        }
        return new byte[] {21, (byte) (version >>> 8), (byte) version, 0, 2, 2, (byte) description};
    }
}
