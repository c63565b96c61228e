package dev.rdpprobe.testkit;

import dev.rdpprobe.core.pdu.MalformedPduException;
import dev.rdpprobe.core.pdu.tpkt.Tpkt;
import dev.rdpprobe.core.pdu.x224.ConnectionRequest;
import dev.rdpprobe.core.pdu.x224.NegotiationData;
import dev.rdpprobe.core.pdu.x224.ServerX224Pdu;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.util.ReferenceCountUtil;
import java.util.concurrent.TimeUnit;

/** The server side of one connection, following a {@link Scenario}. */
final class FakeServerConnection extends ChannelInboundHandlerAdapter {
    private final Scenario scenario;
    private final RecordedConnection record;
    private ByteBuf pending;
    private boolean confirmed;

    FakeServerConnection(Scenario scenario, RecordedConnection record) {
        this.scenario = scenario;
        this.record = record;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof ByteBuf in) || confirmed) {
            ReferenceCountUtil.release(msg);
            return;
        }
        pending = pending == null ? in : Unpooled.wrappedBuffer(pending, in);
        int length;
        try {
            length = Tpkt.frameLength(pending);
        } catch (MalformedPduException e) {
            record.connectionRequestError(e.getMessage());
            release();
            ctx.close();
            return;
        }
        if (length < 0 || pending.readableBytes() < length) {
            return;
        }
        confirmed = true;
        try {
            record.connectionRequest(ConnectionRequest.decode(pending));
        } catch (MalformedPduException e) {
            record.connectionRequestError(e.getMessage());
        }
        int requested = record.connectionRequest() != null && record.connectionRequest().negotiationRequest() != null
                ? record.connectionRequest().negotiationRequest().requestedProtocols().bits() : 0;
        release();
        answer(ctx, requested);
    }

    private void answer(ChannelHandlerContext ctx, int requested) {
        X224Step step = scenario.x224();
        if (step instanceof X224Step.Confirm c) {
            NegotiationData data = c.answer().apply(requested);
            ByteBuf out = ctx.alloc().buffer(19);
            new ServerX224Pdu.ConnectionConfirm(0x1234, data).encode(out);
            var write = ctx.writeAndFlush(out);
            if (c.closeAfter() && data instanceof NegotiationData.Failure) {
                write.addListener(ChannelFutureListener.CLOSE);
            }
        } else if (step instanceof X224Step.Close) {
            ctx.close();
        } else if (step instanceof X224Step.Reset) {
            ctx.channel().config().setOption(ChannelOption.SO_LINGER, 0);
            ctx.close();
        } else if (step instanceof X224Step.Raw r) {
            var write = ctx.writeAndFlush(Unpooled.wrappedBuffer(r.bytes()));
            if (r.closeAfter()) {
                write.addListener(ChannelFutureListener.CLOSE);
            }
        } else if (step instanceof X224Step.Trickle t) {
            trickle(ctx, t, 0);
        }
        // Silent: nothing.
    }

    private void trickle(ChannelHandlerContext ctx, X224Step.Trickle t, int index) {
        if (index >= t.bytes().length || !ctx.channel().isActive()) {
            return;
        }
        ctx.writeAndFlush(Unpooled.wrappedBuffer(t.bytes(), index, 1));
        ctx.executor().schedule(() -> trickle(ctx, t, index + 1), t.interval().toNanos(), TimeUnit.NANOSECONDS);
    }

    private void release() {
        if (pending != null) {
            pending.release();
            pending = null;
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        release();
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }
}
