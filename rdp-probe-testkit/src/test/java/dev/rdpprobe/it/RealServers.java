package dev.rdpprobe.it;

import static org.junit.jupiter.api.Assertions.fail;

import dev.rdpprobe.core.target.Target;
import java.io.IOException;
import java.io.Reader;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * The real RDP servers that {@code .ci/realservers/start.sh} started on 127.0.0.1: their names and
 * ports, read from the {@code servers.properties} file named by the system property
 * {@value #PROPERTY}, and what start.sh put into them (certificate names).
 *
 * <p>When the {@code realserver} tests run without that file they fail, naming what to do: a
 * missing server must never turn into a silently skipped test.
 */
final class RealServers {

    /** System property holding the path of start.sh's {@code servers.properties}. */
    static final String PROPERTY = "rdpprobe.realservers";

    /** xrdp with security_layer=negotiate and the {@link #XRDP_CN} certificate. */
    static final String XRDP_NEGOTIATE = "xrdp.negotiate";
    /** xrdp with security_layer=tls and the {@link #XRDP_CN} certificate. */
    static final String XRDP_TLS = "xrdp.tls";
    /** xrdp with security_layer=rdp. */
    static final String XRDP_RDP = "xrdp.rdp";
    /** xrdp with security_layer=tls and the expired {@link #EXPIRED_CN} certificate. */
    static final String XRDP_EXPIRED = "xrdp.expired";
    /** FreeRDP shadow server, /sec:nla with a SAM file. */
    static final String FREERDP_NLA = "freerdp.nla";
    /** FreeRDP shadow server, /sec:tls. */
    static final String FREERDP_TLS = "freerdp.tls";
    /** FreeRDP shadow server, /sec:rdp. */
    static final String FREERDP_RDP = "freerdp.rdp";

    /** xrdp with security_layer=rdp and crypt_level=LEVEL (none, low, medium, high, fips): {@code XRDP_RDP_AT + LEVEL}. */
    static final String XRDP_RDP_AT = "xrdp.rdp.";
    /** FreeRDP shadow server, /sec:nla with a SAM file whose user and password the tests read ({@link #credentialsFile}). */
    static final String FREERDP_CREDENTIALS = "freerdp.credentials";

    /** Subject CN of the certificate start.sh makes for xrdp.negotiate and xrdp.tls. */
    static final String XRDP_CN = "rdpprobe-it-xrdp";
    /** Subject CN of the expired certificate start.sh makes (under faketime from 2020-01-01 00:00:00, 30 days; the fake clock runs, so notAfter is a few seconds later). */
    static final String EXPIRED_CN = "rdpprobe-it-expired";
    /** notAfter of the expired certificate. */
    static final Instant EXPIRED_NOT_AFTER = Instant.parse("2020-01-31T00:00:00Z");

    private static final String HOW = "start the servers with `.ci/realservers/start.sh DIR` and pass -D" + PROPERTY
            + "=DIR/servers.properties, or run `.ci/realservers/run-it.sh`";

    private final Path file;
    private final Map<String, Integer> ports;

    private RealServers(Path file, Map<String, Integer> ports) {
        this.file = file;
        this.ports = ports;
    }

    /** Reads the file named by the system property; fails the calling test if it is unset or unreadable. */
    static RealServers fromSystemProperty() {
        return load(System.getProperty(PROPERTY));
    }

    /**
     * Reads a servers.properties file (name=port lines).
     *
     * @param path the path, or {@code null} / blank when the property was not set
     */
    static RealServers load(String path) {
        if (path == null || path.isBlank()) {
            fail("the realserver tests need the system property " + PROPERTY + " (path of servers.properties); " + HOW);
        }
        Path file = Path.of(path);
        if (!Files.isRegularFile(file)) {
            fail(PROPERTY + "=" + path + " does not name a file; " + HOW);
        }
        Properties props = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            props.load(r);
        } catch (IOException e) {
            fail("cannot read " + file + ": " + e.getMessage() + "; " + HOW);
        }
        Map<String, Integer> ports = new TreeMap<>();
        for (String name : props.stringPropertyNames()) {
            String value = props.getProperty(name).trim();
            int port = -1;
            if (value.matches("[0-9]{1,5}")) {
                port = Integer.parseInt(value);
            }
            if (port < 1 || port > 65535) {
                fail(file + ": " + name + "=" + value + " is not a port (1..65535)");
            }
            ports.put(name, port);
        }
        return new RealServers(file, ports);
    }

    /**
     * A file start.sh wrote beside servers.properties for the {@link #FREERDP_CREDENTIALS} server: {@code user} (its
     * SAM user) or {@code password} (its random password, mode 600), or the server's certificate ({@code shadow.crt}).
     */
    Path credentialsFile(String which) {
        Path dir = file.toAbsolutePath().getParent();
        Path path = which.equals("shadow.crt")
                ? dir.resolve(FREERDP_CREDENTIALS).resolve("config/freerdp/shadow/shadow.crt")
                : dir.resolve(FREERDP_CREDENTIALS + "." + which);
        if (!Files.isRegularFile(path)) {
            fail(path + " is missing; did start.sh (with the " + FREERDP_CREDENTIALS + " instance) finish?");
        }
        return path;
    }

    /** The loopback target of the named server; fails the calling test if start.sh did not list it. */
    Target target(String name) {
        Integer port = ports.get(name);
        if (port == null) {
            fail(file + " lists no server '" + name + "' (it lists " + ports.keySet() + "); did start.sh finish?");
        }
        return Target.of("127.0.0.1", port);
    }

    /**
     * This machine's host name as FreeRDP's NTLM sees it: {@code gethostname()} up to the first dot.
     * Read from the kernel on Linux (where these servers run), else from the JDK.
     */
    static String shortHostName() {
        String name;
        try {
            name = Files.readString(Path.of("/proc/sys/kernel/hostname"), StandardCharsets.US_ASCII).trim();
        } catch (IOException e) {
            try {
                name = InetAddress.getLocalHost().getHostName();
            } catch (IOException e2) {
                throw new IllegalStateException("cannot learn this machine's host name", e2);
            }
        }
        int dot = name.indexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }
}
