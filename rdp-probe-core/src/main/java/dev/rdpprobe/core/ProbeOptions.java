package dev.rdpprobe.core;

import dev.rdpprobe.core.target.CertificatePin;
import dev.rdpprobe.core.target.Credentials;
import dev.rdpprobe.core.outcome.SecurityProtocolSet;
import dev.rdpprobe.core.outcome.TlsVersion;
import java.net.InetSocketAddress;
import java.security.KeyStore;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Everything that shapes a probe: the limits of each phase and of the whole probe, what the client asks
 * for, and what it checks against. Immutable; built only through {@link #builder()} (or
 * {@link RdpProber.Builder}, whose option setters delegate to the same builder). Every value has a
 * default, defined once in {@link Builder}; {@link #DEFAULTS} holds them all.
 *
 * <p>{@link Builder#build()} validates the whole set at once and names, in its message, the builder call
 * that set the offending value (for example {@code phaseTimeout(PT-1S)}), including the cross-checks:
 * the deadline must be at least each phase limit that a probe runs under it (a longer limit could never
 * apply; the deadline may still cut later phases short when the limits add up to more), the UDP probe
 * must send its last SYN before the deadline ({@link #lastSynAfter}), and enumeration needs TCP (not
 * {@link UdpMode#ONLY}).
 *
 * <p>{@link #toString()} lists every option; none of them is secret (the trust store is shown by its type
 * and size only).
 */
public final class ProbeOptions {

    /** The longest any limit may be; a probe needs seconds. */
    static final Duration MAX_LIMIT = Duration.ofHours(1);

    /** The longest UDP retransmit wait (as the UDP probe accepts). */
    static final Duration MAX_UDP_RETRANSMIT = Duration.ofMinutes(1);

    /** The longest mstshash cookie identifier. */
    static final int MAX_COOKIE_LENGTH = 127;

    /** Every option at its default (see the setters of {@link Builder} for each value). */
    public static final ProbeOptions DEFAULTS = builder().build();

    private final Duration resolveTimeout;
    private final Duration connectTimeout;
    private final Duration x224Timeout;
    private final Duration tlsTimeout;
    private final Duration credsspTimeout;
    private final Duration mcsTimeout;
    private final Duration deadline;
    private final SecurityProtocolSet requestedProtocols;
    private final String cookie;
    private final String tlsEngine;
    private final List<TlsVersion> tlsVersions;
    private final boolean credssp;
    private final boolean mcsConnect;
    private final boolean enumerateTlsVersions;
    private final boolean enumerateSecurityLayers;
    private final KeyStore trustStore;
    private final UdpMode udpMode;
    private final int udpAttempts;
    private final Duration udpInitialRetransmit;
    private final Clock clock;
    private final List<InetSocketAddress> dnsServers;
    private final Credentials credentials;
    private final List<CertificatePin> trustedThumbprints;
    private final boolean sendCredentialsToUnverifiedServer;

    private ProbeOptions(Builder b, List<TlsVersion> tlsVersions, List<InetSocketAddress> dnsServers) {
        this.resolveTimeout = b.resolveTimeout;
        this.connectTimeout = b.connectTimeout;
        this.x224Timeout = b.x224Timeout;
        this.tlsTimeout = b.tlsTimeout;
        this.credsspTimeout = b.credsspTimeout;
        this.mcsTimeout = b.mcsTimeout != null ? b.mcsTimeout : b.credsspTimeout;
        this.deadline = b.deadline;
        this.requestedProtocols = b.requestedProtocols;
        this.cookie = b.cookie;
        this.tlsEngine = b.tlsEngine;
        this.tlsVersions = tlsVersions;
        this.credssp = b.credssp;
        this.mcsConnect = b.mcsConnect;
        this.enumerateTlsVersions = b.enumerateTlsVersions;
        this.enumerateSecurityLayers = b.enumerateSecurityLayers;
        this.trustStore = b.trustStore;
        this.udpMode = b.udpMode;
        this.udpAttempts = b.udpAttempts;
        this.udpInitialRetransmit = b.udpInitialRetransmit;
        this.clock = b.clock;
        this.dnsServers = dnsServers;
        this.credentials = b.credentials;
        this.trustedThumbprints = List.copyOf(b.trustedThumbprints);
        this.sendCredentialsToUnverifiedServer = b.sendCredentialsToUnverifiedServer;
    }

    /** A builder holding every default. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding these options, to derive others from them. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.fromOptions = true;
        b.resolveTimeout = resolveTimeout;
        b.connectTimeout = connectTimeout;
        b.x224Timeout = x224Timeout;
        b.tlsTimeout = tlsTimeout;
        b.credsspTimeout = credsspTimeout;
        b.mcsTimeout = mcsTimeout;
        b.deadline = deadline;
        b.requestedProtocols = requestedProtocols;
        b.cookie = cookie;
        b.tlsEngine = tlsEngine;
        b.tlsVersions = tlsVersions;
        b.credssp = credssp;
        b.mcsConnect = mcsConnect;
        b.enumerateTlsVersions = enumerateTlsVersions;
        b.enumerateSecurityLayers = enumerateSecurityLayers;
        b.trustStore = trustStore;
        b.udpMode = udpMode;
        b.udpAttempts = udpAttempts;
        b.udpInitialRetransmit = udpInitialRetransmit;
        b.clock = clock;
        b.dnsServers = dnsServers;
        b.credentials = credentials;
        b.trustedThumbprints = trustedThumbprints;
        b.sendCredentialsToUnverifiedServer = sendCredentialsToUnverifiedServer;
        return b;
    }

    /** Limit for name resolution (default 5 s). */
    public Duration resolveTimeout() {
        return resolveTimeout;
    }

    /** Limit for the TCP handshake (default 5 s). */
    public Duration connectTimeout() {
        return connectTimeout;
    }

    /** Limit for the X.224 Connection Confirm after the Connection Request is sent (default 5 s). */
    public Duration x224Timeout() {
        return x224Timeout;
    }

    /** Limit for the TLS handshake (default 5 s). */
    public Duration tlsTimeout() {
        return tlsTimeout;
    }

    /** Limit for the server's first TSRequest (default 5 s). */
    public Duration credsspTimeout() {
        return credsspTimeout;
    }

    /** Limit for the whole probe, UDP included; no probe outlives it (default 20 s). */
    public Duration deadline() {
        return deadline;
    }

    /** What RDP_NEG_REQ asks for (default SSL|HYBRID|HYBRID_EX, as Windows asks). */
    public SecurityProtocolSet requestedProtocols() {
        return requestedProtocols;
    }

    /** The mstshash cookie identifier (default "rdpprobe"), or {@code null} to send none. */
    public String cookie() {
        return cookie;
    }

    /** The TLS engine by name ("bouncycastle", "jdk"), or {@code null} for the TLS provider's default. */
    public String tlsEngine() {
        return tlsEngine;
    }

    /** The TLS versions offered in the main handshake, JDK names (default TLSv1 … TLSv1.3); unmodifiable. */
    public List<TlsVersion> tlsVersions() {
        return tlsVersions;
    }

    /** Whether the CREDSSP phase runs when the server selects HYBRID / HYBRID_EX (default true). */
    public boolean credssp() {
        return credssp;
    }

    /**
     * Whether to run the MCS_CONNECT phase where it is reachable without credentials (default true): after
     * Standard RDP Security or TLS alone, send the MCS Connect Initial and read the Connect Response.
     */
    public boolean mcsConnect() {
        return mcsConnect;
    }

    /** Limit for the MCS Connect Response after the Connect Initial is sent (default: the CredSSP limit, 5 s). */
    public Duration mcsTimeout() {
        return mcsTimeout;
    }

    /** Whether each TLS version is tested on its own connection (default false). */
    public boolean enumerateTlsVersions() {
        return enumerateTlsVersions;
    }

    /** Whether each security protocol is tested on its own connection (default false). */
    public boolean enumerateSecurityLayers() {
        return enumerateSecurityLayers;
    }

    /** Trust anchors for the certificate trust check, or {@code null} for the JVM's defaults. */
    public KeyStore trustStore() {
        return trustStore;
    }

    /** Whether UDP is probed beside TCP (the default), not at all, or alone. */
    public UdpMode udpMode() {
        return udpMode;
    }

    /** How many SYN datagrams the UDP probe sends before giving up, 1..10 (default 3). */
    public int udpAttempts() {
        return udpAttempts;
    }

    /** The UDP probe's wait after the first SYN; each later wait doubles (default 500 ms). */
    public Duration udpInitialRetransmit() {
        return udpInitialRetransmit;
    }

    /** The wall clock that certificate validity and clock skew are judged against (default UTC system clock). */
    public Clock clock() {
        return clock;
    }

    /**
     * DNS servers asked instead of the system's (/etc/resolv.conf), or {@code null} (the default) for the
     * system's; /etc/hosts is honoured either way. Unmodifiable.
     */
    public List<InetSocketAddress> dnsServers() {
        return dnsServers;
    }

    /** The credentials to check at NLA, or {@code null} (the default) for no credential check. */
    public Credentials credentials() {
        return credentials;
    }

    /** Server certificates trusted by thumbprint for the credential check (default none). */
    public List<CertificatePin> trustedThumbprints() {
        return trustedThumbprints;
    }

    /** Whether the credential check may run against a certificate that is neither trusted nor pinned (default false). */
    public boolean sendCredentialsToUnverifiedServer() {
        return sendCredentialsToUnverifiedServer;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof ProbeOptions)) {
            return false;
        }
        ProbeOptions other = (ProbeOptions) o;
        return resolveTimeout.equals(other.resolveTimeout)
                && connectTimeout.equals(other.connectTimeout)
                && x224Timeout.equals(other.x224Timeout)
                && tlsTimeout.equals(other.tlsTimeout)
                && credsspTimeout.equals(other.credsspTimeout)
                && deadline.equals(other.deadline)
                && requestedProtocols.equals(other.requestedProtocols)
                && Objects.equals(cookie, other.cookie)
                && Objects.equals(tlsEngine, other.tlsEngine)
                && tlsVersions.equals(other.tlsVersions)
                && credssp == other.credssp
                && mcsConnect == other.mcsConnect
                && mcsTimeout.equals(other.mcsTimeout)
                && enumerateTlsVersions == other.enumerateTlsVersions
                && enumerateSecurityLayers == other.enumerateSecurityLayers
                && trustStore == other.trustStore
                && udpMode == other.udpMode
                && udpAttempts == other.udpAttempts
                && udpInitialRetransmit.equals(other.udpInitialRetransmit)
                && clock.equals(other.clock)
                && Objects.equals(dnsServers, other.dnsServers)
                && credentials == other.credentials
                && trustedThumbprints.equals(other.trustedThumbprints)
                && sendCredentialsToUnverifiedServer == other.sendCredentialsToUnverifiedServer;
    }

    @Override
    public int hashCode() {
        return Objects.hash(resolveTimeout, connectTimeout, x224Timeout, tlsTimeout, credsspTimeout, deadline,
                requestedProtocols, cookie, tlsEngine, tlsVersions, credssp, mcsConnect, mcsTimeout, enumerateTlsVersions,
                enumerateSecurityLayers, System.identityHashCode(trustStore), udpMode, udpAttempts,
                udpInitialRetransmit, clock, dnsServers, System.identityHashCode(credentials), trustedThumbprints,
                sendCredentialsToUnverifiedServer);
    }

    /**
     * Every option by name; the trust store by its type and number of entries, never its content; the credentials
     * by their account name, never the password.
     */
    @Override
    public String toString() {
        return "ProbeOptions[resolveTimeout=" + resolveTimeout
                + ", connectTimeout=" + connectTimeout
                + ", x224Timeout=" + x224Timeout
                + ", tlsTimeout=" + tlsTimeout
                + ", credsspTimeout=" + credsspTimeout
                + ", deadline=" + deadline
                + ", requestedProtocols=" + requestedProtocols
                + ", cookie=" + cookie
                + ", tlsEngine=" + tlsEngine
                + ", tlsVersions=" + tlsVersions
                + ", credssp=" + credssp
                + ", mcsConnect=" + mcsConnect
                + ", mcsTimeout=" + mcsTimeout
                + ", enumerateTlsVersions=" + enumerateTlsVersions
                + ", enumerateSecurityLayers=" + enumerateSecurityLayers
                + ", trustStore=" + describe(trustStore)
                + ", udpMode=" + udpMode
                + ", udpAttempts=" + udpAttempts
                + ", udpInitialRetransmit=" + udpInitialRetransmit
                + ", clock=" + clock
                + ", dnsServers=" + dnsServers
                + ", credentials=" + (credentials == null ? "none" : credentials.toString())
                + ", trustedThumbprints=" + trustedThumbprints
                + ", sendCredentialsToUnverifiedServer=" + sendCredentialsToUnverifiedServer + "]";
    }

    /**
     * When the UDP probe sends its last SYN, counted from its first: the waits before it, the first
     * {@code initialRetransmit}, each later one doubled. {@link Builder#build()} requires it to be before the
     * deadline.
     *
     * @param attempts SYN datagrams sent, 1..10
     * @param initialRetransmit the wait after the first SYN
     * @return {@code initialRetransmit × (2^(attempts-1) − 1)}
     */
    public static Duration lastSynAfter(int attempts, Duration initialRetransmit) {
        return initialRetransmit.multipliedBy((1L << (attempts - 1)) - 1);
    }

    private static String describe(KeyStore store) {
        if (store == null) {
            return "JVM default";
        }
        String size;
        try {
            size = store.size() + " entries";
        } catch (java.security.KeyStoreException e) {
            size = "not loaded";
        }
        return store.getType() + " key store, " + size;
    }

    /**
     * Builds {@link ProbeOptions}. Setters only record; {@link #build()} validates every value and the
     * values against each other, and its message names the call that set the offending value.
     */
    public static final class Builder {
        private Duration resolveTimeout = Duration.ofSeconds(5);
        private Duration connectTimeout = Duration.ofSeconds(5);
        private Duration x224Timeout = Duration.ofSeconds(5);
        private Duration tlsTimeout = Duration.ofSeconds(5);
        private Duration credsspTimeout = Duration.ofSeconds(5);
        /** {@code null}: the CredSSP limit (so that a short deadline set with the CredSSP limit needs no change). */
        private Duration mcsTimeout;
        private Duration deadline = Duration.ofSeconds(20);
        private SecurityProtocolSet requestedProtocols = SecurityProtocolSet.DEFAULT_REQUEST;
        private String cookie = "rdpprobe";
        private String tlsEngine;
        private List<TlsVersion> tlsVersions = TlsVersion.all();
        private boolean credssp = true;
        private boolean mcsConnect = true;
        private boolean enumerateTlsVersions;
        private boolean enumerateSecurityLayers;
        private KeyStore trustStore;
        private UdpMode udpMode = UdpMode.BESIDE;
        private int udpAttempts = 3;
        private Duration udpInitialRetransmit = Duration.ofMillis(500);
        private Clock clock = Clock.systemUTC();
        private List<InetSocketAddress> dnsServers;
        private Credentials credentials;
        private List<CertificatePin> trustedThumbprints = List.of();
        private boolean sendCredentialsToUnverifiedServer;

        /** Option name → the builder call that last set it, as the caller wrote it; unset options are absent. */
        private final Map<String, String> setBy = new HashMap<>();

        /** Whether the unset values came from {@link ProbeOptions#toBuilder()} rather than the defaults. */
        private boolean fromOptions;

        private Builder() {
        }

        /** Limit for name resolution (default 5 s); positive, at most an hour. */
        public Builder resolveTimeout(Duration value) {
            this.resolveTimeout = value;
            return record("resolveTimeout", "resolveTimeout(" + value + ")");
        }

        /** Limit for the TCP handshake (default 5 s); positive, at most an hour. */
        public Builder connectTimeout(Duration value) {
            this.connectTimeout = value;
            return record("connectTimeout", "connectTimeout(" + value + ")");
        }

        /** Limit for each phase after TCP: X.224, TLS, CredSSP and MCS Connect (default 5 s each); positive, at most an hour. */
        public Builder phaseTimeout(Duration value) {
            String call = "phaseTimeout(" + value + ")";
            this.x224Timeout = value;
            this.tlsTimeout = value;
            this.credsspTimeout = value;
            this.mcsTimeout = value;
            record("x224Timeout", call);
            record("tlsTimeout", call);
            record("mcsTimeout", call);
            return record("credsspTimeout", call);
        }

        /** Limit for the X.224 Connection Confirm (default 5 s); positive, at most an hour. */
        public Builder x224Timeout(Duration value) {
            this.x224Timeout = value;
            return record("x224Timeout", "x224Timeout(" + value + ")");
        }

        /** Limit for the TLS handshake (default 5 s); positive, at most an hour. */
        public Builder tlsTimeout(Duration value) {
            this.tlsTimeout = value;
            return record("tlsTimeout", "tlsTimeout(" + value + ")");
        }

        /** Limit for the server's first TSRequest (default 5 s); positive, at most an hour. */
        public Builder credsspTimeout(Duration value) {
            this.credsspTimeout = value;
            return record("credsspTimeout", "credsspTimeout(" + value + ")");
        }

        /**
         * Limit for the whole probe, UDP included (default 20 s); positive, at most an hour, and at least
         * each phase limit the probe runs (a shorter deadline would make that limit meaningless). The phase
         * limits may add up to more: the deadline then cuts the later phases short.
         */
        public Builder deadline(Duration value) {
            this.deadline = value;
            return record("deadline", "deadline(" + value + ")");
        }

        /** What RDP_NEG_REQ asks for (default SSL|HYBRID|HYBRID_EX). */
        public Builder requestedProtocols(SecurityProtocolSet value) {
            this.requestedProtocols = value;
            return record("requestedProtocols", "requestedProtocols(" + value + ")");
        }

        /**
         * The mstshash cookie identifier (default "rdpprobe"): printable ASCII without spaces, at most 127
         * characters; {@code null} sends no cookie.
         */
        public Builder cookie(String value) {
            this.cookie = value;
            return record("cookie", "cookie(" + (value == null ? "null" : "\"" + value + "\"") + ")");
        }

        /** The TLS engine by name ("bouncycastle", "jdk"); {@code null} (the default) for the provider's default. */
        public Builder tlsEngine(String value) {
            this.tlsEngine = value;
            return record("tlsEngine", "tlsEngine(" + value + ")");
        }

        /** TLS versions offered, JDK names (default TLSv1, TLSv1.1, TLSv1.2, TLSv1.3); at least one. */
        public Builder tlsVersions(List<TlsVersion> value) {
            this.tlsVersions = value;
            return record("tlsVersions", "tlsVersions(" + value + ")");
        }

        /** Whether to run the MCS_CONNECT phase where it is reachable without credentials (default true). */
        public Builder mcsConnect(boolean value) {
            this.mcsConnect = value;
            return record("mcsConnect", "mcsConnect(" + value + ")");
        }

        /** Limit for the MCS Connect Response (default 5 s). */
        public Builder mcsTimeout(Duration value) {
            this.mcsTimeout = value;
            return record("mcsTimeout", "mcsTimeout(" + value + ")");
        }

        /** Whether to run the CREDSSP phase (default true). */
        public Builder credssp(boolean value) {
            this.credssp = value;
            return record("credssp", "credssp(" + value + ")");
        }

        /** Test each TLS version on its own connection (default false); needs TCP (not {@code UdpMode.ONLY}). */
        public Builder enumerateTlsVersions(boolean value) {
            this.enumerateTlsVersions = value;
            return record("enumerateTlsVersions", "enumerateTlsVersions(" + value + ")");
        }

        /**
         * Test each security protocol on its own connection, and under Standard RDP Security each encryption method
         * (none, 40-, 56-, 128-bit RC4, FIPS) on its own connection (default false); needs TCP (not {@code UdpMode.ONLY}).
         */
        public Builder enumerateSecurityLayers(boolean value) {
            this.enumerateSecurityLayers = value;
            return record("enumerateSecurityLayers", "enumerateSecurityLayers(" + value + ")");
        }

        /** Trust anchors for the certificate trust check; {@code null} (the default) for the JVM's. */
        public Builder trustStore(KeyStore value) {
            this.trustStore = value;
            return record("trustStore", "trustStore(" + describe(value) + ")");
        }

        /** Shorthand for {@link #udpMode}: true = BESIDE, false = OFF. */
        public Builder udp(boolean value) {
            this.udpMode = value ? UdpMode.BESIDE : UdpMode.OFF;
            return record("udpMode", "udp(" + value + ")");
        }

        /** UDP beside TCP (default), off, or alone. */
        public Builder udpMode(UdpMode value) {
            this.udpMode = value;
            return record("udpMode", "udpMode(" + value + ")");
        }

        /** SYN datagrams to send before giving up, 1..10 (default 3); the last must go out before the deadline. */
        public Builder udpAttempts(int value) {
            this.udpAttempts = value;
            return record("udpAttempts", "udpAttempts(" + value + ")");
        }

        /** Wait after the first SYN; each later wait doubles (default 500 ms); positive, at most a minute. */
        public Builder udpInitialRetransmit(Duration value) {
            this.udpInitialRetransmit = value;
            return record("udpInitialRetransmit", "udpInitialRetransmit(" + value + ")");
        }

        /** The wall clock for certificate validity and clock skew (default UTC system clock). */
        public Builder clock(Clock value) {
            this.clock = value;
            return record("clock", "clock(" + value + ")");
        }

        /**
         * DNS servers to ask instead of the system's, as resolved addresses; {@code null} (the default) uses
         * /etc/resolv.conf. /etc/hosts is honoured either way.
         */
        public Builder dnsServers(List<InetSocketAddress> value) {
            this.dnsServers = value;
            return record("dnsServers", "dnsServers(" + value + ")");
        }

        /**
         * Check these credentials at the server's Network Level Authentication (default none: no check). The
         * probe then runs the CREDSSP_AUTH phase after the NTLM CHALLENGE: it sends the NTLMv2 AUTHENTICATE
         * (with MIC, channel bindings to the TLS certificate and the SPN {@code TERMSRV/host}) and the CredSSP
         * {@code pubKeyAuth}, verifies the server's {@code pubKeyAuth} answer ([MS-CSSP] 3.1.5 steps 1–3) and
         * stops. It never sends the TSCredentials ({@code authInfo}, steps 4–5): nothing is delegated, and the
         * password never leaves the process. The result is {@code outcome.server().credentialCheck()}.
         *
         * <p>By default the response is sent only to a server whose certificate is trusted for its name or pinned
         * ({@link #trustThumbprint}); otherwise the check reports "not checked: certificate not verified" and
         * sends nothing, since an NTLMv2 response can be cracked offline by whoever receives it. Nothing is sent
         * either when the server does not select NLA. The options hold the caller's object: destroy it once the
         * probes are done. Needs CredSSP on and HYBRID or HYBRID_EX requested.
         *
         * @param value the credentials, or {@code null} for none
         */
        public Builder credentials(Credentials value) {
            this.credentials = value;
            return record("credentials", "credentials(" + value + ")");
        }

        /**
         * Trust the server certificate with this SHA-1 or SHA-256 thumbprint for the credential check (adds to
         * earlier calls); 40 or 64 hex digits, any case, colons allowed.
         *
         * @throws IllegalArgumentException if it is not a thumbprint
         */
        public Builder trustThumbprint(String hex) {
            List<CertificatePin> pins = new ArrayList<>(trustedThumbprints);
            pins.add(CertificatePin.parse(hex));
            this.trustedThumbprints = List.copyOf(pins);
            return record("trustedThumbprints", "trustThumbprint(" + hex + ")");
        }

        /**
         * Let the credential check send the NTLMv2 response to a server whose certificate is neither trusted nor
         * pinned (default false). Whoever answered — the server or anything in between — can then try to crack
         * the password offline from the response; use it only on a network you control.
         */
        public Builder sendCredentialsToUnverifiedServer(boolean value) {
            this.sendCredentialsToUnverifiedServer = value;
            return record("sendCredentialsToUnverifiedServer", "sendCredentialsToUnverifiedServer(" + value + ")");
        }

        private void checkCredentials() {
            if (credentials == null) {
                return;
            }
            if (!credssp) {
                throw new IllegalArgumentException(named("credentials", credentials) + " needs the CREDSSP phase, but "
                        + named("credssp", false) + " switches it off; drop one of the two");
            }
            if (!requestedProtocols.requiresCredSsp()) {
                throw new IllegalArgumentException(named("credentials", credentials) + " needs NLA, but "
                        + named("requestedProtocols", requestedProtocols) + " requests neither HYBRID nor HYBRID_EX");
            }
            if (udpMode == UdpMode.ONLY) {
                throw new IllegalArgumentException(named("credentials", credentials) + " needs TCP, but "
                        + named("udpMode", udpMode) + " skips every TCP phase");
            }
        }

        private Builder record(String option, String call) {
            setBy.put(option, call);
            return this;
        }

        /** How a message names an option's value: the caller's call, or the default it kept. */
        private String named(String option, Object value) {
            String call = setBy.get(option);
            if (call != null) {
                return call;
            }
            return option + " " + value + (fromOptions ? " (kept from toBuilder())" : " (the default)");
        }

        /**
         * Validates every option and the options against each other.
         *
         * @return the options
         * @throws IllegalArgumentException naming the builder call that set the offending value and what to fix
         * @throws NullPointerException for a {@code null} where a value is required, naming the call
         */
        public ProbeOptions build() {
            limit("resolveTimeout", resolveTimeout, MAX_LIMIT);
            limit("connectTimeout", connectTimeout, MAX_LIMIT);
            limit("x224Timeout", x224Timeout, MAX_LIMIT);
            limit("tlsTimeout", tlsTimeout, MAX_LIMIT);
            limit("credsspTimeout", credsspTimeout, MAX_LIMIT);
            if (mcsTimeout != null) {
                limit("mcsTimeout", mcsTimeout, MAX_LIMIT);
            }
            limit("deadline", deadline, MAX_LIMIT);
            limit("udpInitialRetransmit", udpInitialRetransmit, MAX_UDP_RETRANSMIT);
            required("requestedProtocols", requestedProtocols);
            required("udpMode", udpMode);
            required("clock", clock);
            List<TlsVersion> versions = checkedTlsVersions();
            List<InetSocketAddress> servers = checkedDnsServers();
            if (udpAttempts < 1 || udpAttempts > 10) {
                throw new IllegalArgumentException(named("udpAttempts", udpAttempts) + " is out of range; use 1..10");
            }
            checkCookie();
            if (tlsEngine != null && tlsEngine.isBlank()) {
                throw new IllegalArgumentException(named("tlsEngine", tlsEngine)
                        + ": name an engine (bouncycastle or jdk), or null for the default");
            }
            checkTcpNeeded();
            checkCredentials();
            checkDeadlineHoldsPhases();
            checkUdpFitsDeadline();
            return new ProbeOptions(this, versions, servers);
        }

        private void limit(String option, Duration value, Duration max) {
            if (value == null) {
                throw new NullPointerException(named(option, null) + ": give a positive duration");
            }
            if (value.isNegative() || value.isZero()) {
                throw new IllegalArgumentException(named(option, value) + ": " + option + " must be positive");
            }
            if (value.compareTo(max) > 0) {
                throw new IllegalArgumentException(named(option, value) + " is over " + (max.equals(MAX_LIMIT)
                        ? "an hour; a probe needs seconds" : "a minute; the UDP probe needs seconds"));
            }
        }

        private void required(String option, Object value) {
            if (value == null) {
                throw new NullPointerException(named(option, null) + ": " + option + " must not be null");
            }
        }

        private List<TlsVersion> checkedTlsVersions() {
            if (tlsVersions == null) {
                throw new NullPointerException(named("tlsVersions", null) + ": offer at least one TLS version of "
                        + TlsVersion.all());
            }
            if (tlsVersions.isEmpty()) {
                throw new IllegalArgumentException(named("tlsVersions", tlsVersions)
                        + ": offer at least one TLS version of " + TlsVersion.all());
            }
            for (TlsVersion version : tlsVersions) {
                if (version == null) {
                    throw new IllegalArgumentException(named("tlsVersions", tlsVersions) + ": a null TLS version; use "
                            + TlsVersion.all());
                }
            }
            return List.copyOf(tlsVersions);
        }

        private List<InetSocketAddress> checkedDnsServers() {
            if (dnsServers == null) {
                return null;
            }
            if (dnsServers.isEmpty()) {
                throw new IllegalArgumentException(named("dnsServers", dnsServers)
                        + " is empty; give at least one server, or null for the system's");
            }
            List<InetSocketAddress> copy = new ArrayList<>(dnsServers.size());
            for (InetSocketAddress server : dnsServers) {
                if (server == null) {
                    throw new NullPointerException(named("dnsServers", dnsServers) + " holds a null server");
                }
                if (server.isUnresolved()) {
                    throw new IllegalArgumentException(named("dnsServers", dnsServers) + ": " + server
                            + " is unresolved; give each DNS server as an IP address");
                }
                if (server.getPort() == 0) {
                    throw new IllegalArgumentException(named("dnsServers", dnsServers) + ": " + server
                            + " has port 0; use 53 or the server's port");
                }
                copy.add(server);
            }
            return List.copyOf(copy);
        }

        private void checkCookie() {
            if (cookie == null) {
                return;
            }
            if (cookie.isEmpty()) {
                throw new IllegalArgumentException(named("cookie", cookie) + " is empty; give a user name, or null to send no cookie");
            }
            if (cookie.length() > MAX_COOKIE_LENGTH) {
                throw new IllegalArgumentException(named("cookie", cookie) + " is " + cookie.length()
                        + " characters; keep it under " + (MAX_COOKIE_LENGTH + 1));
            }
            for (int i = 0; i < cookie.length(); i++) {
                char c = cookie.charAt(i);
                if (c < 0x21 || c > 0x7E) {
                    throw new IllegalArgumentException(named("cookie", cookie)
                            + ": the cookie may hold printable ASCII only, without spaces; it has '"
                            + (c < 0x21 ? "\\u" + String.format("%04x", (int) c) : String.valueOf(c)) + "' at " + i);
                }
            }
        }

        /** Enumeration runs extra TCP connections; a UDP-only probe would silently skip it. */
        private void checkTcpNeeded() {
            if (udpMode != UdpMode.ONLY) {
                return;
            }
            String contradiction = enumerateTlsVersions ? "enumerateTlsVersions"
                    : enumerateSecurityLayers ? "enumerateSecurityLayers" : null;
            if (contradiction != null) {
                throw new IllegalArgumentException(named(contradiction, true) + " needs TCP, but "
                        + named("udpMode", udpMode) + " skips every TCP phase; drop one of the two");
            }
        }

        /** Each phase limit the probe runs must fit within the deadline, or that limit could never apply. */
        private void checkDeadlineHoldsPhases() {
            List<String> phases = new ArrayList<>(List.of("resolveTimeout"));
            if (udpMode != UdpMode.ONLY) {
                phases.addAll(List.of("connectTimeout", "x224Timeout", "tlsTimeout"));
                if (credssp) {
                    phases.add("credsspTimeout");
                }
                if (mcsConnect && mcsTimeout != null) {
                    phases.add("mcsTimeout");
                }
            }
            for (String phase : phases) {
                Duration limit = phaseLimit(phase);
                if (limit.compareTo(deadline) > 0) {
                    throw new IllegalArgumentException(named("deadline", deadline) + " is shorter than "
                            + named(phase, limit) + ", so that phase limit could never apply; raise the deadline to at least "
                            + limit + " or lower the phase limit");
                }
            }
        }

        private Duration phaseLimit(String phase) {
            switch (phase) {
                case "resolveTimeout": return resolveTimeout;
                case "connectTimeout": return connectTimeout;
                case "x224Timeout": return x224Timeout;
                case "tlsTimeout": return tlsTimeout;
                case "credsspTimeout": return credsspTimeout;
                case "mcsTimeout": return mcsTimeout;
                default: throw new IllegalStateException("no phase limit " + phase);
            }
        }

        /**
         * Every SYN the UDP probe is told to send must go out before the deadline: the k-th goes out after the
         * waits before it (initial, doubling). The deadline may still cut the last wait short.
         */
        private void checkUdpFitsDeadline() {
            if (udpMode == UdpMode.OFF) {
                return;
            }
            Duration lastSyn = lastSynAfter(udpAttempts, udpInitialRetransmit);
            if (lastSyn.compareTo(deadline) >= 0) {
                throw new IllegalArgumentException(named("udpAttempts", udpAttempts) + " with "
                        + named("udpInitialRetransmit", udpInitialRetransmit) + " sends the last SYN after " + lastSyn
                        + " (each wait doubles), not before " + named("deadline", deadline)
                        + "; lower the attempts or the retransmit wait, or raise the deadline");
            }
        }
    }
}
