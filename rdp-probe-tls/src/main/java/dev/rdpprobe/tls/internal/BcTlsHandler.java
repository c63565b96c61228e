package dev.rdpprobe.tls.internal;

import dev.rdpprobe.core.tls.TlsLocalWork;
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
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Supplier;
import javax.net.ssl.SSLException;
import org.bouncycastle.tls.TlsProtocol;

/**
 * One side of TLS in a Netty pipeline with BouncyCastle's low-level {@link TlsProtocol} in
 * non-blocking mode (offerInput / readOutput / readInput): the record pump that the probe's client
 * and the test kit's server share. A subclass says how the protocol starts (connect or accept), when
 * its handshake is complete, and how the end of the handshake is reported.
 *
 * <p>Behaviour: the protocol starts when the handler is added to an active channel (or on
 * channelActive); the end of the handshake is reported once, by {@link #established} or
 * {@link #handshakeFailure}; after a failure the handler sends its alert, if any, and closes the
 * channel (as Netty's SslHandler does). Writes made before the handshake completes are queued and
 * encrypted afterwards. channelInactive and exceptionCaught pass through untouched. A close_notify
 * from the peer after the handshake closes the channel.
 *
 * <p>With an executor, the peer's bytes are processed on it until the handshake completes (key checks,
 * signature verification and key exchange are the costly part of a handshake, and the peer chooses
 * their size), one task at a time, and the handler resumes on the event loop with the result. The
 * protocol object is touched by one thread at a time: while a task runs, the handler stops reading from
 * the socket (auto-read off) and queues what was already read, so that what the peer sent next, its
 * close or reset included, is seen after the task's bytes, in the order it happened. Each task is
 * bracketed by {@link TlsLocalWork} events. After the handshake, application data is decrypted on the
 * event loop (cheap). Without an executor, everything runs on the event loop.
 */
public abstract class BcTlsHandler extends ChannelDuplexHandler {

    /** The message of the failure reported when the executor refuses the handshake's work. */
    public static final String WORK_REFUSED = "the TLS handshake could not continue: the prober's workers for TLS "
            + "computation are saturated or closed";

    private final TlsProtocol protocol;
    private final Executor work;
    private final ArrayDeque<PendingWrite> pendingWrites = new ArrayDeque<>();
    private final ArrayDeque<byte[]> queuedInput = new ArrayDeque<>();

    private boolean started;
    private boolean established;
    private boolean failed;
    /** A task of {@link #work} owns the protocol; the event loop must not touch it. */
    private boolean working;
    private boolean autoReadBeforeWork;

    /**
     * @param protocol the client or server protocol, not yet started
     * @param work runs the handshake's processing of the peer's bytes; {@code null} to run it on the event loop
     */
    protected BcTlsHandler(TlsProtocol protocol, Executor work) {
        this.protocol = Objects.requireNonNull(protocol, "protocol");
        this.work = work;
    }

    /** Starts the protocol: {@code connect} for a client (queues the ClientHello), {@code accept} for a server. */
    protected abstract void begin() throws IOException;

    /** Whether this side's handshake is complete (the peer's verify data checked). */
    protected abstract boolean handshakeComplete();

    /** The handshake completed: report it (typically a user event). Called once, before queued writes go out. */
    protected abstract void established(ChannelHandlerContext ctx);

    /**
     * The handshake failed with {@code cause} (an IOException or RuntimeException of BouncyCastle, or a
     * {@link RejectedExecutionException} with {@link #WORK_REFUSED} when the executor refused the work):
     * report it (typically a user event). Called once; the handler then fails queued writes with
     * {@code SSLException(message)} and closes. Returns that message.
     */
    protected abstract String handshakeFailure(ChannelHandlerContext ctx, Exception cause);

    /**
     * Looks at the peer's bytes before they are offered (a client checks they are TLS at all). Return
     * false to drop them, after {@link #failHandshake} if they end the handshake.
     */
    protected boolean admit(ChannelHandlerContext ctx, byte[] bytes) {
        return true;
    }

    /** Whether the handshake completed. */
    protected final boolean isEstablished() {
        return established;
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
            begin();
        } catch (IOException | RuntimeException e) {
            handleError(ctx, e);
            return;
        }
        writeOutput(ctx);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof ByteBuf in)) {
            ctx.fireChannelRead(msg);
            return;
        }
        byte[] bytes;
        try {
            if (failed || !working && protocol.isClosed() || !in.isReadable()) {
                return;
            }
            bytes = ByteBufUtil.getBytes(in);
        } finally {
            in.release();
        }
        if (!admit(ctx, bytes) || failed) {
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
                    // the event loop is shutting down; the channel goes with it
                }
            });
        } catch (RejectedExecutionException e) {
            resumeReading(ctx);
            failHandshake(ctx, new RejectedExecutionException(WORK_REFUSED, e));
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

    private void afterInput(ChannelHandlerContext ctx) {
        writeOutput(ctx);
        if (!established && handshakeComplete()) {
            established = true;
            established(ctx);
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
            // the peer sent close_notify; ours went out with writeOutput
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
        failPending(ClosedChannelException::new);
        ctx.close(promise);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        failPending(ClosedChannelException::new);
        ctx.fireChannelInactive();
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        failPending(() -> new SSLException("the TLS handler was removed"));
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
            failHandshake(ctx, e);
        } else if (!failed) {
            failed = true;
            failPending(() -> new SSLException(e.getMessage(), e));
            ctx.fireExceptionCaught(new SSLException("TLS failure after the handshake: " + describe(e), e));
            ctx.close();
        }
    }

    /**
     * Ends the handshake as failed with {@code cause}, once: sends any alert the protocol queued,
     * reports it through {@link #handshakeFailure}, fails queued writes and closes the channel.
     */
    protected final void failHandshake(ChannelHandlerContext ctx, Exception cause) {
        if (failed || established) {
            return;
        }
        failed = true;
        writeOutput(ctx);
        String message = handshakeFailure(ctx, cause);
        failPending(() -> new SSLException(message));
        ctx.close();
    }

    /** The exception's class and message, for reports. */
    protected static String describe(Exception e) {
        String message = e.getMessage();
        return message == null ? e.getClass().getSimpleName() : e.getClass().getSimpleName() + ": " + message;
    }

    /**
     * Fails the writes still queued with the exception {@code cause} makes, made only when there is one to fail
     * (an exception with its stack trace costs about a kilobyte, and a connection closes with none queued).
     */
    private void failPending(Supplier<? extends Throwable> cause) {
        if (pendingWrites.isEmpty()) {
            return;
        }
        Throwable failure = cause.get();
        PendingWrite write;
        while ((write = pendingWrites.poll()) != null) {
            write.data().release();
            write.promise().tryFailure(failure);
        }
    }

    /** A write made before the handshake completed. */
    private record PendingWrite(ByteBuf data, ChannelPromise promise) {
    }
}
