package dev.rdpprobe.tls;

import dev.rdpprobe.core.outcome.TlsVersion;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.CipherSuite;
import org.bouncycastle.tls.ProtocolVersion;

/** Names of TLS protocol versions, cipher suites and alerts, as the outcome model reports them. */
final class TlsNames {

    private static final Map<Integer, String> CIPHER_SUITE_NAMES = cipherSuiteNames();

    private TlsNames() {
    }

    /** The model's version for a BouncyCastle protocol version (by its wire value); empty for SSL 3.0, DTLS or none. */
    static Optional<TlsVersion> version(ProtocolVersion version) {
        return version == null || version.isDTLS() ? Optional.empty()
                : TlsVersion.fromWire(version.getMajorVersion(), version.getMinorVersion());
    }

    /** The BouncyCastle protocol version of a model version (by its wire value). */
    static ProtocolVersion protocolVersion(TlsVersion version) {
        return ProtocolVersion.get(version.wireVersion() >>> 8, version.wireVersion() & 0xFF);
    }

    /** The IANA name of a cipher suite, or {@code 0xHHHH} when BouncyCastle does not know it. */
    static String cipherSuiteName(int cipherSuite) {
        String name = CIPHER_SUITE_NAMES.get(cipherSuite);
        return name != null ? name : String.format(Locale.ROOT, "0x%04X", cipherSuite);
    }

    /**
     * The IANA name of a cipher suite named by the JDK: the JDK still spells a few old suites with an
     * {@code SSL_} prefix (e.g. SSL_RSA_WITH_3DES_EDE_CBC_SHA); IANA names them {@code TLS_}.
     */
    static String ianaCipherSuiteName(String jdkName) {
        if (jdkName != null && jdkName.startsWith("SSL_")) {
            return "TLS_" + jdkName.substring(4);
        }
        return jdkName;
    }

    /** The RFC name of an alert description, e.g. handshake_failure for 40. */
    static String alertName(int description) {
        if (description < 0 || description > 255) {
            return "unknown_" + description;
        }
        String name = AlertDescription.getName((short) description);
        return name == null || name.startsWith("UNKNOWN") ? "unknown_" + description : name;
    }

    /** The alert number for an RFC alert name, or -1. */
    static int alertNumber(String name) {
        for (int i = 0; i < 256; i++) {
            if (alertName(i).equals(name)) {
                return i;
            }
        }
        return -1;
    }

    private static Map<Integer, String> cipherSuiteNames() {
        Map<Integer, String> names = new HashMap<>();
        for (Field field : CipherSuite.class.getFields()) {
            int modifiers = field.getModifiers();
            if (field.getType() == int.class && Modifier.isStatic(modifiers) && Modifier.isFinal(modifiers)) {
                try {
                    names.putIfAbsent(field.getInt(null), field.getName());
                } catch (IllegalAccessException e) {
                    // a public constant is always readable; skip it otherwise
                }
            }
        }
        return Map.copyOf(names);
    }
}
