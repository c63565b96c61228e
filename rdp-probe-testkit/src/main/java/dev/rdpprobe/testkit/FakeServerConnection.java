package dev.rdpprobe.testkit;

import dev.rdpprobe.core.outcome.SecurityProtocol;
import dev.rdpprobe.core.internal.pdu.MalformedPduException;
import dev.rdpprobe.core.internal.pdu.PduFrameDecoder;
import dev.rdpprobe.core.internal.pdu.credssp.DerFraming;
import dev.rdpprobe.core.internal.pdu.credssp.TsRequest;
import dev.rdpprobe.core.internal.pdu.mcs.ConnectInitial;
import dev.rdpprobe.core.internal.pdu.tpkt.Tpkt;
import dev.rdpprobe.testkit.tls.ServerHandshakeCompleted;
import dev.rdpprobe.testkit.tls.TlsServerHandlers;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.util.ReferenceCountUtil;
import java.time.Instant;
import java.util.Set;

/**
 * The server side of one connection, following a {@link Scenario} phase by phase. Like Windows, it
 * also answers a TLS ClientHello that arrives without a Connection Request first (a first byte of
 * 0x16, a TLS handshake record, as nmap's {@code ssl-cert} sends): the scenario's TLS step serves it
 * (silence without one), or its X.224 effect is performed when the scenario has one.
 */
final class FakeServerConnection extends ChannelInboundHandlerAdapter {

    private enum Stage { X224, TLS_WAITING, TLS_HANDSHAKING, CREDSSP, MCS, ACTIVATION, DONE }

    private final Scenario scenario;
    private final RecordedConnection record;
    private Stage stage = Stage.X224;
    private boolean tlsSelected;
    private SecurityProtocol selected;
    private FakeNlaSession nla;
    private boolean nlaAccepted;
    private boolean credSspAnswered;
    private ActivationSession activation;

    FakeServerConnection(Scenario scenario, RecordedConnection record) {
        this.scenario = scenario;
        this.record = record;
    }

    private static final String X224_FRAMES = "x224-frames";
    private static final String CREDSSP_FRAMES = "credssp-frames";
    private static final String MCS_FRAMES = "mcs-frames";
    private static final String FIRST_BYTE = "first-byte";
    /** The content type of a TLS handshake record: a ClientHello's first byte (a TPKT header's is 0x03). */
    private static final int TLS_HANDSHAKE_RECORD = 0x16;

    /**
     * The client's PDUs are cut by a frame decoder in front of this handler: TPKT now, DER once TLS is
     * up; in front of it, a look at the first byte sends a ClientHello straight to TLS.
     */
    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        ctx.pipeline().addBefore(ctx.name(), X224_FRAMES, new PduFrameDecoder(Tpkt::frameLength, 0));
        ctx.pipeline().addBefore(X224_FRAMES, FIRST_BYTE, new FirstByte(ctx));
    }

    /**
     * Looks at the connection's first byte once, then leaves: a TLS handshake record skips X.224 (the
     * frame decoder leaves too, and the bytes go to what {@link #onTlsWithoutConnectionRequest} put in
     * its place); anything else goes on to the X.224 frame decoder.
     */
    private final class FirstByte extends ChannelInboundHandlerAdapter {
        private final ChannelHandlerContext server;

        FirstByte(ChannelHandlerContext server) {
            this.server = server;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof ByteBuf b && b.isReadable() && (b.getByte(b.readerIndex()) & 0xFF) == TLS_HANDSHAKE_RECORD) {
                ctx.pipeline().remove(X224_FRAMES);
                onTlsWithoutConnectionRequest(server);
            }
            // on to the handler now after this one (TLS, or the X.224 frames), and only then out of the way
            ctx.fireChannelRead(msg);
            ctx.pipeline().remove(this);
        }
    }

    private void onTlsWithoutConnectionRequest(ChannelHandlerContext ctx) {
        record.markTlsWithoutConnectionRequest();
        if (scenario.x224() instanceof X224Step.Act act) {
            stage = Stage.DONE;
            record.markTlsStarted();
            ConnectionEffects.perform(ctx, act.effect());
        } else {
            stage = Stage.DONE;
            startTls(ctx);
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        try {
            switch (stage) {
                case X224:
                    onX224(ctx, msg);
                    break;
                case TLS_WAITING:
                    record.markTlsStarted();
                    onClientHello(ctx);
                    break;
                case CREDSSP:
                    onTsRequest(ctx, msg);
                    break;
                case MCS:
                    onConnectInitial(ctx, msg);
                    break;
                case ACTIVATION:
                    onActivationPdu(ctx, msg);
                    break;
                default:
                    if (tlsSelected) {
                        record.markTlsStarted();
                    }
                    if (credSspAnswered && msg instanceof ByteBuf later) {
                        record.plaintext(ByteBufUtil.getBytes(later)); // the client's next TSRequest (its AUTHENTICATE)
                    }
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
        byte[] frame = ByteBufUtil.getBytes(pdu);
        try {
            record.connectionRequest(frame, ClientRequests.connectionRequest(pdu));
        } catch (MalformedPduException e) {
            record.connectionRequestError(e.getMessage());
        }
        answerX224(ctx, record.requestedProtocols());
    }

    private void answerX224(ChannelHandlerContext ctx, Set<SecurityProtocol> requested) {
        X224Step step = scenario.x224();
        if (step instanceof X224Step.Act act) {
            ConnectionEffects.perform(ctx, act.effect());
            return;
        }
        X224Step.Confirm confirm = (X224Step.Confirm) step;
        X224Step.Answer answer = confirm.answer().apply(requested);
        var write = ctx.writeAndFlush(Unpooled.wrappedBuffer(ServerAnswers.confirm(answer)));
        if (answer instanceof X224Step.Answer.Refuse) {
            if (confirm.closeAfterRefusal()) {
                write.addListener(ChannelFutureListener.CLOSE);
            }
        } else if (answer instanceof X224Step.Answer.Select select) {
            selected = select.protocol();
            if (select.protocol().requiresTls()) {
                startTls(ctx);
            } else {
                awaitConnectInitial(ctx);
            }
        } else if (answer instanceof X224Step.Answer.Legacy) {
            selected = SecurityProtocol.RDP;
            awaitConnectInitial(ctx);
        }
    }

    // ------------------------------------------------------------ TLS

    private void startTls(ChannelHandlerContext ctx) {
        tlsSelected = true;
        TlsStep step = scenario.tls();
        if (step == null) {
            return; // stay silent (Stage.DONE)
        }
        if (step instanceof TlsStep.Handshake h) {
            ctx.pipeline().addBefore(ctx.name(), "tls", TlsServerHandlers.newServerHandler(h.certificate(), h.versions(),
                    hello -> {
                        record.markTlsStarted();
                        record.clientHello(hello.serverName(), hello.offeredVersions(), hello.offeredCipherSuites());
                    }));
            TlsStep.Delivery delivery = h.delivery();
            if (delivery instanceof TlsStep.Delivery.Trickle t) {
                ConnectionEffects.trickleFromNowOn(ctx, t.interval());
            } else if (delivery instanceof TlsStep.Delivery.CutAfter c) {
                ctx.pipeline().addBefore("tls", "cut", new OutputLimit(c.serverBytes(), true));
            } else if (delivery instanceof TlsStep.Delivery.StallAfter s) {
                ctx.pipeline().addBefore("tls", "stall", new OutputLimit(s.serverBytes(), false));
            }
            stage = Stage.TLS_HANDSHAKING;
        } else {
            stage = Stage.TLS_WAITING;
        }
    }

    private void onClientHello(ChannelHandlerContext ctx) {
        stage = Stage.DONE;
        ConnectionEffects.perform(ctx, ((TlsStep.Act) scenario.tls()).effect());
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof ServerHandshakeCompleted completed) {
            record.tlsCompleted(completed.protocolVersion());
            if (selected == SecurityProtocol.SSL) {
                awaitConnectInitial(ctx);
                ctx.fireUserEventTriggered(evt);
                return;
            }
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
        if (scenario.credssp() instanceof CredSspStep.Nla nlaStep) {
            onNlaTsRequest(ctx, msg, nlaStep);
            return;
        }
        stage = Stage.DONE;
        finishFraming(ctx, CREDSSP_FRAMES);
        if (!(msg instanceof ByteBuf request)) {
            ctx.close(); // unframeable
            return;
        }
        byte[] bytes = ByteBufUtil.getBytes(request);
        record.tsRequest(bytes, ClientRequests.tsRequest(bytes));
        TsRequest decoded = decodeTsRequest(bytes);
        if (decoded != null && decoded.authInfo() != null) {
            record.authInfo();
        }
        credSspAnswered = true;
        answerCredSsp(ctx, scenario.credssp());
    }

    private static TsRequest decodeTsRequest(byte[] bytes) {
        try {
            return TsRequest.decode(Unpooled.wrappedBuffer(bytes));
        } catch (MalformedPduException e) {
            return null;
        }
    }

    /**
     * The fake NLA server: the first TSRequest gets the CHALLENGE, the second is checked for real and answered
     * as the scenario says; every later TSRequest is only recorded (and any authInfo noted). The DER framing stays.
     */
    private void onNlaTsRequest(ChannelHandlerContext ctx, Object msg, CredSspStep.Nla step) {
        if (!(msg instanceof ByteBuf request)) {
            stage = Stage.DONE;
            finishFraming(ctx, CREDSSP_FRAMES);
            ctx.close();
            return;
        }
        byte[] bytes = ByteBufUtil.getBytes(request);
        TsRequest decoded = decodeTsRequest(bytes);
        if (decoded != null && decoded.authInfo() != null) {
            record.authInfo();
        }
        if (nla == null) {
            record.tsRequest(bytes, ClientRequests.tsRequest(bytes));
            if (decoded == null || !(scenario.tls() instanceof TlsStep.Handshake handshake)) {
                stage = Stage.DONE;
                ctx.close();
                return;
            }
            nla = new FakeNlaSession(step, handshake.certificate().der());
            ctx.writeAndFlush(Unpooled.wrappedBuffer(nla.challenge(decoded, Instant.now())));
            return;
        }
        record.laterTsRequest(bytes);
        if (decoded != null && decoded.authInfo() != null && nlaAccepted) {
            afterNla(ctx);
            return;
        }
        if (decoded == null || !nla.awaitingAuthenticate()) {
            return;
        }
        FakeNlaSession.Reply reply = nla.authenticate(decoded);
        record.nlaVerified(nla.verification());
        nlaAccepted = reply.answer() instanceof NlaAnswer.Accept && reply.bytes() != null;
        if (reply.bytes() != null) {
            ctx.writeAndFlush(Unpooled.wrappedBuffer(reply.bytes()));
        } else if (reply.answer() instanceof NlaAnswer.Close) {
            ctx.close();
        }
    }

    /**
     * NLA passed both ways and the client delegated its credentials: CredSSP is over, and (as Windows) the server
     * reads the MCS Connect Initial next — after HYBRID_EX, once it sent the Early User Authorization Result.
     */
    private void afterNla(ChannelHandlerContext ctx) {
        if (scenario.mcs() == null) {
            return; // silent after NLA, as before this server knew MCS
        }
        finishFraming(ctx, CREDSSP_FRAMES);
        if (selected == SecurityProtocol.HYBRID_EX) {
            ctx.writeAndFlush(Unpooled.wrappedBuffer(ServerAnswers.earlyUserAuthorizationSuccess()));
        }
        awaitConnectInitial(ctx);
    }

    private void answerCredSsp(ChannelHandlerContext ctx, CredSspStep step) {
        if (step instanceof CredSspStep.Act act) {
            ConnectionEffects.perform(ctx, act.effect());
        } else if (step instanceof CredSspStep.Trickle t) {
            ConnectionEffects.trickle(ctx, answer(t.answer()), t.interval());
        } else {
            ctx.writeAndFlush(answer((CredSspStep.Answer) step));
        }
    }

    private static ByteBuf answer(CredSspStep.Answer answer) {
        return Unpooled.wrappedBuffer(ServerAnswers.credSsp(answer, Instant.now()));
    }

    // ------------------------------------------------------------ MCS

    /** After Standard RDP Security or TLS alone: the next TPKT is the client's Connect Initial. */
    private void awaitConnectInitial(ChannelHandlerContext ctx) {
        if (scenario.mcs() == null) {
            return; // stay silent (Stage.DONE)
        }
        stage = Stage.MCS;
        if (ctx.pipeline().get(MCS_FRAMES) == null) {
            ctx.pipeline().addBefore(ctx.name(), MCS_FRAMES, new PduFrameDecoder(Tpkt::frameLength, 0));
        }
    }

    private void onConnectInitial(ChannelHandlerContext ctx, Object msg) {
        stage = Stage.DONE;
        if (!(msg instanceof ByteBuf pdu)) {
            finishFraming(ctx, MCS_FRAMES);
            ctx.close(); // unframeable
            return;
        }
        byte[] bytes = ByteBufUtil.getBytes(pdu);
        Integer selectedEcho = null;
        Integer methods = null;
        int staticChannels = 0;
        String undecodable = null;
        try {
            ConnectInitial ci = ConnectInitial.decode(Unpooled.wrappedBuffer(bytes));
            selectedEcho = ci.blocks().core().serverSelectedProtocol();
            methods = ci.blocks().security().encryptionMethods();
            staticChannels = ci.blocks().network().channels().size();
        } catch (MalformedPduException e) {
            undecodable = e.getMessage(); // recorded as bytes only
        }
        record.connectInitial(bytes, selectedEcho, methods);
        McsStep step = scenario.mcs();
        if (step instanceof McsStep.Act act) {
            finishFraming(ctx, MCS_FRAMES);
            ConnectionEffects.perform(ctx, act.effect());
            return;
        }
        McsStep.Answer answer = (McsStep.Answer) step;
        boolean serves = tlsSelected && scenario.activation() != null && answer.result() == 0;
        if (serves && undecodable != null) {
            finishFraming(ctx, MCS_FRAMES);
            record.activationError(undecodable);
            ctx.close();
            return;
        }
        int offered = methods == null ? 0 : methods;
        byte[] reply = ServerAnswers.connectResponse(answer, selected, record.requestedProtocolBits(), offered, staticChannels);
        var write = ctx.writeAndFlush(Unpooled.wrappedBuffer(reply));
        if (serves) {
            activation = new ActivationSession(scenario.activation(), staticChannels, record);
            stage = Stage.ACTIVATION; // the TPKT framing stays for the domain PDUs
            return;
        }
        finishFraming(ctx, MCS_FRAMES);
        if (selected == SecurityProtocol.RDP && answer.choose(offered) == null) {
            write.addListener(ChannelFutureListener.CLOSE); // the ultimatum, then the close, as servers do
        }
    }

    // ------------------------------------------------------------ after the Connect Response

    /** One client PDU after the Connect Response, answered by the {@link ActivationSession}. */
    private void onActivationPdu(ChannelHandlerContext ctx, Object msg) {
        ActivationSession.Reply reply;
        if (msg instanceof PduFrameDecoder.Unframeable u) {
            reply = activation.onUnframeable(u.error());
        } else if (msg instanceof ByteBuf frame) {
            reply = activation.onFrame(frame);
        } else {
            return;
        }
        for (byte[] out : reply.out()) {
            ctx.write(Unpooled.wrappedBuffer(out));
        }
        ctx.flush();
        if (reply.effect() != null) {
            stage = Stage.DONE;
            finishFraming(ctx, MCS_FRAMES);
            ConnectionEffects.perform(ctx, reply.effect());
        } else if (reply.close()) {
            stage = Stage.DONE;
            finishFraming(ctx, MCS_FRAMES);
            ctx.close();
        }
    }

    // ------------------------------------------------------------ common

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
