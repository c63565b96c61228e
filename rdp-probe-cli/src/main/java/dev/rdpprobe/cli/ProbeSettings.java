package dev.rdpprobe.cli;

import dev.rdpprobe.core.ProbeOptions;
import dev.rdpprobe.core.RdpProber;
import dev.rdpprobe.core.UdpMode;
import dev.rdpprobe.core.outcome.SecurityProtocolSet;
import dev.rdpprobe.core.outcome.TlsVersion;
import io.netty.util.NetUtil;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Option;

/**
 * The options that shape a probe, shared by every command that probes. {@link #builder()} turns them
 * into an {@link RdpProber.Builder}; every mistake becomes an {@link IllegalArgumentException} whose
 * message says what to fix.
 */
public final class ProbeSettings {

    /** Upper bound of any limit, as {@link ProbeOptions} accepts. */
    private static final Duration MAX_LIMIT = Duration.ofHours(1);

    @Option(names = "--timeout", paramLabel = "DURATION", converter = DurationConverter.class, order = 10,
            description = "Limit for every phase: resolve, connect, X.224, TLS, CredSSP (default 5s each). The options below override it per phase.")
    Duration timeout;

    @Option(names = "--resolve-timeout", paramLabel = "DURATION", converter = DurationConverter.class, order = 11,
            description = "Limit for name resolution.")
    Duration resolveTimeout;

    @Option(names = "--connect-timeout", paramLabel = "DURATION", converter = DurationConverter.class, order = 12,
            description = "Limit for the TCP handshake.")
    Duration connectTimeout;

    @Option(names = "--x224-timeout", paramLabel = "DURATION", converter = DurationConverter.class, order = 13,
            description = "Limit for the X.224 Connection Confirm.")
    Duration x224Timeout;

    @Option(names = "--tls-timeout", paramLabel = "DURATION", converter = DurationConverter.class, order = 14,
            description = "Limit for the TLS handshake.")
    Duration tlsTimeout;

    @Option(names = "--credssp-timeout", paramLabel = "DURATION", converter = DurationConverter.class, order = 15,
            description = "Limit for the server's first CredSSP answer.")
    Duration credsspTimeout;

    @Option(names = "--deadline", paramLabel = "DURATION", converter = DurationConverter.class, order = 16,
            description = "Limit for the whole probe, UDP included (default 20s; when you raise a phase limit or --udp-attempts without --deadline, "
                    + "the deadline grows to the sum of the phase limits so that none is cut short). A --deadline caps the phase limits "
                    + "set by --timeout or left at their defaults, and the default UDP attempts; a phase limit or --udp-attempts you give must fit within it.")
    Duration deadline;

    @Option(names = "--protocols", paramLabel = "LIST", order = 20,
            description = "Security protocols to request, comma-separated: rdp, ssl, hybrid, hybrid_ex, rdstls (default ssl,hybrid,hybrid_ex, as Windows asks).")
    String protocols;

    @Option(names = "--cookie", paramLabel = "USER", order = 21,
            description = "User name in the mstshash cookie (default rdpprobe). No password is ever sent.")
    String cookie;

    @Option(names = "--no-cookie", order = 22, description = "Send no mstshash cookie.")
    boolean noCookie;

    @Option(names = "--tls-engine", paramLabel = "NAME", order = 23,
            description = "TLS engine, e.g. bouncycastle or jdk (default: the TLS module's preferred one).")
    String tlsEngine;

    @Option(names = "--tls-versions", paramLabel = "LIST", order = 24,
            description = "TLS versions to offer, comma-separated: 1.0, 1.1, 1.2, 1.3 (or TLSv1.2 …; default all four).")
    String tlsVersions;

    @Option(names = "--enumerate-tls", order = 25, description = "Also test each TLS version on its own connection.")
    boolean enumerateTls;

    @Option(names = "--enumerate-security", order = 26,
            description = "Also test each security protocol on its own connection (tells whether NLA is required), and under "
                    + "Standard RDP Security each encryption method (none, 40-, 56-, 128-bit RC4, FIPS).")
    boolean enumerateSecurity;

    @Option(names = "--no-credssp", order = 27, description = "Stop after TLS; do not start CredSSP.")
    boolean noCredssp;

    @Option(names = "--no-mcs", order = 28,
            description = "Do not send the MCS Connect Initial after Standard RDP Security or TLS alone (no RDP version, encryption or multitransport facts).")
    boolean noMcs;

    @Option(names = "--no-udp", order = 30, description = "Do not probe UDP 3389.")
    boolean noUdp;

    @Option(names = "--udp-only", order = 31, description = "Probe only UDP (MS-RDPEUDP SYN); skip every TCP phase.")
    boolean udpOnly;

    @Option(names = "--udp-attempts", paramLabel = "N", order = 32,
            description = "SYN datagrams to send before giving up, 1..10 (default 3).")
    Integer udpAttempts;

    @Option(names = "--trust-store", paramLabel = "FILE", order = 40,
            description = "Trust anchors for the certificate check: a PKCS#12 or JKS key store, or a PEM file of certificates (default: the JVM's).")
    Path trustStore;

    @Option(names = "--trust-store-password", paramLabel = "PASSWORD", order = 41, interactive = true, arity = "0..1",
            description = "Password of --trust-store; give the option without a value to be asked for it.")
    char[] trustStorePassword;

    @Option(names = "--dns-server", paramLabel = "HOST:PORT", order = 42,
            description = "DNS server to ask instead of the system's, as an IP address with an optional port (repeatable). /etc/hosts is honoured either way.")
    List<String> dnsServers;

    /**
     * An {@link RdpProber.Builder} set up from these options.
     *
     * @throws IllegalArgumentException with a message that says what to fix
     */
    public RdpProber.Builder builder() {
        RdpProber.Builder b = RdpProber.builder();
        ProbeOptions defaults = ProbeOptions.DEFAULTS;
        Duration resolve = first(resolveTimeout, timeout, defaults.resolveTimeout());
        Duration connect = first(connectTimeout, timeout, defaults.connectTimeout());
        Duration x224 = first(x224Timeout, timeout, defaults.x224Timeout());
        Duration tls = first(tlsTimeout, timeout, defaults.tlsTimeout());
        Duration credssp = first(credsspTimeout, timeout, defaults.credsspTimeout());
        if (udpAttempts != null && (udpAttempts < 1 || udpAttempts > 10)) {
            throw new IllegalArgumentException("--udp-attempts " + udpAttempts + " is out of range; use 1..10");
        }
        int attempts = udpAttempts != null ? udpAttempts : defaults.udpAttempts();
        if (deadline != null) {
            // --deadline caps every limit left at its default or set by --timeout; one given by its own option must fit it
            resolve = fitted(resolve, resolveTimeout, "--resolve-timeout");
            connect = fitted(connect, connectTimeout, "--connect-timeout");
            x224 = fitted(x224, x224Timeout, "--x224-timeout");
            tls = fitted(tls, tlsTimeout, "--tls-timeout");
            credssp = noCredssp ? credssp : fitted(credssp, credsspTimeout, "--credssp-timeout");
            attempts = fittedUdpAttempts(attempts, defaults.udpInitialRetransmit());
            b.deadline(deadline);
        } else if (timeout != null || resolveTimeout != null || connectTimeout != null || x224Timeout != null
                || tlsTimeout != null || credsspTimeout != null || udpAttempts != null) {
            Duration sum = resolve.plus(connect).plus(x224).plus(tls).plus(credssp);
            Duration udp = ProbeOptions.lastSynAfter(attempts, defaults.udpInitialRetransmit()).plusMillis(1);
            Duration grown = max(max(sum, udp), defaults.deadline());
            b.deadline(grown.compareTo(MAX_LIMIT) > 0 ? MAX_LIMIT : grown);
        }
        b.resolveTimeout(resolve).connectTimeout(connect).x224Timeout(x224).tlsTimeout(tls).credsspTimeout(credssp);

        if (protocols != null) {
            b.requestedProtocols(parseProtocols(protocols));
        }
        if (noCookie && cookie != null) {
            throw new IllegalArgumentException("--cookie and --no-cookie contradict each other; give one");
        }
        if (cookie != null && cookie.isEmpty()) {
            throw new IllegalArgumentException("--cookie is empty; give a user name (--cookie alice), "
                    + "use --no-cookie to send no cookie, or omit the option for the default (rdpprobe)");
        }
        if (noCookie) {
            b.cookie(null);
        } else if (cookie != null) {
            b.cookie(cookie);
        }
        if (tlsEngine != null) {
            if (tlsEngine.isBlank()) {
                throw new IllegalArgumentException("--tls-engine is empty; name an engine (bouncycastle or jdk), "
                        + "or omit the option for the default");
            }
            b.tlsEngine(tlsEngine.strip().toLowerCase(Locale.ROOT));
        }
        if (tlsVersions != null) {
            b.tlsVersions(parseTlsVersions(tlsVersions));
        }
        b.enumerateTlsVersions(enumerateTls);
        b.enumerateSecurityLayers(enumerateSecurity);
        b.credssp(!noCredssp);
        b.mcsConnect(!noCredssp && !noMcs); // --no-credssp stops after TLS, as it always did

        if (noUdp && udpOnly) {
            throw new IllegalArgumentException("--no-udp and --udp-only contradict each other; give one");
        }
        if (udpOnly && (enumerateTls || enumerateSecurity)) {
            throw new IllegalArgumentException((enumerateTls ? "--enumerate-tls" : "--enumerate-security")
                    + " needs TCP, but --udp-only skips every TCP phase; give one");
        }
        b.udpMode(udpOnly ? UdpMode.ONLY : noUdp ? UdpMode.OFF : UdpMode.BESIDE);
        b.udpAttempts(attempts);

        if (trustStorePassword != null && trustStore == null) {
            throw new IllegalArgumentException("--trust-store-password needs --trust-store FILE");
        }
        if (trustStore != null) {
            b.trustStore(TrustStores.load(trustStore, trustStorePassword));
        }
        if (dnsServers != null && !dnsServers.isEmpty()) {
            List<InetSocketAddress> servers = new ArrayList<>();
            for (String s : dnsServers) {
                servers.add(parseDnsServer(s));
            }
            b.dnsServers(servers);
        }
        return b;
    }

    /**
     * The options these settings give, validated.
     *
     * @throws IllegalArgumentException with a message that says what to fix
     */
    public ProbeOptions options() {
        return builder().options();
    }

    /**
     * A phase limit under an explicit --deadline: one from the defaults or from the blanket --timeout is cut to
     * the deadline; one the user gave by its own option must fit it.
     */
    private Duration fitted(Duration limit, Duration specific, String option) {
        if (limit.compareTo(deadline) <= 0) {
            return limit;
        }
        if (specific != null) {
            throw new IllegalArgumentException("--deadline " + text(deadline) + " is shorter than " + option + " " + text(specific)
                    + ", so that limit could never apply; raise --deadline or lower " + option);
        }
        return deadline;
    }

    /**
     * The UDP attempts under an explicit --deadline: the default is lowered until the last SYN goes out before
     * it; a count the user gave must fit it.
     */
    private int fittedUdpAttempts(int attempts, Duration initialRetransmit) {
        if (noUdp) {
            return attempts;
        }
        int fitted = attempts;
        while (fitted > 1 && ProbeOptions.lastSynAfter(fitted, initialRetransmit).compareTo(deadline) >= 0) {
            fitted--;
        }
        if (fitted != attempts && udpAttempts != null) {
            throw new IllegalArgumentException("--udp-attempts " + udpAttempts + " sends the last SYN after "
                    + text(ProbeOptions.lastSynAfter(attempts, initialRetransmit)) + " (each wait doubles from "
                    + text(initialRetransmit) + "), not before --deadline " + text(deadline)
                    + "; use at most " + fitted + " attempts or raise --deadline");
        }
        return fitted;
    }

    /** A limit as the user writes it: 1500ms, 3s. */
    private static String text(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + "s" : d.toMillis() + "ms";
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    private static Duration first(Duration specific, Duration general, Duration fallback) {
        return specific != null ? specific : general != null ? general : fallback;
    }

    /**
     * Reads "ssl,hybrid" … as {@link SecurityProtocolSet#parse} does, but refuses an empty list or an
     * empty name between commas: the library reads "" as Standard RDP Security only, which a user
     * who left the value empty by mistake did not ask for ({@code rdp} says it explicitly).
     */
    static SecurityProtocolSet parseProtocols(String csv) {
        if (csv.replace(",", "").isBlank()) {
            throw new IllegalArgumentException("--protocols is empty; name at least one of rdp, ssl, hybrid, hybrid_ex, rdstls, rdsaad "
                    + "(comma-separated; rdp alone asks for Standard RDP Security), or omit the option for ssl,hybrid,hybrid_ex");
        }
        requireNoEmptyItem("--protocols", csv);
        return SecurityProtocolSet.parse(csv);
    }

    private static void requireNoEmptyItem(String option, String csv) {
        for (String item : csv.split(",", -1)) {
            if (item.isBlank()) {
                throw new IllegalArgumentException(option + " '" + csv + "' has an empty name between commas; "
                        + "write the names separated by single commas");
            }
        }
    }

    /** Reads "1.2,1.3", "TLSv1.2", "tls1.0" … as {@link TlsVersion#parse} does, without repeats. */
    static List<TlsVersion> parseTlsVersions(String csv) {
        if (csv.replace(",", "").isBlank()) {
            throw new IllegalArgumentException("--tls-versions is empty; name at least one of 1.0, 1.1, 1.2, 1.3 "
                    + "(comma-separated), or omit the option to offer all four");
        }
        requireNoEmptyItem("--tls-versions", csv);
        List<TlsVersion> out = new ArrayList<>();
        for (String raw : csv.split(",")) {
            TlsVersion version;
            try {
                version = TlsVersion.parse(raw);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--tls-versions: unknown TLS version '" + raw.strip()
                        + "'; use a comma-separated list of 1.0, 1.1, 1.2, 1.3");
            }
            if (!out.contains(version)) {
                out.add(version);
            }
        }
        return out;
    }

    /** Reads {@code IP}, {@code IP:PORT}, {@code [IPv6]:PORT} or a bare IPv6 address; the port defaults to 53. */
    static InetSocketAddress parseDnsServer(String text) {
        String s = text.strip();
        String host = s;
        int port = 53;
        if (s.startsWith("[")) {
            int close = s.indexOf(']');
            if (close < 0) {
                throw new IllegalArgumentException("--dns-server '" + text + "' opens '[' but never closes it; write [IPv6]:PORT");
            }
            host = s.substring(1, close);
            String rest = s.substring(close + 1);
            if (!rest.isEmpty()) {
                if (!rest.startsWith(":")) {
                    throw new IllegalArgumentException("--dns-server '" + text + "': expected ':PORT' after ']'");
                }
                port = port(rest.substring(1), text);
            }
        } else if (s.indexOf(':') >= 0 && s.indexOf(':') == s.lastIndexOf(':')) {
            host = s.substring(0, s.indexOf(':'));
            port = port(s.substring(s.indexOf(':') + 1), text);
        }
        if (!NetUtil.isValidIpV4Address(host) && !NetUtil.isValidIpV6Address(host)) {
            throw new IllegalArgumentException("--dns-server '" + text + "': give the DNS server as an IP address (with an optional :PORT), not a name");
        }
        try {
            return new InetSocketAddress(InetAddress.getByName(host), port);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("--dns-server '" + text + "' is not an IP address", e);
        }
    }

    private static int port(String p, String text) {
        if (p.isEmpty() || p.length() > 5 || !p.chars().allMatch(Character::isDigit)) {
            throw new IllegalArgumentException("--dns-server '" + text + "': port '" + p + "' is not a number; use 1..65535");
        }
        int port = Integer.parseInt(p);
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("--dns-server '" + text + "': port " + port + " is out of range; use 1..65535");
        }
        return port;
    }
}
