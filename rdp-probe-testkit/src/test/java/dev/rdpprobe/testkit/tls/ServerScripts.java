package dev.rdpprobe.testkit.tls;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;

/** Server-side pieces for the loopback tests. */
final class ServerScripts {

    private ServerScripts() {
    }

    /** Answers the first bytes (the ClientHello) with {@code reply}, then closes if asked; {@code reply} may be empty. */
    static ChannelInboundHandlerAdapter replyToClientHello(byte[] reply, boolean closeAfter) {
        return new ChannelInboundHandlerAdapter() {
            private boolean answered;

            @Override
            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                ((ByteBuf) msg).release();
                if (answered) {
                    return;
                }
                answered = true;
                if (reply.length > 0) {
                    ctx.writeAndFlush(Unpooled.wrappedBuffer(reply))
                            .addListener(closeAfter ? ChannelFutureListener.CLOSE : ChannelFutureListener.CLOSE_ON_FAILURE);
                } else if (closeAfter) {
                    ctx.close();
                }
            }
        };
    }

    /**
     * Behind the server TLS handler: sends a greeting once the server's handshake completes, and answers
     * every plaintext byte with "echo:" + the bytes once {@code echoAfter} bytes have arrived.
     */
    static final class GreetAndEcho extends ChannelInboundHandlerAdapter {
        final CompletableFuture<ServerHandshakeCompleted> completed = new CompletableFuture<>();
        final CompletableFuture<ServerHandshakeFailed> failed = new CompletableFuture<>();
        private final String greeting;
        private final int echoAfter;
        private final ByteArrayOutputStream received = new ByteArrayOutputStream();

        GreetAndEcho(String greeting, int echoAfter) {
            this.greeting = greeting;
            this.echoAfter = echoAfter;
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
            if (evt instanceof ServerHandshakeCompleted) {
                completed.complete((ServerHandshakeCompleted) evt);
                if (!greeting.isEmpty()) {
                    ctx.writeAndFlush(Unpooled.copiedBuffer(greeting, StandardCharsets.US_ASCII));
                }
            } else if (evt instanceof ServerHandshakeFailed) {
                failed.complete((ServerHandshakeFailed) evt);
            }
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ByteBuf buf = (ByteBuf) msg;
            byte[] bytes = new byte[buf.readableBytes()];
            buf.readBytes(bytes);
            buf.release();
            received.writeBytes(bytes);
            if (received.size() >= echoAfter) {
                ctx.writeAndFlush(Unpooled.copiedBuffer("echo:" + received.toString(StandardCharsets.US_ASCII), StandardCharsets.US_ASCII));
                received.reset();
            }
        }
    }
}
