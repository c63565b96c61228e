package dev.rdpprobe.testkit.tls;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.bouncycastle.tls.CipherSuite;

/** The IANA names of TLS cipher suite codes, taken from BouncyCastle's {@link CipherSuite} constants. */
final class CipherSuiteNames {

    private static final Map<Integer, String> NAMES = names();

    private CipherSuiteNames() {
    }

    /** The suites' names in the order given; a code without a name as {@code 0x} and four hex digits. */
    static List<String> of(int[] suites) {
        if (suites == null) {
            return List.of();
        }
        return java.util.Arrays.stream(suites).mapToObj(CipherSuiteNames::name).toList();
    }

    static String name(int suite) {
        String name = NAMES.get(suite);
        return name != null ? name : String.format(Locale.ROOT, "0x%04x", suite & 0xFFFF);
    }

    private static Map<Integer, String> names() {
        Map<Integer, String> names = new HashMap<>();
        for (Field f : CipherSuite.class.getFields()) {
            if (Modifier.isStatic(f.getModifiers()) && f.getType() == int.class && f.getName().startsWith("TLS_")) {
                try {
                    names.putIfAbsent(f.getInt(null), f.getName()); // the first name of a code that has two (DRAFT_ aliases)
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException("cannot read " + f, e);
                }
            }
        }
        return Map.copyOf(names);
    }
}
