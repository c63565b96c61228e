package dev.rdpprobe.core;

import dev.rdpprobe.core.outcome.SecurityProtocolSet;
import dev.rdpprobe.core.outcome.TlsVersion;
import java.net.InetSocketAddress;
import java.security.KeyStore;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Everything that shapes a probe. Build it with {@link RdpProber#builder()}; every value has a
 * sane default.
 *
 * @param resolveTimeout limit for name resolution
 * @param connectTimeout limit for the TCP handshake
 * @param x224Timeout limit for the Connection Confirm after the Connection Request is sent
 * @param tlsTimeout limit for the TLS handshake
 * @param credsspTimeout limit for the server's first TSRequest
 * @param deadline limit for the whole probe, UDP included; no probe outlives it
 * @param requestedProtocols what RDP_NEG_REQ asks for (default SSL|HYBRID|HYBRID_EX)
 * @param cookie the mstshash cookie identifier, or {@code null} to send none
 * @param tlsEngine TLS engine name, or {@code null} for the provider's default
 * @param tlsVersions TLS versions offered in the main handshake
 * @param credssp whether to run the CREDSSP phase when the server selects HYBRID / HYBRID_EX
 * @param enumerateTlsVersions whether to test each TLS version on its own connection
 * @param enumerateSecurityLayers whether to test each security protocol on its own connection
 * @param trustStore trust anchors for the certificate trust check, or {@code null} for the JVM's defaults
 * @param udpMode whether UDP is probed beside TCP, not at all, or alone
 * @param udpAttempts how many SYN datagrams to send before giving up (1..10)
 * @param udpInitialRetransmit wait after the first SYN; each later wait doubles
 * @param clock the wall clock (certificate validity and clock skew are judged against it)
 * @param dnsServers DNS servers to ask instead of the system's (/etc/resolv.conf), or {@code null}; /etc/hosts is honoured either way
 */
public record ProbeOptions(
        Duration resolveTimeout,
        Duration connectTimeout,
        Duration x224Timeout,
        Duration tlsTimeout,
        Duration credsspTimeout,
        Duration deadline,
        SecurityProtocolSet requestedProtocols,
        String cookie,
        String tlsEngine,
        List<TlsVersion> tlsVersions,
        boolean credssp,
        boolean enumerateTlsVersions,
        boolean enumerateSecurityLayers,
        KeyStore trustStore,
        UdpMode udpMode,
        int udpAttempts,
        Duration udpInitialRetransmit,
        Clock clock,
        List<InetSocketAddress> dnsServers) {

    /** The defaults. */
    public static final ProbeOptions DEFAULTS = new ProbeOptions(
            Duration.ofSeconds(5),
            Duration.ofSeconds(5),
            Duration.ofSeconds(5),
            Duration.ofSeconds(5),
            Duration.ofSeconds(5),
            Duration.ofSeconds(20),
            SecurityProtocolSet.DEFAULT_REQUEST,
            "rdpprobe",
            null,
            TlsVersion.all(),
            true,
            false,
            false,
            null,
            UdpMode.BESIDE,
            3,
            Duration.ofMillis(500),
            Clock.systemUTC(),
            null);

    public ProbeOptions {
        positive(resolveTimeout, "resolveTimeout");
        positive(connectTimeout, "connectTimeout");
        positive(x224Timeout, "x224Timeout");
        positive(tlsTimeout, "tlsTimeout");
        positive(credsspTimeout, "credsspTimeout");
        positive(deadline, "deadline");
        positive(udpInitialRetransmit, "udpInitialRetransmit");
        Objects.requireNonNull(requestedProtocols, "requestedProtocols");
        Objects.requireNonNull(udpMode, "udpMode");
        Objects.requireNonNull(clock, "clock");
        tlsVersions = List.copyOf(Objects.requireNonNull(tlsVersions, "tlsVersions"));
        if (tlsVersions.isEmpty()) {
            throw new IllegalArgumentException("tlsVersions is empty; offer at least one TLS version");
        }
        if (dnsServers != null) {
            dnsServers = List.copyOf(dnsServers);
            if (dnsServers.isEmpty()) {
                throw new IllegalArgumentException("dnsServers is empty; give at least one server, or null for the system's");
            }
        }
        if (udpAttempts < 1 || udpAttempts > 10) {
            throw new IllegalArgumentException("udpAttempts " + udpAttempts + " is out of range; use 1..10");
        }
        if (cookie != null) {
            if (cookie.length() > 127) {
                throw new IllegalArgumentException("cookie is " + cookie.length() + " characters; keep it under 128");
            }
            for (int i = 0; i < cookie.length(); i++) {
                char c = cookie.charAt(i);
                if (c < 0x21 || c > 0x7E) {
                    throw new IllegalArgumentException("cookie may hold printable ASCII only, without spaces; it has '"
                            + (c < 0x21 ? "\\u" + String.format("%04x", (int) c) : String.valueOf(c)) + "' at " + i);
                }
            }
        }
    }

    private static void positive(Duration d, String name) {
        Objects.requireNonNull(d, name + " must not be null");
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, was " + d);
        }
        if (d.compareTo(Duration.ofHours(1)) > 0) {
            throw new IllegalArgumentException(name + " of " + d + " is over an hour; a probe needs seconds");
        }
    }
}
