package dev.rdpprobe.testkit;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.handler.codec.dns.DatagramDnsQuery;
import io.netty.handler.codec.dns.DatagramDnsQueryDecoder;
import io.netty.handler.codec.dns.DatagramDnsResponse;
import io.netty.handler.codec.dns.DatagramDnsResponseEncoder;
import io.netty.handler.codec.dns.DefaultDnsRawRecord;
import io.netty.handler.codec.dns.DnsQuestion;
import io.netty.handler.codec.dns.DnsRecordType;
import io.netty.handler.codec.dns.DnsResponseCode;
import io.netty.handler.codec.dns.DnsSection;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A tiny DNS server on a loopback UDP port, so tests can exercise name resolution without asking
 * any real resolver: names it knows get their A records, everything else gets the chosen answer
 * (NXDOMAIN, SERVFAIL, or silence). Point the prober at it with
 * {@code RdpProber.builder().dnsServers(List.of(dns.address()))}.
 */
public final class FakeDnsServer implements AutoCloseable {

    /** What the server answers for a name it does not know. */
    public enum Otherwise {
        /** "no such name". */
        NXDOMAIN,
        /** "server failure". */
        SERVFAIL,
        /** No answer at all: the query times out. */
        SILENCE
    }

    private final EventLoopGroup group;
    private final Channel channel;
    private final Map<String, List<InetAddress>> records = new ConcurrentHashMap<>();
    private final AtomicInteger queries = new AtomicInteger();
    private volatile Otherwise otherwise;

    private FakeDnsServer(Otherwise otherwise) {
        this.otherwise = otherwise;
        this.group = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("fake-dns", true), NioIoHandler.newFactory());
        Bootstrap b = new Bootstrap().group(group).channel(NioDatagramChannel.class).handler(new ChannelInitializer<DatagramChannel>() {
            @Override
            protected void initChannel(DatagramChannel ch) {
                ch.pipeline().addLast(new DatagramDnsQueryDecoder(), new DatagramDnsResponseEncoder(), new Responder());
            }
        });
        this.channel = b.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)).syncUninterruptibly().channel();
    }

    /** Starts a server that answers unknown names with {@code otherwise}. */
    public static FakeDnsServer start(Otherwise otherwise) {
        return new FakeDnsServer(otherwise);
    }

    /** Answers {@code name} with these IPv4 addresses, in this order. */
    public FakeDnsServer answer(String name, InetAddress... addresses) {
        for (InetAddress a : addresses) {
            if (!(a instanceof Inet4Address)) {
                throw new IllegalArgumentException(a + " is not IPv4; this fake serves A records only");
            }
        }
        records.put(normalise(name), List.of(addresses));
        return this;
    }

    /** The address to give the prober. */
    public InetSocketAddress address() {
        return (InetSocketAddress) channel.localAddress();
    }

    /** How many queries arrived. */
    public int queryCount() {
        return queries.get();
    }

    private static String normalise(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return n.endsWith(".") ? n : n + ".";
    }

    private final class Responder extends SimpleChannelInboundHandler<DatagramDnsQuery> {
        @Override
        protected void channelRead0(ChannelHandlerContext ctx, DatagramDnsQuery query) {
            queries.incrementAndGet();
            DnsQuestion question = query.recordAt(DnsSection.QUESTION);
            List<InetAddress> known = question == null ? null : records.get(normalise(question.name()));
            if (known == null && otherwise == Otherwise.SILENCE) {
                return;
            }
            DatagramDnsResponse response = new DatagramDnsResponse(query.recipient(), query.sender(), query.id());
            response.setRecursionAvailable(true);
            if (question != null) {
                response.addRecord(DnsSection.QUESTION, question);
            }
            if (known == null) {
                response.setCode(otherwise == Otherwise.NXDOMAIN ? DnsResponseCode.NXDOMAIN : DnsResponseCode.SERVFAIL);
            } else if (question.type() == DnsRecordType.A) {
                for (InetAddress a : known) {
                    response.addRecord(DnsSection.ANSWER,
                            new DefaultDnsRawRecord(question.name(), DnsRecordType.A, 60, Unpooled.wrappedBuffer(a.getAddress())));
                }
            }
            ctx.writeAndFlush(response);
        }
    }

    @Override
    public void close() {
        channel.close().syncUninterruptibly();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
