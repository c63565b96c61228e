package dev.rdpprobe.testkit.tls;

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
import javax.net.ssl.SSLException;
import org.bouncycastle.tls.TlsServerProtocol;

/**
 * Server side of TLS for the test server: BouncyCastle's {@link TlsServerProtocol} in non-blocking
 * mode. Waits for the ClientHello, fires {@link ServerHandshakeCompleted} or {@link ServerHandshakeFailed},
 * then passes plaintext both ways. Writes before the handshake completes are queued.
 */
final class BcTlsServerHandler extends ChannelDuplexHandler {

    private final TestTlsServer server;
    private final TlsServerProtocol protocol = new TlsServerProtocol();
    private final ArrayDeque<Object[]> pendingWrites = new ArrayDeque<>();

    private boolean accepted;
    private boolean established;
    private boolean failed;

    BcTlsServerHandler(TestTlsServer server) {
        this.server = server;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        accept(ctx);
    }

    private void accept(ChannelHandlerContext ctx) {
        if (accepted) {
            return;
        }
        accepted = true;
        try {
            protocol.accept(server);
        } catch (IOException | RuntimeException e) {
            fail(ctx, e);
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof ByteBuf)) {
            ctx.fireChannelRead(msg);
            return;
        }
        byte[] bytes;
        ByteBuf in = (ByteBuf) msg;
        try {
            if (failed || protocol.isClosed()) {
                return;
            }
            bytes = ByteBufUtil.getBytes(in);
        } finally {
            in.release();
        }
        try {
            protocol.offerInput(bytes);
        } catch (IOException | RuntimeException e) {
            fail(ctx, e);
            return;
        }
        writeOutput(ctx);
        if (!established && server.handshakeComplete()) {
            established = true;
            ctx.fireUserEventTriggered(new ServerHandshakeCompleted(
                    versionName(server.negotiatedVersion()), server.negotiatedCipherSuite()));
            Object[] write;
            while ((write = pendingWrites.poll()) != null) {
                encryptAndWrite(ctx, (ByteBuf) write[0], (ChannelPromise) write[1]);
            }
            ctx.flush();
        }
        int available;
        while (!failed && (available = protocol.getAvailableInputBytes()) > 0) {
            byte[] plain = new byte[available];
            int n = protocol.readInput(plain, 0, available);
            ctx.fireChannelRead(Unpooled.wrappedBuffer(plain, 0, n));
        }
        if (established && protocol.isClosed() && ctx.channel().isActive()) {
            ctx.close();
        }
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (!(msg instanceof ByteBuf)) {
            ReferenceCountUtil.release(msg);
            promise.setFailure(new UnsupportedMessageTypeException(msg, ByteBuf.class));
        } else if (failed || protocol.isClosed()) {
            ReferenceCountUtil.release(msg);
            promise.setFailure(new SSLException("the TLS connection is closed"));
        } else if (!established) {
            pendingWrites.add(new Object[] {msg, promise});
        } else {
            encryptAndWrite(ctx, (ByteBuf) msg, promise);
        }
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
            return;
        }
        int n = protocol.getAvailableOutputBytes();
        byte[] out = new byte[n];
        protocol.readOutput(out, 0, n);
        ctx.write(Unpooled.wrappedBuffer(out), promise);
    }

    @Override
    public void close(ChannelHandlerContext ctx, ChannelPromise promise) {
        if (established && !failed && !protocol.isClosed()) {
            try {
                protocol.close();
            } catch (IOException | RuntimeException e) {
                // closing anyway
            }
            writeOutput(ctx);
        }
        releasePending(new ClosedChannelException());
        ctx.close(promise);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        releasePending(new ClosedChannelException());
        ctx.fireChannelInactive();
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        releasePending(new SSLException("the TLS handler was removed"));
    }

    private void writeOutput(ChannelHandlerContext ctx) {
        int n = protocol.getAvailableOutputBytes();
        if (n > 0) {
            byte[] out = new byte[n];
            int read = protocol.readOutput(out, 0, n);
            ctx.writeAndFlush(Unpooled.wrappedBuffer(out, 0, read));
        }
    }

    private void fail(ChannelHandlerContext ctx, Exception e) {
        writeOutput(ctx);
        if (failed) {
            return;
        }
        failed = true;
        releasePending(new SSLException(e.getMessage(), e));
        if (!established) {
            ctx.fireUserEventTriggered(new ServerHandshakeFailed(
                    e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage())));
        }
        ctx.close();
    }

    private void releasePending(Throwable cause) {
        Object[] write;
        while ((write = pendingWrites.poll()) != null) {
            ReferenceCountUtil.release(write[0]);
            ((ChannelPromise) write[1]).tryFailure(cause);
        }
    }

    static String versionName(org.bouncycastle.tls.ProtocolVersion version) {
        if (version == null) {
            return "unknown";
        }
        if (version.getMajorVersion() == 3 && version.getMinorVersion() >= 1 && version.getMinorVersion() <= 4) {
            return version.getMinorVersion() == 1 ? "TLSv1" : "TLSv1." + (version.getMinorVersion() - 1);
        }
        return version.getName();
    }
}
