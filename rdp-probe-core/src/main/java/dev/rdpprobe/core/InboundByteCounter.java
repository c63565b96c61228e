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

    /**
     * From now on the stream is TLS records: follow their boundaries, starting with {@code arrivedEarly},
     * bytes that came before TLS began but belong to it (the rest of the Connection Confirm's segment),
     * which are counted now, for the phase that begins. The buffer is only looked at.
     */
    void followTlsRecords(ByteBuf arrivedEarly) {
        if (records == null) {
            records = new TlsRecordTracker();
        }
        if (arrivedEarly.isReadable()) {
            count(arrivedEarly);
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof ByteBuf buf) {
            count(buf);
        }
        ctx.fireChannelRead(msg);
    }

    private void count(ByteBuf buf) {
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
}
