package dev.rdpprobe.core;

import dev.rdpprobe.core.internal.pdu.MalformedPduException;
import dev.rdpprobe.core.internal.pdu.credssp.DerFraming;
import dev.rdpprobe.core.internal.pdu.tpkt.Tpkt;
import dev.rdpprobe.core.internal.sequence.Framing;
import dev.rdpprobe.core.internal.sequence.ReplySniffer;
import dev.rdpprobe.core.tls.TlsHandshakeFailed;
import dev.rdpprobe.core.tls.TlsHandshakeSucceeded;
import dev.rdpprobe.core.tls.TlsLocalWork;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.CompositeByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.io.IOException;

/**
 * Last handler of a probe's pipeline: cuts the (plaintext) stream into PDUs as the sequence's
 * current {@link Framing} says, hands each to the {@link ProbeRun}, and turns channel events (close,
 * reset, TLS events) into sequence events. Holds at most one PDU's worth of bytes: the framers reject
 * any length above their caps before waiting for it.
 */
final class PduFramingHandler extends ChannelInboundHandlerAdapter {
    private final ProbeRun run;
    private ByteBuf cumulation;

    PduFramingHandler(ProbeRun run) {
        this.run = run;
    }

    /*
     * Every callback guards itself: what our own code throws here ends the run as an internal error in the
     * phase it was in (Netty would otherwise route it to exceptionCaught as if the channel had failed).
     */

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        try {
            read(ctx, msg);
        } catch (Throwable t) {
            run.onInternalError("framing the server's bytes", t);
        }
    }

    private void read(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof ByteBuf in)) {
            io.netty.util.ReferenceCountUtil.release(msg);
            return;
        }
        if (run.isFinished()) {
            in.release();
            return;
        }
        run.onFramedBytes(in.readableBytes());
        if (cumulation == null) {
            cumulation = in;
        } else {
            if (!(cumulation instanceof CompositeByteBuf)) {
                CompositeByteBuf composite = ctx.alloc().compositeBuffer(16);
                composite.addComponent(true, cumulation);
                cumulation = composite;
            }
            ((CompositeByteBuf) cumulation).addComponent(true, in);
        }
        frame();
    }

    private void frame() {
        while (cumulation != null && cumulation.isReadable() && !run.isFinished() && !run.isTlsPending()) {
            int length;
            try {
                length = frameLength(run.framing());
            } catch (MalformedPduException e) {
                run.onUnframeable(sniff(), e);
                return;
            }
            if (length < 0 || cumulation.readableBytes() < length) {
                return;
            }
            ByteBuf pdu = cumulation.readRetainedSlice(length);
            try {
                run.onPdu(pdu);
            } finally {
                pdu.release();
            }
        }
        if (cumulation != null && !cumulation.isReadable()) {
            cumulation.release();
            cumulation = null;
        }
    }

    private int frameLength(Framing framing) {
        int max = run.maxPduLength();
        if (framing == Framing.DER && cumulation.getUnsignedByte(cumulation.readerIndex()) != Tpkt.VERSION) {
            return DerFraming.frameLength(cumulation, max);
        }
        int length = Tpkt.frameLength(cumulation);
        if (length > max) {
            throw new MalformedPduException("TPKT", "length", 2, "announces " + length + " bytes; nothing the server may send in "
                    + (framing == Framing.DER ? "CredSSP" : "reply to a Connection Request") + " is longer than " + max);
        }
        return length;
    }

    private byte[] sniff() {
        byte[] first = new byte[Math.min(ReplySniffer.SNIFF_LENGTH, cumulation.readableBytes())];
        cumulation.getBytes(cumulation.readerIndex(), first);
        return first;
    }

    /** Bytes received but not yet consumed (handed over to a TLS handler inserted after the Connection Confirm). */
    ByteBuf takeLeftover() {
        ByteBuf left = cumulation;
        cumulation = null;
        return left != null && left.isReadable() ? left : release(left);
    }

    /**
     * Frames again after a TLS handshake, when data may have been waiting; bytes that waited are
     * reported again, for the phase that begins now (they are its answer, arrived early).
     */
    void resume() {
        if (cumulation != null && cumulation.isReadable()) {
            run.onFramedBytes(cumulation.readableBytes());
        }
        frame();
    }

    private static ByteBuf release(ByteBuf b) {
        if (b != null) {
            b.release();
        }
        return null;
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        try {
            if (evt instanceof TlsHandshakeSucceeded ok) {
                run.onTlsEstablished(ok);
            } else if (evt instanceof TlsHandshakeFailed failed) {
                run.onTlsFailed(failed.failure());
            } else if (evt instanceof TlsLocalWork work) {
                run.onTlsLocalWork(work.pending());
            } else {
                ctx.fireUserEventTriggered(evt);
            }
        } catch (Throwable t) {
            run.onInternalError("handling a TLS event", t);
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        try {
            run.onClosed();
        } catch (Throwable t) {
            run.onInternalError("handling the close of the connection", t);
        }
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        try {
            if (cause instanceof IOException && isReset(cause)) {
                run.onReset();
            } else if (cause instanceof IOException) {
                run.onClosed();
            } else {
                run.onLocalError("channel error: " + cause);
            }
        } catch (Throwable t) {
            run.onInternalError("handling a channel error", t);
        }
        ctx.close();
    }

    static boolean isReset(Throwable cause) {
        String m = String.valueOf(cause.getMessage()).toLowerCase(java.util.Locale.ROOT);
        return m.contains("reset") || m.contains("broken pipe");
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        cumulation = release(cumulation);
    }
}
