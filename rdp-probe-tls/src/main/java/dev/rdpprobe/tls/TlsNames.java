package dev.rdpprobe.tls;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.CipherSuite;
import org.bouncycastle.tls.ProtocolVersion;

/** Names of TLS protocol versions, cipher suites and alerts, as the outcome model reports them. */
final class TlsNames {

    private static final Map<Integer, String> CIPHER_SUITE_NAMES = cipherSuiteNames();

    private TlsNames() {
    }

    /** The JDK-style name of a protocol version (TLSv1, TLSv1.1, TLSv1.2, TLSv1.3), or BC's name for anything else. */
    static String versionName(ProtocolVersion version) {
        if (ProtocolVersion.TLSv10.equals(version)) {
            return "TLSv1";
        }
        if (ProtocolVersion.TLSv11.equals(version)) {
            return "TLSv1.1";
        }
        if (ProtocolVersion.TLSv12.equals(version)) {
            return "TLSv1.2";
        }
        if (ProtocolVersion.TLSv13.equals(version)) {
            return "TLSv1.3";
        }
        return version == null ? "unknown" : version.getName();
    }

    /** The BouncyCastle version for a JDK-style name. */
    static ProtocolVersion version(String jdkName) {
        switch (jdkName) {
            case "TLSv1":
                return ProtocolVersion.TLSv10;
            case "TLSv1.1":
                return ProtocolVersion.TLSv11;
            case "TLSv1.2":
                return ProtocolVersion.TLSv12;
            case "TLSv1.3":
                return ProtocolVersion.TLSv13;
            default:
                throw new IllegalArgumentException("unknown TLS version '" + jdkName + "'");
        }
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
