package dev.rdpprobe.exporter;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;

/**
 * Writes one answer on a connection; once it is sent, {@link #SENT} goes through the pipeline so that the handler
 * serves the next request of the connection (answers keep the order of the requests). A connection the client did
 * not ask to keep is closed after the answer.
 */
final class HttpAnswer {

    /** The user event fired once an answer of a kept connection is sent. */
    static final Object SENT = new Object() {
        @Override
        public String toString() {
            return "HttpAnswer.SENT";
        }
    };

    private HttpAnswer() {
    }

    /** A text answer (UTF-8), with a line break after it. */
    static void text(ChannelHandlerContext ctx, boolean keepAlive, HttpResponseStatus status, String text) {
        send(ctx, keepAlive, status, "text/plain; charset=utf-8", (text + "\n").getBytes(StandardCharsets.UTF_8));
    }

    /** An answer of any type. */
    static void send(ChannelHandlerContext ctx, boolean keepAlive, HttpResponseStatus status, String contentType, byte[] body) {
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, Unpooled.wrappedBuffer(body));
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, contentType);
        response.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
        if (status == HttpResponseStatus.METHOD_NOT_ALLOWED) {
            response.headers().set(HttpHeaderNames.ALLOW, "GET, POST");
        }
        if (!ctx.executor().inEventLoop()) {
            ctx.executor().execute(() -> write(ctx, keepAlive, response));
        } else {
            write(ctx, keepAlive, response);
        }
    }

    private static void write(ChannelHandlerContext ctx, boolean keepAlive, FullHttpResponse response) {
        if (!ctx.channel().isActive()) {
            response.release();
            return;
        }
        if (keepAlive) {
            response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
            ctx.writeAndFlush(response).addListener((ChannelFutureListener) f -> {
                if (f.isSuccess()) {
                    ctx.pipeline().fireUserEventTriggered(SENT);
                } else {
                    ctx.close();
                }
            });
        } else {
            response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
            ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
        }
    }
}
