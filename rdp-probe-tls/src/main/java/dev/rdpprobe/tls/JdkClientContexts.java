package dev.rdpprobe.tls;

import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.ssl.IdentityCipherSuiteFilter;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import java.security.NoSuchAlgorithmException;
import java.security.Security;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.Executor;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;

/**
 * Builds the "jdk" engine's handlers. One Netty {@link SslContext} per set of offered versions is built
 * lazily and reused (building one costs milliseconds); the cipher suites are the JDK's own defaults.
 */
final class JdkClientContexts {

    private final ConcurrentMap<List<String>, SslContext> contexts = new ConcurrentHashMap<>();

    /**
     * A new handler offering {@code protocols}; SNI is set by the JDK for host names only.
     *
     * @param work runs the SSLEngine's delegated tasks; {@code null} to run them on the event loop
     * @param parsedCertificates where the engine's parses of the server's certificates are kept for the inspection
     */
    JdkClientHandler newHandler(ByteBufAllocator alloc, String serverName, int port, List<String> protocols, Executor work,
            HandshakeCertificates parsedCertificates) {
        SslContext context = contexts.computeIfAbsent(List.copyOf(protocols), JdkClientContexts::build);
        String peerHost = HostNames.isIpLiteral(serverName) ? null : serverName;
        SSLEngine engine = peerHost == null ? context.newEngine(alloc) : context.newEngine(alloc, peerHost, port);
        return new JdkClientHandler(engine, protocols, refusedByPolicy(protocols), work, parsedCertificates);
    }

    private static SslContext build(List<String> protocols) {
        try {
            return SslContextBuilder.forClient()
                    .sslProvider(SslProvider.JDK)
                    .trustManager(AcceptAnyTrustManager.INSTANCE)
                    .protocols(protocols)
                    .ciphers(jdkDefaultCipherSuites(), IdentityCipherSuiteFilter.INSTANCE)
                    .build();
        } catch (SSLException e) {
            throw new IllegalStateException("the JDK's TLS engine cannot be set up: " + e.getMessage(), e);
        }
    }

    private static List<String> jdkDefaultCipherSuites() {
        try {
            return Arrays.asList(SSLContext.getDefault().getDefaultSSLParameters().getCipherSuites());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no default SSLContext", e);
        }
    }

    /**
     * The versions among {@code protocols} that this JVM's {@code jdk.tls.disabledAlgorithms} disables
     * (read, never changed).
     */
    static Set<String> refusedByPolicy(List<String> protocols) {
        String property = Security.getProperty("jdk.tls.disabledAlgorithms");
        Set<String> refused = new LinkedHashSet<>();
        if (property == null) {
            return refused;
        }
        Set<String> disabled = new LinkedHashSet<>();
        for (String entry : property.split(",")) {
            disabled.add(entry.trim().toLowerCase(Locale.ROOT));
        }
        for (String protocol : protocols) {
            if (disabled.contains(protocol.toLowerCase(Locale.ROOT))) {
                refused.add(protocol);
            }
        }
        return refused;
    }
}
