package dev.rdpprobe.tls;

import dev.rdpprobe.core.outcome.Failure;
import dev.rdpprobe.core.outcome.TlsVersion;
import dev.rdpprobe.core.tls.TlsHandshakeFailed;
import dev.rdpprobe.core.tls.TlsHandshakeSucceeded;
import dev.rdpprobe.core.tls.TlsLocalWork;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.ImmediateExecutor;
import java.nio.channels.ClosedChannelException;
import java.security.cert.Certificate;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;

/**
 * The "jdk" engine: Netty's {@link SslHandler} over the JDK's SSLEngine, translating the handshake's end
 * into {@link TlsHandshakeSucceeded} / {@link TlsHandshakeFailed}.
 *
 * <p>The JDK applies {@code jdk.tls.disabledAlgorithms}: on a default JDK 17 it refuses TLS 1.0 and 1.1.
 * That becomes {@link Failure.TlsVersionRefused} naming the refused versions. Before the first TLS
 * record is accepted, the server's first bytes are checked; anything that cannot start a TLS record
 * becomes {@link Failure.NotTls}. A close or reset during the handshake is not a TLS failure: Netty's
 * handshake failure with a {@link ClosedChannelException} is not reported, and channelInactive /
 * exceptionCaught pass on. After a failure the SslHandler closes the channel.
 *
 * <p>The SSLEngine's delegated tasks (it processes each handshake message in one: certificate parsing, the
 * trust manager, signature checks, key exchange) run on the executor given at construction, not on the
 * event loop, bracketed by {@link TlsLocalWork} events. The server certificate's key is held to {@link TlsLimits} by the trust manager
 * ({@link AcceptAnyTrustManager}); the chain length and message size are held to the JDK's own limits,
 * JVM-wide system properties that the probe reads but never sets, and a failure at one of them is reported
 * as {@link Failure.ProbeLimitExceeded} naming the property.
 */
final class JdkClientHandler extends SslHandler {

    /** Engine name used in events. */
    static final String ENGINE = "jdk";

    private final List<String> offered;
    private final Set<String> refusedByJdk;

    private final ReportingExecutor tasks;
    private final HandshakeCertificates parsedCertificates;
    private boolean sniffed;
    private boolean reported;

    /**
     * @param engine a client-mode engine with the requested protocols enabled
     * @param offered the requested versions (JDK names)
     * @param refusedByJdk the requested versions this JVM's policy will not offer
     * @param work runs the engine's delegated tasks; {@code null} to run them on the event loop
     * @param parsedCertificates where the server's certificates, as the engine parsed them, are kept for the
     *     inspection; {@code null} to keep none
     */
    JdkClientHandler(SSLEngine engine, List<String> offered, Set<String> refusedByJdk, Executor work,
            HandshakeCertificates parsedCertificates) {
        this(engine, offered, refusedByJdk, work == null ? null : new ReportingExecutor(work), parsedCertificates);
    }

    private JdkClientHandler(SSLEngine engine, List<String> offered, Set<String> refusedByJdk, ReportingExecutor tasks,
            HandshakeCertificates parsedCertificates) {
        super(engine, false, tasks == null ? ImmediateExecutor.INSTANCE : tasks);
        this.tasks = tasks;
        this.parsedCertificates = parsedCertificates;
        this.offered = List.copyOf(offered);
        this.refusedByJdk = Set.copyOf(refusedByJdk);
        setHandshakeTimeoutMillis(0);
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) throws Exception {
        if (tasks != null) {
            tasks.context = ctx;
        }
        handshakeFuture().addListener((Future<Channel> future) -> onHandshakeDone(ctx, future));
        super.handlerAdded(ctx);
    }

    private void onHandshakeDone(ChannelHandlerContext ctx, Future<?> future) {
        if (reported) {
            return;
        }
        if (future.isSuccess()) {
            reported = true;
            SSLSession session = engine().getSession();
            Optional<TlsVersion> version = TlsVersion.fromJdkName(session.getProtocol());
            ctx.fireUserEventTriggered(version.isEmpty()
                    ? new TlsHandshakeFailed(new Failure.TlsError("the JDK engine negotiated " + session.getProtocol()
                            + ", which the probe does not offer"))
                    : new TlsHandshakeSucceeded(version.get(), TlsNames.ianaCipherSuiteName(session.getCipherSuite()), ENGINE,
                            peerChain(session)));
            return;
        }
        Throwable cause = future.cause();
        if (cause instanceof ClosedChannelException || !(cause instanceof SSLException) && !ctx.channel().isActive()) {
            // a close or reset: the prober classifies it from channelInactive / exceptionCaught
            return;
        }
        reported = true;
        ctx.fireUserEventTriggered(new TlsHandshakeFailed(classify(cause)));
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) throws SSLException {
        if (reported && !handshakeFuture().isDone()) {
            in.skipBytes(in.readableBytes());
            return;
        }
        if (!sniffed) {
            byte[] head = RecordSniffer.head(in);
            RecordSniffer.Verdict verdict = RecordSniffer.classify(head, head.length);
            if (verdict == RecordSniffer.Verdict.NOT_TLS) {
                reported = true;
                ctx.fireUserEventTriggered(new TlsHandshakeFailed(new Failure.NotTls(RecordSniffer.preview(head, head.length))));
                in.skipBytes(in.readableBytes());
                ctx.close();
                return;
            } else if (verdict == RecordSniffer.Verdict.NEED_MORE) {
                return;
            } else {
                sniffed = true;
            }
        }
        super.decode(ctx, in, out);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) throws Exception {
        Throwable root = cause instanceof DecoderException && cause.getCause() != null ? cause.getCause() : cause;
        if (reported && root instanceof SSLException && !handshakeFuture().isSuccess()) {
            // the handshake failure was already reported as TlsHandshakeFailed
            return;
        }
        super.exceptionCaught(ctx, cause);
    }

    /** Turns the JDK's handshake exception into the failure the outcome reports. */
    Failure classify(Throwable cause) {
        Failure.ProbeLimitExceeded limit = limitHit(cause);
        if (limit != null) {
            return limit;
        }
        String message = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        String lower = message.toLowerCase(Locale.ROOT);
        String refusedNote = refusedByJdk.isEmpty() ? ""
                : "; this JVM refuses " + String.join(", ", refusedByJdk.stream().sorted().toList())
                        + " (jdk.tls.disabledAlgorithms), the bouncycastle engine can offer them";
        String offeredText = String.join(", ", offered);
        String prefix = "received fatal alert: ";
        int at = lower.indexOf(prefix);
        if (at >= 0) {
            String name = message.substring(at + prefix.length()).trim();
            int code = TlsNames.alertNumber(name);
            if (code == 70 && !refusedByJdk.isEmpty()) {
                return new Failure.TlsVersionRefused(offeredText, "the server answered protocol_version (70)" + refusedNote);
            }
            return code >= 0 ? new Failure.TlsAlert(code, name, true) : new Failure.TlsError(message);
        }
        if (lower.contains("no appropriate protocol")) {
            if (refusedByJdk.containsAll(offered)) {
                return new Failure.TlsVersionRefused(offeredText, "the JDK will not offer any of them" + refusedNote);
            }
            return new Failure.TlsNoSharedCipher(message);
        }
        if (lower.contains("protocol version") || lower.contains("not accepted by client preferences")) {
            return new Failure.TlsVersionRefused(offeredText, message + refusedNote);
        }
        if (lower.contains("cipher suite")) {
            return new Failure.TlsNoSharedCipher(message);
        }
        if (lower.contains("failed to parse server certificates")) {
            Throwable root = cause;
            while (root.getCause() != null && root.getCause() != root) {
                root = root.getCause();
            }
            return new Failure.TlsError("the jdk engine cannot parse the server's certificate" + (root == cause || root.getMessage() == null
                    ? "" : " (" + root.getMessage() + ")") + "; the bouncycastle engine (the default) reads it and reports what does not parse");
        }
        return new Failure.TlsError(message);
    }

    private static final Pattern CHAIN_TOO_LONG =
            Pattern.compile("certificate chain length \\((\\d+)\\) exceeds the maximum allowed length \\((\\d+)\\)");
    // The JDK stops reading the chain one certificate past its limit, so the length it names is the limit + 1.
    private static final Pattern MESSAGE_TOO_LONG =
            Pattern.compile("size of the handshake message \\((\\d+)\\) exceeds the maximum allowed size \\((\\d+)\\)");

    /**
     * The limit that ended the handshake, or {@code null}: a key over {@link TlsLimits} (refused by the trust
     * manager), or the JDK's chain-length or message-size limit, in the JDK's words (pinned by the tests).
     */
    static Failure.ProbeLimitExceeded limitHit(Throwable cause) {
        for (Throwable t = cause; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof AcceptAnyTrustManager.KeyOverLimitException key) {
                return key.failure();
            }
            String message = t.getMessage() == null ? "" : t.getMessage().toLowerCase(Locale.ROOT);
            Matcher chain = CHAIN_TOO_LONG.matcher(message);
            if (chain.find()) {
                return new Failure.ProbeLimitExceeded("chains of at most " + chain.group(2) + " certificates (the jdk engine's limit: the "
                        + "JVM-wide system property jdk.tls.maxCertificateChainLength, which rdp-probe never sets; the bouncycastle engine "
                        + "accepts " + TlsLimits.MAX_CERTIFICATE_CHAIN_LENGTH + ")",
                        "the server sent a certificate chain of more than " + chain.group(2) + " certificates");
            }
            Matcher size = MESSAGE_TOO_LONG.matcher(message);
            if (size.find()) {
                return new Failure.ProbeLimitExceeded("TLS handshake messages of at most " + size.group(2) + " bytes (the jdk engine's limit: "
                        + "the JVM-wide system property jdk.tls.maxHandshakeMessageSize, which rdp-probe never sets; the bouncycastle engine "
                        + "accepts " + TlsLimits.MAX_HANDSHAKE_MESSAGE_BYTES + ")",
                        "the server sent a handshake message of " + size.group(1) + " bytes");
            }
        }
        return null;
    }

    /**
     * Runs the SSLEngine's delegated tasks on the prober's executor and fires {@link TlsLocalWork} on the event
     * loop while any is in flight.
     */
    private static final class ReportingExecutor implements Executor {
        private final Executor work;
        private volatile ChannelHandlerContext context;
        private int inFlight;

        ReportingExecutor(Executor work) {
            this.work = work;
        }

        @Override
        public void execute(Runnable task) {
            ChannelHandlerContext ctx = context;
            count(ctx, 1);
            try {
                work.execute(() -> {
                    try {
                        task.run();
                    } finally {
                        count(ctx, -1);
                    }
                });
            } catch (RejectedExecutionException e) {
                count(ctx, -1);
                throw e;
            }
        }

        private void count(ChannelHandlerContext ctx, int delta) {
            if (ctx == null) {
                return;
            }
            if (!ctx.executor().inEventLoop()) {
                try {
                    ctx.executor().execute(() -> count(ctx, delta));
                } catch (RejectedExecutionException e) {
                    // the event loop is shutting down with the prober
                }
                return;
            }
            int before = inFlight;
            inFlight += delta;
            if (before == 0 && inFlight > 0) {
                ctx.fireUserEventTriggered(TlsLocalWork.STARTED);
            } else if (before > 0 && inFlight == 0) {
                ctx.fireUserEventTriggered(TlsLocalWork.DONE);
            }
        }
    }

    /** The chain's DER, each certificate's JDK parse remembered for the inspection (which then does not parse it again). */
    private List<byte[]> peerChain(SSLSession session) {
        List<byte[]> chain = new ArrayList<>();
        try {
            for (Certificate certificate : session.getPeerCertificates()) {
                byte[] der = certificate.getEncoded();
                if (parsedCertificates != null && certificate instanceof X509Certificate x509) {
                    parsedCertificates.remember(der, x509);
                }
                chain.add(der);
            }
        } catch (SSLPeerUnverifiedException | CertificateEncodingException e) {
            return List.of();
        }
        return chain;
    }
}
