package dev.rdpprobe.core.tls;

import io.netty.channel.ChannelHandler;
import java.security.KeyStore;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.concurrent.Executor;

/**
 * Service-provider interface through which the core reaches TLS. The core has no TLS engine of its
 * own; {@code rdp-probe-tls} registers one with {@link java.util.ServiceLoader} under
 * {@code META-INF/services/dev.rdpprobe.core.tls.TlsProvider}.
 *
 * <p>The handler returned by {@link #newClientHandler} is added to the channel pipeline right after
 * the X.224 Connection Confirm. It starts the handshake as soon as it is added (the channel is already
 * active), and then behaves like Netty's {@code SslHandler}: outbound writes are encrypted, inbound
 * application data is passed on decrypted. It reports the handshake's end exactly once, by firing a
 * {@link TlsHandshakeSucceeded} or {@link TlsHandshakeFailed} user event. It does not time out on its
 * own (the prober owns every timer), and it does not report a plain close or reset of the connection
 * as a failure: it lets {@code channelInactive} / {@code exceptionCaught} through so the prober can
 * tell "closed after N bytes" and "reset" apart.
 *
 * <p>Nothing expensive runs on the event loop: the prober hands the handler an executor for the
 * handshake's computation (key checks, signatures, key exchange), and calls {@link #inspect} on that
 * executor too, never on an event loop. A handler that uses the executor fires {@link TlsLocalWork} events
 * around its work, so that a timeout meanwhile is reported as the probe's. The provider bounds what a server can make it compute (key sizes,
 * chain length, message sizes) and reports a bound it hits as {@code Failure.ProbeLimitExceeded}.
 */
public interface TlsProvider {

    /**
     * The installed provider the prober uses: the one of highest {@link #priority()} among those
     * {@link ServiceLoader} finds on the class path or module path (rdp-probe-tls registers one), or
     * empty when there is none (a probe then fails at TLS with {@code TLS_ENGINE_MISSING}).
     *
     * <p>The lookup runs in this module, which declares {@code uses}, so it works on the module path
     * whoever calls it.
     */
    static Optional<TlsProvider> installed() {
        return ServiceLoader.load(TlsProvider.class, TlsProvider.class.getClassLoader()).stream()
                .map(ServiceLoader.Provider::get)
                .max(Comparator.comparingInt(TlsProvider::priority));
    }

    /** Engine names this provider offers, the preferred default first (e.g. "bouncycastle", "jdk"). */
    List<String> engineNames();

    /** Higher wins when several providers are on the classpath. */
    default int priority() {
        return 0;
    }

    /**
     * A new client-side TLS handler.
     *
     * @param engine one of {@link #engineNames()}
     * @param request server name, port and the TLS versions to offer
     * @throws IllegalArgumentException if the engine is unknown; an engine that cannot offer the
     *     requested versions (the JDK's, for TLS 1.0 under {@code jdk.tls.disabledAlgorithms}) still returns
     *     a handler, which reports {@link TlsHandshakeFailed} with {@code TlsVersionRefused}
     */
    ChannelHandler newClientHandler(String engine, TlsRequest request);

    /**
     * A new client-side TLS handler that does its expensive computation on {@code work} instead of the
     * channel's event loop, and resumes on the event loop with the result. The default ignores the
     * executor (for providers whose handshake costs too little to move).
     *
     * @param engine one of {@link #engineNames()}
     * @param request server name, port and the TLS versions to offer
     * @param work runs the handshake's computation; it may reject a task when it is saturated or shut down,
     *     which the handler reports as a {@code LocalError}
     * @throws IllegalArgumentException if the engine is unknown
     */
    default ChannelHandler newClientHandler(String engine, TlsRequest request, Executor work) {
        return newClientHandler(engine, request);
    }

    /**
     * Inspects the server's certificate chain. Called off the event loop; thread-safe. Never throws for
     * what the server sent: a certificate that does not parse is reported with its reason, a key over the
     * probe's limits is reported and not used.
     *
     * @param chainDer the chain as sent by the server, leaf first, DER encoded
     * @param targetHost the name the client connects to (matched against SANs / CN)
     * @param now the probe time (validity is judged against it)
     * @param trustStore trust anchors to check the chain against, or {@code null} for the JVM's defaults
     */
    TlsInspection inspect(List<byte[]> chainDer, String targetHost, Instant now, KeyStore trustStore);
}
