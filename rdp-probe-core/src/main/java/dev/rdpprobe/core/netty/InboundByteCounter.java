package dev.rdpprobe.core.netty;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

/**
 * First handler of a probe's pipeline: counts the raw bytes the server sends (before TLS) so the
 * sequence can say "closed after N bytes" or "N bytes trickled in".
 */
final class InboundByteCounter extends ChannelInboundHandlerAdapter {
    private final ProbeRun run;

    InboundByteCounter(ProbeRun run) {
        this.run = run;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof ByteBuf buf) {
            run.onRawBytes(buf.readableBytes()); // guards itself
        }
        ctx.fireChannelRead(msg);
    }
}
