package dev.rdpprobe.tls;

import dev.rdpprobe.core.tls.TlsHandshakeFailed;
import dev.rdpprobe.core.tls.TlsHandshakeSucceeded;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Records what a TLS handler passes on: its TLS events, decrypted bytes, exceptions and inactivity. */
final class EventRecorder extends ChannelInboundHandlerAdapter {

    final List<Object> tlsEvents = new CopyOnWriteArrayList<>();
    final List<Throwable> exceptions = new CopyOnWriteArrayList<>();
    final ByteArrayOutputStream received = new ByteArrayOutputStream();
    volatile boolean inactive;

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof TlsHandshakeSucceeded || evt instanceof TlsHandshakeFailed) {
            tlsEvents.add(evt);
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ByteBuf buf = (ByteBuf) msg;
        try {
            synchronized (received) {
                buf.readBytes(received, buf.readableBytes());
            }
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        } finally {
            buf.release();
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        exceptions.add(cause);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        inactive = true;
    }
}
