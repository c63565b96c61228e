package dev.rdpprobe.testkit;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;

/**
 * Outbound: lets what is written out one byte at a time, each byte its own write and flush, {@code interval}
 * apart (a slow or fragmenting peer). Placed next to the socket (before a TLS handler), it trickles the
 * encrypted records themselves. Writes are reported done as soon as they are queued.
 */
final class TrickleWriter extends ChannelOutboundHandlerAdapter {
    private final long intervalNanos;
    private final ArrayDeque<ByteBuf> queue = new ArrayDeque<>();
    private boolean ticking;

    TrickleWriter(Duration interval) {
        this.intervalNanos = Math.max(0, interval.toNanos());
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (!(msg instanceof ByteBuf buf)) {
            ctx.write(msg, promise);
            return;
        }
        if (!buf.isReadable()) {
            buf.release();
        } else {
            queue.add(buf);
        }
        promise.setSuccess();
        if (!ticking && !queue.isEmpty()) {
            ticking = true;
            ctx.executor().schedule(() -> tick(ctx), intervalNanos, TimeUnit.NANOSECONDS);
        }
    }

    @Override
    public void flush(ChannelHandlerContext ctx) {
        // each byte is flushed on its own tick
    }

    private void tick(ChannelHandlerContext ctx) {
        ByteBuf head = queue.peek();
        if (head == null || !ctx.channel().isActive()) {
            releaseAll();
            ticking = false;
            return;
        }
        ByteBuf one = head.readRetainedSlice(1);
        if (!head.isReadable()) {
            queue.poll().release();
        }
        ctx.writeAndFlush(one);
        ctx.executor().schedule(() -> tick(ctx), intervalNanos, TimeUnit.NANOSECONDS);
    }

    private void releaseAll() {
        ByteBuf b;
        while ((b = queue.poll()) != null) {
            b.release();
        }
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        releaseAll();
    }
}
