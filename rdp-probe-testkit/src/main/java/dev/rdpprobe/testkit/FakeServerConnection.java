package dev.rdpprobe.testkit;

import dev.rdpprobe.core.internal.pdu.MalformedPduException;
import dev.rdpprobe.core.internal.pdu.PduFrameDecoder;
import dev.rdpprobe.testkit.wire.ChallengeSpec;
import dev.rdpprobe.core.internal.pdu.credssp.DerFraming;
import dev.rdpprobe.core.internal.pdu.credssp.TsRequest;
import dev.rdpprobe.core.internal.pdu.tpkt.Tpkt;
import dev.rdpprobe.core.internal.pdu.x224.ConnectionRequest;
import dev.rdpprobe.core.internal.pdu.x224.NegotiationData;
import dev.rdpprobe.testkit.tls.ServerHandshakeCompleted;
import dev.rdpprobe.testkit.tls.TlsServerHandlers;
import dev.rdpprobe.testkit.wire.CredSspAnswers;
import dev.rdpprobe.testkit.wire.X224Writers;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPromise;
import io.netty.channel.socket.SocketChannel;
import io.netty.util.ReferenceCountUtil;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

/** The server side of one connection, following a {@link Scenario} phase by phase. */
final class FakeServerConnection extends ChannelInboundHandlerAdapter {

    private enum Stage { X224, TLS_WAITING, TLS_HANDSHAKING, CREDSSP, DONE }

    private final Scenario scenario;
    private final RecordedConnection record;
    private Stage stage = Stage.X224;

    FakeServerConnection(Scenario scenario, RecordedConnection record) {
        this.scenario = scenario;
        this.record = record;
    }

    /** The client's PDUs are cut by a frame decoder in front of this handler: TPKT now, DER once TLS is up. */
    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        ctx.pipeline().addBefore(ctx.name(), X224_FRAMES, new PduFrameDecoder(Tpkt::frameLength, 0));
    }

    private static final String X224_FRAMES = "x224-frames";
    private static final String CREDSSP_FRAMES = "credssp-frames";

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        try {
            switch (stage) {
                case X224:
                    onX224(ctx, msg);
                    break;
                case TLS_WAITING:
                    onClientHello(ctx);
                    break;
                case CREDSSP:
                    onTsRequest(ctx, msg);
                    break;
                default:
                    break;
            }
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    /** The frame decoder {@code name} is done: it leaves after this read, handing on what follows. */
    private static void finishFraming(ChannelHandlerContext ctx, String name) {
        if (ctx.pipeline().get(name) instanceof PduFrameDecoder frames) {
            frames.finish();
        }
    }

    // ------------------------------------------------------------ X.224

    private void onX224(ChannelHandlerContext ctx, Object msg) {
        stage = Stage.DONE;
        finishFraming(ctx, X224_FRAMES);
        if (msg instanceof PduFrameDecoder.Unframeable u) {
            record.connectionRequestError(u.error().getMessage());
            ctx.close();
            return;
        }
        if (!(msg instanceof ByteBuf pdu)) {
            return;
        }
        try {
            record.connectionRequest(ConnectionRequest.decode(pdu));
        } catch (MalformedPduException e) {
            record.connectionRequestError(e.getMessage());
        }
        int requested = record.connectionRequest() != null && record.connectionRequest().negotiationRequest() != null
                ? record.connectionRequest().negotiationRequest().requestedProtocols().bits() : 0;
        answerX224(ctx, requested);
    }

    private void answerX224(ChannelHandlerContext ctx, int requested) {
        X224Step step = scenario.x224();
        if (step instanceof X224Step.Confirm c) {
            NegotiationData data = c.answer().apply(requested);
            ByteBuf out = ctx.alloc().buffer(19);
            X224Writers.writeConnectionConfirm(out, 0x1234, data);
            var write = ctx.writeAndFlush(out);
            if (data instanceof NegotiationData.Failure) {
                if (c.closeAfter()) {
                    write.addListener(ChannelFutureListener.CLOSE);
                }
            } else if (data instanceof NegotiationData.Response rsp && rsp.selectedProtocol().requiresTls()) {
                startTls(ctx);
            }
        } else if (step instanceof X224Step.Close) {
            ctx.close();
        } else if (step instanceof X224Step.Reset) {
            reset(ctx);
        } else if (step instanceof X224Step.Raw r) {
            var write = ctx.writeAndFlush(Unpooled.wrappedBuffer(r.bytes()));
            if (r.closeAfter()) {
                write.addListener(ChannelFutureListener.CLOSE);
            }
        } else if (step instanceof X224Step.Trickle t) {
            trickle(ctx, t, 0);
        } else if (step instanceof X224Step.HalfClose) {
            halfClose(ctx);
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

    // ------------------------------------------------------------ TLS

    private void startTls(ChannelHandlerContext ctx) {
        TlsStep step = scenario.tls();
        if (step instanceof TlsStep.Handshake h) {
            ctx.pipeline().addBefore(ctx.name(), "tls", TlsServerHandlers.newServerHandler(h.certificate(), h.versions()));
            stage = Stage.TLS_HANDSHAKING;
        } else if (step instanceof TlsStep.Trickle t) {
            ctx.pipeline().addBefore(ctx.name(), "tls", TlsServerHandlers.newServerHandler(t.certificate(), t.versions()));
            ctx.pipeline().addBefore("tls", "trickle", new TrickleWriter(t.interval()));
            stage = Stage.TLS_HANDSHAKING;
        } else if (step instanceof TlsStep.CutAfter c) {
            ctx.pipeline().addBefore(ctx.name(), "tls", TlsServerHandlers.newServerHandler(c.certificate(), c.versions()));
            ctx.pipeline().addBefore("tls", "cut", new OutputLimit(c.serverBytes(), true));
            stage = Stage.TLS_HANDSHAKING;
        } else if (step instanceof TlsStep.StallAfter s) {
            ctx.pipeline().addBefore(ctx.name(), "tls", TlsServerHandlers.newServerHandler(s.certificate(), s.versions()));
            ctx.pipeline().addBefore("tls", "stall", new OutputLimit(s.serverBytes(), false));
            stage = Stage.TLS_HANDSHAKING;
        } else if (step != null) {
            stage = Stage.TLS_WAITING;
        }
        // null: stay silent (Stage.DONE).
    }

    private void onClientHello(ChannelHandlerContext ctx) {
        stage = Stage.DONE;
        TlsStep step = scenario.tls();
        if (step instanceof TlsStep.Close) {
            ctx.close();
        } else if (step instanceof TlsStep.Reset) {
            reset(ctx);
        } else if (step instanceof TlsStep.Alert a) {
            ctx.writeAndFlush(Unpooled.wrappedBuffer(TlsStep.alertRecord(a.description()))).addListener(ChannelFutureListener.CLOSE);
        } else if (step instanceof TlsStep.Raw r) {
            ctx.writeAndFlush(Unpooled.wrappedBuffer(r.bytes()));
        } else if (step instanceof TlsStep.HalfClose) {
            halfClose(ctx);
        }
        // Stall: nothing.
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof ServerHandshakeCompleted) {
            record.tlsCompleted(true);
            stage = scenario.credssp() == null ? Stage.DONE : Stage.CREDSSP;
            if (stage == Stage.CREDSSP && ctx.pipeline().get(CREDSSP_FRAMES) == null) {
                // every plaintext byte that reaches it is recorded, framed or not
                ctx.pipeline().addBefore(ctx.name(), CREDSSP_FRAMES, new PduFrameDecoder(
                        in -> DerFraming.frameLength(in, TsRequest.MAX_SIZE), 0,
                        buf -> record.plaintext(ByteBufUtil.getBytes(buf)), () -> false));
            }
        }
        ctx.fireUserEventTriggered(evt);
    }

    // ------------------------------------------------------------ CredSSP

    private void onTsRequest(ChannelHandlerContext ctx, Object msg) {
        stage = Stage.DONE;
        finishFraming(ctx, CREDSSP_FRAMES);
        if (!(msg instanceof ByteBuf request)) {
            ctx.close(); // unframeable
            return;
        }
        record.tsRequest(ByteBufUtil.getBytes(request));
        answerCredSsp(ctx, scenario.credssp());
    }

    private void answerCredSsp(ChannelHandlerContext ctx, CredSspStep step) {
        if (step instanceof CredSspStep.Trickle t) {
            if (ctx.pipeline().get("trickle") == null) { // a trickled TLS handshake has one already
                ctx.pipeline().addBefore("tls", "trickle", new TrickleWriter(t.interval()));
            }
            answerCredSsp(ctx, t.answer());
        } else if (step instanceof CredSspStep.HalfClose) {
            halfClose(ctx);
        } else if (step instanceof CredSspStep.Challenge c) {
            ChallengeSpec spec = c.spec().timestamp() != null ? c.spec() : withTimestamp(c.spec(), Instant.now().plus(c.clockOffset()));
            ByteBuf out = ctx.alloc().buffer(512);
            CredSspAnswers.writeChallenge(out, c.tsRequestVersion(), spec, c.spnegoWrapped());
            ctx.writeAndFlush(out);
        } else if (step instanceof CredSspStep.Error e) {
            ByteBuf out = ctx.alloc().buffer(64);
            CredSspAnswers.writeError(out, e.tsRequestVersion(), e.ntStatus());
            ctx.writeAndFlush(out);
        } else if (step instanceof CredSspStep.Close) {
            ctx.close();
        } else if (step instanceof CredSspStep.Reset) {
            reset(ctx);
        } else if (step instanceof CredSspStep.Raw r) {
            ctx.writeAndFlush(Unpooled.wrappedBuffer(r.bytes()));
        }
        // Stall: nothing.
    }

    private static ChallengeSpec withTimestamp(ChallengeSpec s, Instant timestamp) {
        return new ChallengeSpec(s.targetName(), s.netbiosComputerName(), s.netbiosDomainName(), s.dnsComputerName(),
                s.dnsDomainName(), s.dnsTreeName(), s.versionMajor(), s.versionMinor(), s.versionBuild(), timestamp,
                s.flags(), s.challenge());
    }

    // ------------------------------------------------------------ common

    /** Shuts down the TCP output (a FIN, under any TLS layer: no close_notify) and keeps reading. */
    private static void halfClose(ChannelHandlerContext ctx) {
        ((SocketChannel) ctx.channel()).shutdownOutput();
    }

    /**
     * Closes with SO_LINGER 0 (an RST), from the first handler's context so that a TLS handler in the
     * pipeline cannot send close_notify first: a real reset, not an orderly TLS close.
     */
    private static void reset(ChannelHandlerContext ctx) {
        ctx.channel().config().setOption(ChannelOption.SO_LINGER, 0);
        ctx.pipeline().firstContext().close();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }

    /**
     * Outbound: lets {@code limit} raw bytes out, then closes the connection (a handshake cut mid-way)
     * or, without {@code close}, swallows the rest and stays open (a handshake that stalls mid-way).
     */
    private static final class OutputLimit extends ChannelDuplexHandler {
        private final boolean close;
        private int left;

        OutputLimit(int limit, boolean close) {
            this.left = limit;
            this.close = close;
        }

        @Override
        public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
            if (left <= 0 || !(msg instanceof ByteBuf buf)) {
                ReferenceCountUtil.release(msg);
                promise.setSuccess();
                return;
            }
            if (buf.readableBytes() < left) {
                left -= buf.readableBytes();
                ctx.write(buf, promise);
                return;
            }
            ByteBuf head = buf.readRetainedSlice(left);
            buf.release();
            left = 0;
            var write = ctx.writeAndFlush(head, promise);
            if (close) {
                write.addListener(ChannelFutureListener.CLOSE);
            }
        }
    }
}
