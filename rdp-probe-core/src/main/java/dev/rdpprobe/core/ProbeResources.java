package dev.rdpprobe.core;

import io.netty.channel.EventLoopGroup;
import io.netty.resolver.AddressResolverGroup;
import java.net.InetAddress;
import java.net.InetSocketAddress;

/**
 * What a prober runs on besides its options: its event loops (its own, or the caller's), its resolver (its own
 * DNS resolver, or the caller's), the local address its sockets bind, and its listeners.
 *
 * @param threads event loop threads of the prober's own group (ignored with {@code group})
 * @param group the caller's event loop group (NIO-capable), or {@code null} for the prober's own; never shut down
 *     by the prober
 * @param resolver the caller's resolver, or {@code null} for the prober's own DNS resolver; never closed by the
 *     prober
 * @param localAddress the local address every socket binds (any port), or {@code null} for the system's choice
 * @param listeners makes each probe's listener
 */
record ProbeResources(int threads, EventLoopGroup group, AddressResolverGroup<InetSocketAddress> resolver,
        InetAddress localAddress, ProbeListener.Factory listeners) {

    /** The prober's own group of {@code threads} threads, its own resolver, no bind address, no listener. */
    static ProbeResources own(int threads) {
        return new ProbeResources(threads, null, null, null, target -> ProbeListener.NONE);
    }
}
