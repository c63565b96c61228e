package dev.rdpprobe.core.internal.pdu;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.codec.DecoderException;
import java.util.List;
import java.util.Objects;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * The one framer of the RDP byte stream, for the probe and the fake server alike: a
 * {@link ByteToMessageDecoder} that cuts the stream into whole PDUs by a {@link Rule} (the TPKT
 * header, a DER length) and emits each as a {@link ByteBuf} (the next handler releases it).
 *
 * <p>In the manner of Netty's {@code HAProxyMessageDecoder}: the rule refuses a length above its
 * cap before any byte of the body is awaited, so the decoder holds at most one PDU's worth of
 * bytes; bytes that cannot be framed are reported once, as an {@link Unframeable} message carrying
 * the first bytes seen, and everything after them is discarded; and when its owner says the framing
 * is done ({@link #finish()}, e.g. because TLS or raw bytes take over), the decoder leaves the
 * pipeline after the read in progress and hands the bytes it still holds to the next handler.
 *
 * <p>Not thread-safe: one channel, its event loop.
 */
public final class PduFrameDecoder extends ByteToMessageDecoder {

    /** How a stream is cut: the length of the PDU that starts at the reader index. */
    @FunctionalInterface
    public interface Rule {
        /**
         * The total length of the PDU starting at the reader index of {@code in}, without moving any
         * index, or -1 if its header is not complete yet.
         *
         * @throws MalformedPduException if the header is not the expected framing or announces more
         *     than the rule's cap
         */
        int frameLength(ByteBuf in);
    }

    /**
     * Emitted instead of a PDU when the bytes cannot be framed; nothing is emitted after it.
     *
     * @param firstBytes up to the decoder's sniff length of the bytes at the point of failure
     * @param error what is wrong with them
     */
    public record Unframeable(byte[] firstBytes, MalformedPduException error) {
        /** Copies the bytes. */
        public Unframeable {
            firstBytes = firstBytes.clone();
            Objects.requireNonNull(error, "error");
        }

        @Override
        public byte[] firstBytes() {
            return firstBytes.clone();
        }
    }

    private final Rule rule;
    private final int sniffLength;
    private final Consumer<ByteBuf> arrivals;
    private final BooleanSupplier holding;
    private ChannelHandlerContext ctx;
    private boolean reading;
    /** Unframeable bytes were reported (or the rule failed): the rest is discarded. */
    private boolean stopped;
    private boolean finished;
    private boolean leaving;

    /**
     * @param rule how to cut the stream
     * @param sniffLength how many first bytes an {@link Unframeable} carries at most
     * @param arrivals told of every buffer that reaches the decoder, before it is framed (a read-only
     *     look: it must neither keep nor move the buffer)
     * @param holding while true, bytes wait unframed (until {@link #resume()})
     */
    public PduFrameDecoder(Rule rule, int sniffLength, Consumer<ByteBuf> arrivals, BooleanSupplier holding) {
        this.rule = Objects.requireNonNull(rule, "rule");
        if (sniffLength < 0) {
            throw new IllegalArgumentException("sniffLength " + sniffLength);
        }
        this.sniffLength = sniffLength;
        this.arrivals = Objects.requireNonNull(arrivals, "arrivals");
        this.holding = Objects.requireNonNull(holding, "holding");
    }

    /** A decoder that reports nothing and never holds. */
    public PduFrameDecoder(Rule rule, int sniffLength) {
        this(rule, sniffLength, buf -> { }, () -> false);
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) throws Exception {
        this.ctx = ctx;
        super.handlerAdded(ctx);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
        if (!(msg instanceof ByteBuf in)) {
            ctx.fireChannelRead(msg);
            return;
        }
        if (stopped) {
            in.release();
            return;
        }
        if (in.isReadable()) {
            arrivals.accept(in);
        }
        reading = true;
        try {
            super.channelRead(ctx, msg);
        } finally {
            reading = false;
        }
        if (finished) {
            leave();
        }
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (stopped) {
            in.skipBytes(in.readableBytes());
            return;
        }
        if (finished || holding.getAsBoolean()) {
            return;
        }
        int length;
        try {
            length = rule.frameLength(in);
        } catch (MalformedPduException e) {
            stopped = true;
            byte[] first = new byte[Math.min(sniffLength, in.readableBytes())];
            in.getBytes(in.readerIndex(), first);
            in.skipBytes(in.readableBytes());
            out.add(new Unframeable(first, e));
            return;
        } catch (RuntimeException bug) {
            stopped = true;
            in.skipBytes(in.readableBytes());
            throw new RuleFailed(bug);
        }
        if (length < 0 || in.readableBytes() < length) {
            return;
        }
        out.add(in.readRetainedSlice(length));
    }

    /**
     * The framing is done: no further PDU is emitted, and the decoder leaves the pipeline (at once, or
     * after the read in progress), handing the bytes it holds to the next handler. On the event loop.
     */
    public void finish() {
        finished = true;
        if (!reading) {
            leave();
        }
    }

    private void leave() {
        if (!leaving && ctx != null && !ctx.isRemoved()) {
            leaving = true;
            ctx.pipeline().remove(this);
        }
    }

    /** The bytes held and not yet framed, as a read-only view valid until the next read (empty if none). */
    public ByteBuf held() {
        return internalBuffer().asReadOnly();
    }

    /**
     * Frames what waited while {@code holding} was true. The waiting bytes are reported to
     * {@code arrivals} again first: they are an answer that arrived early. On the event loop.
     */
    public void resume() throws Exception {
        if (ctx == null || ctx.isRemoved() || stopped || finished || actualReadableBytes() == 0) {
            return;
        }
        arrivals.accept(held());
        reading = true;
        try {
            // an empty read: ByteToMessageDecoder decodes what it holds and passes on what it decodes
            super.channelRead(ctx, Unpooled.EMPTY_BUFFER);
        } finally {
            reading = false;
        }
        if (finished) {
            leave();
        }
    }

    @Override
    protected void handlerRemoved0(ChannelHandlerContext ctx) {
        this.ctx = null;
    }

    /** A rule failed with something other than {@link MalformedPduException}: a defect, not the peer's bytes. */
    public static final class RuleFailed extends DecoderException {
        private static final long serialVersionUID = 1L;

        RuleFailed(RuntimeException cause) {
            super("the framing rule failed", cause);
        }
    }
}
