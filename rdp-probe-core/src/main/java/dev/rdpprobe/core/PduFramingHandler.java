package dev.rdpprobe.core;

import dev.rdpprobe.core.internal.pdu.MalformedPduException;
import dev.rdpprobe.core.internal.pdu.PduFrameDecoder;
import dev.rdpprobe.core.internal.pdu.credssp.DerFraming;
import dev.rdpprobe.core.internal.pdu.tpkt.Tpkt;
import dev.rdpprobe.core.internal.sequence.Framing;
import dev.rdpprobe.core.internal.sequence.ReplySniffer;
import dev.rdpprobe.core.tls.TlsHandshakeFailed;
import dev.rdpprobe.core.tls.TlsHandshakeSucceeded;
import dev.rdpprobe.core.tls.TlsLocalWork;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;
import java.io.IOException;

/**
 * Last handler of a probe's pipeline: hands each whole PDU that a {@link PduFrameDecoder} in front of
 * it cut (as the sequence's current {@link Framing} says) to the {@link ProbeRun}, and turns channel
 * events (unframeable bytes, close, reset, TLS events) into sequence events. It holds no bytes: the
 * decoder does, at most one PDU's worth (its rule refuses any length above the phase's cap before
 * waiting for it).
 */
final class PduFramingHandler extends ChannelInboundHandlerAdapter {
    private final ProbeRun run;

    PduFramingHandler(ProbeRun run) {
        this.run = run;
    }

    /**
     * The probe's frame decoder: frames as the sequence's current framing and cap say, reports every
     * buffer that reaches it as decrypted (framed) bytes, and holds bytes while a TLS handshake is
     * pending. One is placed before TLS (X.224) and one after it (CredSSP).
     */
    static PduFrameDecoder newFrameDecoder(ProbeRun run) {
        return new PduFrameDecoder(in -> frameLength(in, run.framing(), run.maxPduLength()), ReplySniffer.SNIFF_LENGTH,
                buf -> {
                    if (!run.isFinished()) {
                        run.onFramedBytes(buf.readableBytes());
                    }
                },
                run::isTlsPending);
    }

    /** The length of the PDU at the reader index as {@code framing} cuts it, -1 if incomplete. */
    static int frameLength(ByteBuf in, Framing framing, int max) {
        if (framing == Framing.DER && in.getUnsignedByte(in.readerIndex()) != Tpkt.VERSION) {
            return DerFraming.frameLength(in, max);
        }
        int length = Tpkt.frameLength(in);
        if (length > max) {
            throw new MalformedPduException("TPKT", "length", 2, "announces " + length + " bytes; nothing the server may send in "
                    + (framing == Framing.DER ? "CredSSP" : "reply to a Connection Request") + " is longer than " + max);
        }
        return length;
    }

    /*
     * Every callback guards itself: what our own code throws here ends the run as an internal error in the
     * phase it was in (Netty would otherwise route it to exceptionCaught as if the channel had failed).
     */

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        try {
            if (run.isFinished()) {
                return;
            }
            if (msg instanceof PduFrameDecoder.Unframeable u) {
                run.onUnframeable(u.firstBytes(), u.error());
            } else if (msg instanceof ByteBuf pdu) {
                run.onPdu(pdu);
            }
        } catch (Throwable t) {
            run.onInternalError("framing the server's bytes", t);
        } finally {
            ReferenceCountUtil.release(msg);
        }
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
            if (cause instanceof PduFrameDecoder.RuleFailed bug) {
                run.onInternalError("framing the server's bytes", bug.getCause());
            } else if (cause instanceof IOException && isReset(cause)) {
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
}
