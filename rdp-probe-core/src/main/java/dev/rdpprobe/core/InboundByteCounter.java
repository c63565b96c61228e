package dev.rdpprobe.core;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

/**
 * First handler of a probe's pipeline: counts the raw bytes the server sends (before TLS) so the
 * sequence can say "closed after N bytes" or "sent N bytes, then stalled". Once TLS starts it also
 * follows the TLS record boundaries and reports how much of an unfinished record has arrived: a
 * record the server stops sending half-way is an answer that stalled, though none of it decrypts.
 */
final class InboundByteCounter extends ChannelInboundHandlerAdapter {
    private final ProbeRun run;
    private TlsRecordTracker records;

    InboundByteCounter(ProbeRun run) {
        this.run = run;
    }

    /** From now on the stream is TLS records: follow their boundaries. */
    void followTlsRecords() {
        if (records == null) {
            records = new TlsRecordTracker();
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof ByteBuf buf) {
            run.onRawBytes(buf.readableBytes()); // guards itself
            if (records != null) {
                try {
                    records.advance(buf);
                } catch (RuntimeException e) {
                    run.onInternalError("following the TLS record boundaries", e);
                }
                run.onTlsRecordInProgress(records.bytesInProgress()); // guards itself
            }
        }
        ctx.fireChannelRead(msg);
    }
}
