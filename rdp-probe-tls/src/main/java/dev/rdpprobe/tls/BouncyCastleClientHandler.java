package dev.rdpprobe.tls;

import dev.rdpprobe.core.outcome.Failure;
import dev.rdpprobe.core.tls.TlsHandshakeFailed;
import dev.rdpprobe.core.tls.TlsHandshakeSucceeded;
import dev.rdpprobe.core.tls.TlsLocalWork;
import dev.rdpprobe.core.tls.TlsRequest;
import dev.rdpprobe.tls.internal.BcTlsHandler;
import io.netty.channel.ChannelHandlerContext;
import java.io.IOException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.TlsClientProtocol;
import org.bouncycastle.tls.TlsFatalAlert;
import org.bouncycastle.tls.TlsFatalAlertReceived;
import org.bouncycastle.tls.crypto.TlsCrypto;

/**
 * The "bouncycastle" engine: BouncyCastle's low-level {@link TlsClientProtocol} in non-blocking mode
 * inside a Netty handler, with the record pump of {@link BcTlsHandler} (shared with the test kit's
 * server). It reaches TLS 1.0 to 1.3 servers without reading or changing any JVM-global security
 * property.
 *
 * <p>Behaviour, per the {@link dev.rdpprobe.core.tls.TlsProvider} contract: the ClientHello goes out
 * when the handler is added to an active channel (or on channelActive); the end of the handshake is
 * reported once as {@link TlsHandshakeSucceeded} or {@link TlsHandshakeFailed}; after a failure the
 * handler sends its alert, if any, and closes the channel (as Netty's SslHandler does). Writes made
 * before the handshake completes are queued and encrypted afterwards. channelInactive and
 * exceptionCaught (a reset) pass through untouched and are never reported as a TLS failure. A
 * close_notify from the server after the handshake closes the channel. The server's first bytes are
 * checked to be TLS records at all ({@link RecordSniffer}) before they are offered.
 *
 * <p>Until the handshake completes, the server's bytes are processed on the executor given at
 * construction, bracketed by {@link TlsLocalWork} events, so that a timeout meanwhile is the probe's
 * (see {@link BcTlsHandler}).
 */
final class BouncyCastleClientHandler extends BcTlsHandler {

    /** Engine name used in events. */
    static final String ENGINE = "bouncycastle";

    private final TlsRequest request;
    private final ProbeTlsClient client;
    private final TlsClientProtocol protocol;

    private final byte[] head = new byte[RecordSniffer.PREVIEW_BYTES];
    private int headLength;
    private boolean sniffed;

    /**
     * @param crypto the crypto back end
     * @param request what to offer
     * @param work runs the handshake's processing of the server's bytes; {@code null} to run it on the event loop
     * @param parsedCertificates where the server's certificates, as parsed in the handshake, are kept for the inspection
     */
    BouncyCastleClientHandler(TlsCrypto crypto, TlsRequest request, Executor work, HandshakeCertificates parsedCertificates) {
        this(new TlsClientProtocol(), crypto, request, work, parsedCertificates);
    }

    private BouncyCastleClientHandler(TlsClientProtocol protocol, TlsCrypto crypto, TlsRequest request, Executor work,
            HandshakeCertificates parsedCertificates) {
        super(protocol, work);
        this.protocol = protocol;
        this.request = request;
        this.client = new ProbeTlsClient(crypto, request.protocols(), request.serverName(), parsedCertificates);
    }

    @Override
    protected void begin() throws IOException {
        protocol.connect(client);
    }

    @Override
    protected boolean handshakeComplete() {
        return client.handshakeComplete();
    }

    @Override
    protected void established(ChannelHandlerContext ctx) {
        ctx.fireUserEventTriggered(new TlsHandshakeSucceeded(
                client.negotiatedVersion(), client.negotiatedCipherSuiteName(), ENGINE, client.peerChainDer()));
    }

    @Override
    protected String handshakeFailure(ChannelHandlerContext ctx, Exception cause) {
        Failure failure = classify(cause);
        ctx.fireUserEventTriggered(new TlsHandshakeFailed(failure));
        return failure.message();
    }

    /** Checks the first bytes of the server's answer; false (and the failure reported) if it is not TLS. */
    @Override
    protected boolean admit(ChannelHandlerContext ctx, byte[] bytes) {
        if (sniffed) {
            return true;
        }
        int copy = Math.min(bytes.length, head.length - headLength);
        System.arraycopy(bytes, 0, head, headLength, copy);
        headLength += copy;
        RecordSniffer.Verdict verdict = RecordSniffer.classify(head, headLength);
        if (verdict == RecordSniffer.Verdict.NOT_TLS) {
            failHandshake(ctx, new KnownFailure(new Failure.NotTls(RecordSniffer.preview(head, headLength))));
            return false;
        }
        sniffed = verdict == RecordSniffer.Verdict.TLS;
        return true;
    }

    /** Turns a BouncyCastle handshake exception into the failure the outcome reports. */
    Failure classify(Exception e) {
        if (e instanceof KnownFailure known) {
            return known.failure;
        }
        if (e instanceof RejectedExecutionException && WORK_REFUSED.equals(e.getMessage())) {
            return new Failure.LocalError(WORK_REFUSED);
        }
        Failure.ProbeLimitExceeded limit = ProbeTlsClient.limitHit(e);
        if (limit != null) {
            return limit;
        }
        short received = client.fatalAlertReceived();
        if (received < 0 && e instanceof TlsFatalAlertReceived) {
            received = ((TlsFatalAlertReceived) e).getAlertDescription();
        }
        if (received >= 0) {
            return new Failure.TlsAlert(received, TlsNames.alertName(received), true);
        }
        if (client.closeNotifyReceived()) {
            return new Failure.TlsError("the server sent close_notify in the middle of the handshake");
        }
        short raised = client.fatalAlertRaised();
        String detail = client.fatalAlertRaisedMessage();
        if (raised < 0 && e instanceof TlsFatalAlert) {
            raised = ((TlsFatalAlert) e).getAlertDescription();
        }
        if (detail == null) {
            detail = e.getMessage();
        }
        if (raised == AlertDescription.protocol_version) {
            return new Failure.TlsVersionRefused(String.join(", ", request.jdkNames()),
                    detail != null ? detail : "the server chose a version that was not offered");
        }
        if (raised >= 0 && detail != null && detail.toLowerCase(java.util.Locale.ROOT).contains("cipher suite")) {
            return new Failure.TlsNoSharedCipher(detail);
        }
        if (raised >= 0) {
            return new Failure.TlsAlert(raised, TlsNames.alertName(raised), false);
        }
        return new Failure.TlsError(describe(e));
    }

    /** A failure decided by this handler rather than by BouncyCastle (the bytes are not TLS). */
    private static final class KnownFailure extends Exception {
        private static final long serialVersionUID = 1L;
        private final transient Failure failure;

        KnownFailure(Failure failure) {
            super(failure.message(), null, false, false);
            this.failure = failure;
        }
    }
}
