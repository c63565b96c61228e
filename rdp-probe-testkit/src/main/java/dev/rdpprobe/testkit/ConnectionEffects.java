package dev.rdpprobe.testkit;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOption;
import io.netty.channel.socket.SocketChannel;
import java.time.Duration;

/**
 * The one place that performs a {@link ConnectionEffect} on a connection, whichever step asked for
 * it. {@code ctx} is the fake server's own handler: what it writes passes any TLS layer below it.
 */
final class ConnectionEffects {

    /** The name of the {@link TrickleWriter} next to the socket, when a step installed one. */
    static final String TRICKLE = "trickle";

    private ConnectionEffects() {
    }

    static void perform(ChannelHandlerContext ctx, ConnectionEffect effect) {
        if (effect instanceof ConnectionEffect.Close) {
            ctx.close();
        } else if (effect instanceof ConnectionEffect.Reset) {
            reset(ctx);
        } else if (effect instanceof ConnectionEffect.HalfClose) {
            ((SocketChannel) ctx.channel()).shutdownOutput();
        } else if (effect instanceof ConnectionEffect.Send send) {
            var write = ctx.writeAndFlush(Unpooled.wrappedBuffer(send.bytes()));
            if (send.closeAfter()) {
                write.addListener(ChannelFutureListener.CLOSE);
            }
        } else if (effect instanceof ConnectionEffect.Trickle trickle) {
            trickleFromNowOn(ctx, trickle.interval());
            ctx.writeAndFlush(Unpooled.wrappedBuffer(trickle.bytes()));
        } else if (!(effect instanceof ConnectionEffect.Stall)) {
            throw new IllegalStateException("unknown effect " + effect);
        }
        // Stall: nothing.
    }

    /** Writes {@code message} (an encoded answer of the step) one byte at a time, {@code interval} apart. */
    static void trickle(ChannelHandlerContext ctx, ByteBuf message, Duration interval) {
        trickleFromNowOn(ctx, interval);
        ctx.writeAndFlush(message);
    }

    /**
     * Puts a {@link TrickleWriter} next to the socket, below any TLS layer, unless one is there
     * already (a trickled TLS handshake installs one): every byte written from now on trickles.
     */
    static void trickleFromNowOn(ChannelHandlerContext ctx, Duration interval) {
        if (ctx.pipeline().get(TRICKLE) == null) {
            ctx.pipeline().addFirst(TRICKLE, new TrickleWriter(interval));
        }
    }

    /**
     * Closes with SO_LINGER 0 (an RST), from the first handler's context so that a TLS handler in the
     * pipeline cannot send close_notify first: a real reset, not an orderly TLS close.
     */
    private static void reset(ChannelHandlerContext ctx) {
        ctx.channel().config().setOption(ChannelOption.SO_LINGER, 0);
        ctx.pipeline().firstContext().close();
    }
}
