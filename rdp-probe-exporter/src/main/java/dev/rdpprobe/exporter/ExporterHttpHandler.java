package dev.rdpprobe.exporter;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.AttributeKey;
import java.util.ArrayDeque;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;

/**
 * Routes the exporter's HTTP requests: {@code GET /probe}, {@code GET /metrics}, {@code GET /-/healthy},
 * {@code POST /-/reload} and a small index at {@code /}. Runs on the HTTP event loop and does nothing slow there:
 * probes run on the probers' loops; a probe's few dozen series are written on the HTTP loop, but the exporter's own
 * metrics (the JVM's MXBeans), a debug report and a reload (file reading, trust stores) on its worker threads.
 */
@ChannelHandler.Sharable
final class ExporterHttpHandler extends SimpleChannelInboundHandler<FullHttpRequest> {

    private static final String INDEX = "rdp-probe exporter\n\n"
            + "  GET  /probe?target=HOST[:PORT]&module=NAME   the metrics of one RDP probe (&debug=true: its report)\n"
            + "  GET  /metrics                                the exporter's own metrics\n"
            + "  GET  /-/healthy                              200 while the exporter runs\n"
            + "  POST /-/reload                               reads the configuration file again";

    private final RdpExporter exporter;
    private final ProbeEndpoint probes;

    ExporterHttpHandler(RdpExporter exporter) {
        this.exporter = exporter;
        this.probes = new ProbeEndpoint(exporter);
    }

    /** Requests of a connection that came while an earlier one was served (HTTP pipelining); at most {@link #MAX_PENDING}. */
    private static final AttributeKey<ArrayDeque<FullHttpRequest>> PENDING = AttributeKey.valueOf("rdp-exporter-pending");
    /** Whether a request of the connection is being served. */
    private static final AttributeKey<Boolean> BUSY = AttributeKey.valueOf("rdp-exporter-busy");
    static final int MAX_PENDING = 4;
    /**
     * What a hang-up of the connection cancels: the wait for a slot or the probe of the request being served. One
     * per connection, replaced by each request: a listener on the connection's close per request would pile up on a
     * keep-alive connection that lives for days (Prometheus keeps one per target), each holding its outcome.
     */
    private static final AttributeKey<Future<?>> CANCELLED_ON_HANG_UP = AttributeKey.valueOf("rdp-exporter-cancel");

    /** Makes a hang-up of the connection cancel {@code work} (the request's wait for a slot, then its probe). */
    static void cancelOnHangUp(ChannelHandlerContext ctx, Future<?> work) {
        ctx.channel().attr(CANCELLED_ON_HANG_UP).set(work);
        if (!ctx.channel().isActive()) {
            work.cancel(true); // it closed before the attribute was set: channelInactive has run already
        }
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        // the connection keeps reading (so that a scraper's hang-up is seen at once and cancels its probe), but serves
        // one request at a time, so that answers keep the order of the requests
        if (Boolean.TRUE.equals(ctx.channel().attr(BUSY).get())) {
            ArrayDeque<FullHttpRequest> pending = ctx.channel().attr(PENDING).get();
            if (pending == null) {
                pending = new ArrayDeque<>();
                ctx.channel().attr(PENDING).set(pending);
            }
            if (pending.size() >= MAX_PENDING) {
                ctx.close();
                return;
            }
            pending.add(request.retain());
            return;
        }
        ctx.channel().attr(BUSY).set(true);
        serve(ctx, request);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        Future<?> work = ctx.channel().attr(CANCELLED_ON_HANG_UP).getAndSet(null);
        if (work != null) {
            work.cancel(true);
        }
        ArrayDeque<FullHttpRequest> pending = ctx.channel().attr(PENDING).getAndSet(null);
        if (pending != null) {
            pending.forEach(FullHttpRequest::release);
        }
        ctx.fireChannelInactive();
    }

    private void serve(ChannelHandlerContext ctx, FullHttpRequest request) {
        boolean keepAlive = HttpUtil.isKeepAlive(request);
        DecoderResult decoded = request.decoderResult();
        if (decoded.isFailure()) {
            HttpAnswer.text(ctx, false, HttpResponseStatus.BAD_REQUEST, "malformed HTTP request: " + decoded.cause().getMessage());
            return;
        }
        QueryStringDecoder uri = new QueryStringDecoder(request.uri());
        String path = uri.path();
        HttpMethod method = request.method();
        switch (path) {
            case "/probe":
                if (get(ctx, keepAlive, method)) {
                    probes.handle(ctx, keepAlive, uri, request.headers().get(ScrapeBudget.HEADER), request.headers().get(HttpHeaderNames.ACCEPT));
                }
                break;
            case "/metrics":
                if (get(ctx, keepAlive, method)) {
                    String accept = request.headers().get(HttpHeaderNames.ACCEPT);
                    offLoop(ctx, keepAlive, () -> {
                        Exposition e = Exposition.of(exporter.metrics().scrape(), accept);
                        HttpAnswer.send(ctx, keepAlive, HttpResponseStatus.OK, e.contentType(), e.body());
                    });
                }
                break;
            case "/-/healthy":
                if (get(ctx, keepAlive, method)) {
                    HttpAnswer.text(ctx, keepAlive, HttpResponseStatus.OK, "Healthy");
                }
                break;
            case "/-/reload":
                if (method.equals(HttpMethod.POST) || method.equals(HttpMethod.PUT)) {
                    offLoop(ctx, keepAlive, () -> {
                        try {
                            ExporterConfig config = exporter.reload();
                            HttpAnswer.text(ctx, keepAlive, HttpResponseStatus.OK, "reloaded " + config.source() + ": modules "
                                    + String.join(", ", config.moduleNames()));
                        } catch (ConfigException e) {
                            HttpAnswer.text(ctx, keepAlive, HttpResponseStatus.INTERNAL_SERVER_ERROR,
                                    "the configuration was not reloaded, the old one stays in use: " + e.getMessage());
                        } catch (IllegalStateException e) {
                            HttpAnswer.text(ctx, keepAlive, HttpResponseStatus.INTERNAL_SERVER_ERROR, e.getMessage());
                        }
                    });
                } else {
                    HttpAnswer.text(ctx, keepAlive, HttpResponseStatus.METHOD_NOT_ALLOWED, "use POST /-/reload");
                }
                break;
            case "/":
                if (get(ctx, keepAlive, method)) {
                    HttpAnswer.text(ctx, keepAlive, HttpResponseStatus.OK, INDEX);
                }
                break;
            default:
                HttpAnswer.text(ctx, keepAlive, HttpResponseStatus.NOT_FOUND, "no such path; see GET /");
        }
    }

    private static boolean get(ChannelHandlerContext ctx, boolean keepAlive, HttpMethod method) {
        if (method.equals(HttpMethod.GET)) {
            return true;
        }
        HttpAnswer.text(ctx, keepAlive, HttpResponseStatus.METHOD_NOT_ALLOWED, "use GET");
        return false;
    }

    private void offLoop(ChannelHandlerContext ctx, boolean keepAlive, Runnable work) {
        try {
            exporter.worker().execute(() -> {
                try {
                    work.run();
                } catch (RuntimeException e) {
                    HttpAnswer.text(ctx, false, HttpResponseStatus.INTERNAL_SERVER_ERROR, "internal error of the exporter: " + e);
                }
            });
        } catch (RejectedExecutionException e) {
            HttpAnswer.text(ctx, keepAlive, HttpResponseStatus.SERVICE_UNAVAILABLE, "the exporter is too busy to answer; try later");
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt == HttpAnswer.SENT) {
            ctx.channel().attr(CANCELLED_ON_HANG_UP).set(null); // the answered request's work is done
            ArrayDeque<FullHttpRequest> pending = ctx.channel().attr(PENDING).get();
            FullHttpRequest next = pending == null ? null : pending.poll();
            if (next == null) {
                ctx.channel().attr(BUSY).set(false);
            } else {
                try {
                    serve(ctx, next);
                } finally {
                    next.release();
                }
            }
        } else if (evt instanceof IdleStateEvent) {
            if (!Boolean.TRUE.equals(ctx.channel().attr(BUSY).get())) {
                ctx.close(); // an idle connection: Prometheus opens a new one at its next scrape
            }
        } else {
            ctx.fireUserEventTriggered(evt);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }
}
