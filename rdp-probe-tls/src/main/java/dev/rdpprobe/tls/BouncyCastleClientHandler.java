package dev.rdpprobe.tls;

import dev.rdpprobe.core.outcome.Failure;
import dev.rdpprobe.core.tls.TlsHandshakeFailed;
import dev.rdpprobe.core.tls.TlsHandshakeSucceeded;
import dev.rdpprobe.core.tls.TlsLocalWork;
import dev.rdpprobe.core.tls.TlsRequest;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.UnsupportedMessageTypeException;
import io.netty.util.ReferenceCountUtil;
import java.io.IOException;
import java.nio.channels.ClosedChannelException;
import java.util.ArrayDeque;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import javax.net.ssl.SSLException;
import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.TlsClientProtocol;
import org.bouncycastle.tls.TlsFatalAlert;
import org.bouncycastle.tls.TlsFatalAlertReceived;
import org.bouncycastle.tls.crypto.TlsCrypto;

/**
 * The "bouncycastle" engine: BouncyCastle's low-level {@link TlsClientProtocol} in non-blocking mode
 * (offerInput / readOutput / readInput) inside a Netty handler. It reaches TLS 1.0 to 1.3 servers
 * without reading or changing any JVM-global security property.
 *
 * <p>Behaviour, per the {@link dev.rdpprobe.core.tls.TlsProvider} contract: the ClientHello goes out
 * when the handler is added to an active channel (or on channelActive); the end of the handshake is
 * reported once as {@link TlsHandshakeSucceeded} or {@link TlsHandshakeFailed}; after a failure the
 * handler sends its alert, if any, and closes the channel (as Netty's SslHandler does). Writes made
 * before the handshake completes are queued and encrypted afterwards. channelInactive and
 * exceptionCaught (a reset) pass through untouched and are never reported as a TLS failure. A
 * close_notify from the server after the handshake closes the channel.
 *
 * <p>Until the handshake completes, the server's bytes are processed on the executor given at construction
 * (key checks, signature verification and key exchange are the costly part of a handshake, and a server
 * chooses their size), one task at a time, and the handler resumes on the event loop with the result. The
 * protocol object is touched by one thread at a time: while a task runs, the handler stops reading from the
 * socket (auto-read off) and queues what was already read, so that what the server sent next, its close or
 * reset included, is seen after the task's bytes, in the order it happened. Each task is bracketed by
 * {@link TlsLocalWork} events, so that a timeout meanwhile is the probe's. After the handshake, application
 * data is decrypted on the event loop (cheap). Without an executor, everything runs on the event loop.
 */
final class BouncyCastleClientHandler extends ChannelDuplexHandler {

    /** Engine name used in events. */
    static final String ENGINE = "bouncycastle";

    private final TlsRequest request;
    private final Executor work;
    private final ProbeTlsClient client;
    private final TlsClientProtocol protocol = new TlsClientProtocol();
    private final ArrayDeque<PendingWrite> pendingWrites = new ArrayDeque<>();

    private final byte[] head = new byte[RecordSniffer.PREVIEW_BYTES];
    private int headLength;
    private boolean sniffed;

    private boolean started;
    private boolean established;
    private boolean failed;

    /** A task of {@link #work} owns the protocol; the event loop must not touch it. */
    private boolean working;
    private boolean autoReadBeforeWork;
    private final ArrayDeque<byte[]> queuedInput = new ArrayDeque<>();

    /**
     * @param crypto the crypto back end
     * @param request what to offer
     * @param work runs the handshake's processing of the server's bytes; {@code null} to run it on the event loop
     */
    BouncyCastleClientHandler(TlsCrypto crypto, TlsRequest request, Executor work) {
        this.request = request;
        this.work = work;
        this.client = new ProbeTlsClient(crypto, request.protocols(), request.serverName());
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        if (ctx.channel().isActive()) {
            start(ctx);
        }
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        start(ctx);
        ctx.fireChannelActive();
    }

    private void start(ChannelHandlerContext ctx) {
        if (started) {
            return;
        }
        started = true;
        try {
            protocol.connect(client);
        } catch (IOException | RuntimeException e) {
            handleError(ctx, e);
            return;
        }
        writeOutput(ctx);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof ByteBuf)) {
            ctx.fireChannelRead(msg);
            return;
        }
        ByteBuf in = (ByteBuf) msg;
        byte[] bytes;
        try {
            if (failed || !working && protocol.isClosed() || !in.isReadable()) {
                return;
            }
            bytes = ByteBufUtil.getBytes(in);
        } finally {
            in.release();
        }
        if (!sniffed && !sniff(ctx, bytes)) {
            return;
        }
        queuedInput.add(bytes);
        if (!working) {
            processQueued(ctx);
        }
    }

    /** Offers the queued bytes: on the event loop once the handshake is over (or without an executor), else on the executor. */
    private void processQueued(ChannelHandlerContext ctx) {
        while (!failed && !working && !queuedInput.isEmpty()) {
            byte[] input = takeQueued();
            if (established || work == null) {
                try {
                    protocol.offerInput(input);
                } catch (IOException | RuntimeException e) {
                    handleError(ctx, e);
                    return;
                }
                afterInput(ctx);
            } else {
                offerOffLoop(ctx, input);
            }
        }
    }

    private byte[] takeQueued() {
        if (queuedInput.size() == 1) {
            return queuedInput.poll();
        }
        int length = 0;
        for (byte[] b : queuedInput) {
            length += b.length;
        }
        byte[] all = new byte[length];
        int at = 0;
        byte[] b;
        while ((b = queuedInput.poll()) != null) {
            System.arraycopy(b, 0, all, at, b.length);
            at += b.length;
        }
        return all;
    }

    private void offerOffLoop(ChannelHandlerContext ctx, byte[] input) {
        working = true;
        autoReadBeforeWork = ctx.channel().config().isAutoRead();
        ctx.channel().config().setAutoRead(false);
        try {
            work.execute(() -> {
                Exception error = null;
                try {
                    protocol.offerInput(input);
                } catch (IOException | RuntimeException e) {
                    error = e;
                }
                Exception outcome = error;
                try {
                    ctx.executor().execute(() -> afterWork(ctx, outcome));
                } catch (RejectedExecutionException e) {
                    // the event loop is shutting down with the prober; the channel goes with it
                }
            });
        } catch (RejectedExecutionException e) {
            resumeReading(ctx);
            fail(ctx, new Failure.LocalError("the TLS handshake could not continue: the prober's workers for TLS computation "
                    + "are saturated or closed"));
            return;
        }
        ctx.fireUserEventTriggered(TlsLocalWork.STARTED);
    }

    /** Back on the event loop after a task: report what it did, go on with what was read meanwhile, read again. */
    private void afterWork(ChannelHandlerContext ctx, Exception error) {
        resumeReading(ctx);
        ctx.fireUserEventTriggered(TlsLocalWork.DONE);
        if (!failed) {
            if (error != null) {
                handleError(ctx, error);
            } else {
                afterInput(ctx);
            }
        }
        processQueued(ctx);
    }

    private void resumeReading(ChannelHandlerContext ctx) {
        working = false;
        if (autoReadBeforeWork) {
            ctx.channel().config().setAutoRead(true);
        } else {
            ctx.read();
        }
    }

    /** Checks the first bytes of the server's answer; false (and the failure reported) if it is not TLS. */
    private boolean sniff(ChannelHandlerContext ctx, byte[] bytes) {
        int copy = Math.min(bytes.length, head.length - headLength);
        System.arraycopy(bytes, 0, head, headLength, copy);
        headLength += copy;
        RecordSniffer.Verdict verdict = RecordSniffer.classify(head, headLength);
        if (verdict == RecordSniffer.Verdict.NOT_TLS) {
            fail(ctx, new Failure.NotTls(RecordSniffer.preview(head, headLength)));
            return false;
        }
        sniffed = verdict == RecordSniffer.Verdict.TLS;
        return true;
    }

    private void afterInput(ChannelHandlerContext ctx) {
        writeOutput(ctx);
        if (!established && client.handshakeComplete()) {
            established = true;
            ctx.fireUserEventTriggered(new TlsHandshakeSucceeded(
                    client.negotiatedVersion(), client.negotiatedCipherSuiteName(), ENGINE, client.peerChainDer()));
            writePending(ctx);
        }
        int available;
        while (!failed && (available = protocol.getAvailableInputBytes()) > 0) {
            byte[] plain = new byte[available];
            int n = protocol.readInput(plain, 0, available);
            if (n <= 0) {
                break;
            }
            ctx.fireChannelRead(Unpooled.wrappedBuffer(plain, 0, n));
        }
        if (established && protocol.isClosed() && ctx.channel().isActive()) {
            // the server sent close_notify; ours went out with writeOutput
            ctx.close();
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        if (!established && !failed && !working && !ctx.channel().config().isAutoRead()) {
            ctx.read();
        }
        ctx.fireChannelReadComplete();
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (!(msg instanceof ByteBuf)) {
            ReferenceCountUtil.release(msg);
            promise.setFailure(new UnsupportedMessageTypeException(msg, ByteBuf.class));
            return;
        }
        if (failed || !working && protocol.isClosed()) {
            ReferenceCountUtil.release(msg);
            promise.setFailure(new SSLException("the TLS connection is " + (failed ? "failed" : "closed")));
            return;
        }
        if (!established) {
            pendingWrites.add(new PendingWrite((ByteBuf) msg, promise));
            return;
        }
        encryptAndWrite(ctx, (ByteBuf) msg, promise);
    }

    private void encryptAndWrite(ChannelHandlerContext ctx, ByteBuf msg, ChannelPromise promise) {
        byte[] plain;
        try {
            plain = ByteBufUtil.getBytes(msg);
        } finally {
            msg.release();
        }
        try {
            protocol.writeApplicationData(plain, 0, plain.length);
        } catch (IOException | RuntimeException e) {
            promise.setFailure(e);
            handleError(ctx, e);
            return;
        }
        int n = protocol.getAvailableOutputBytes();
        if (n == 0) {
            ctx.write(Unpooled.EMPTY_BUFFER, promise);
            return;
        }
        byte[] cipherText = new byte[n];
        protocol.readOutput(cipherText, 0, n);
        ctx.write(Unpooled.wrappedBuffer(cipherText), promise);
    }

    private void writePending(ChannelHandlerContext ctx) {
        PendingWrite write;
        while (!failed && (write = pendingWrites.poll()) != null) {
            encryptAndWrite(ctx, write.data(), write.promise());
        }
        ctx.flush();
    }

    @Override
    public void flush(ChannelHandlerContext ctx) {
        ctx.flush();
    }

    @Override
    public void close(ChannelHandlerContext ctx, ChannelPromise promise) {
        if (established && !failed && !protocol.isClosed()) {
            try {
                protocol.close();
            } catch (IOException | RuntimeException e) {
                // closing anyway; close_notify is a courtesy
            }
            writeOutput(ctx);
        }
        failPending(new ClosedChannelException());
        ctx.close(promise);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        failPending(new ClosedChannelException());
        ctx.fireChannelInactive();
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        failPending(new SSLException("the TLS handler was removed"));
    }

    /** Sends whatever the protocol has queued (handshake messages, alerts, close_notify); nothing while a task owns it. */
    private void writeOutput(ChannelHandlerContext ctx) {
        if (working) {
            return;
        }
        int n = protocol.getAvailableOutputBytes();
        if (n > 0) {
            byte[] out = new byte[n];
            int read = protocol.readOutput(out, 0, n);
            ctx.writeAndFlush(Unpooled.wrappedBuffer(out, 0, read));
        }
    }

    private void handleError(ChannelHandlerContext ctx, Exception e) {
        writeOutput(ctx);
        if (!established) {
            fail(ctx, classify(e));
        } else if (!failed) {
            failed = true;
            failPending(new SSLException(e.getMessage(), e));
            ctx.fireExceptionCaught(new SSLException("TLS failure after the handshake: " + describe(e), e));
            ctx.close();
        }
    }

    private void fail(ChannelHandlerContext ctx, Failure failure) {
        if (failed || established) {
            return;
        }
        failed = true;
        writeOutput(ctx);
        ctx.fireUserEventTriggered(new TlsHandshakeFailed(failure));
        failPending(new SSLException(failure.message()));
        ctx.close();
    }

    /** Turns a BouncyCastle handshake exception into the failure the outcome reports. */
    Failure classify(Exception e) {
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

    private static String describe(Exception e) {
        String message = e.getMessage();
        return message == null ? e.getClass().getSimpleName() : e.getClass().getSimpleName() + ": " + message;
    }

    private void failPending(Throwable cause) {
        PendingWrite write;
        while ((write = pendingWrites.poll()) != null) {
            write.data().release();
            write.promise().tryFailure(cause);
        }
    }

    /** A write made before the handshake completed. */
    private record PendingWrite(ByteBuf data, ChannelPromise promise) {
    }
}
