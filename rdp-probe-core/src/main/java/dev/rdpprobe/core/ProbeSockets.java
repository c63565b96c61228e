package dev.rdpprobe.core;

import io.netty.channel.Channel;
import io.netty.channel.socket.SocketProtocolFamily;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.channel.socket.nio.NioSocketChannel;

/**
 * Where a probe's channels come from: new, unregistered NIO channels (the prober's event loops are NIO).
 * Making one opens a socket, so this is where a process out of file descriptors first fails; the tests
 * substitute factories that fail so, or that hand out a socket already bound to a chosen local port.
 */
interface ProbeSockets {

    /** A channel for one TCP connection. */
    Channel newTcpChannel();

    /** A channel for the UDP probe, of the remote address's family. */
    Channel newUdpChannel(SocketProtocolFamily family);

    /** Plain NIO channels. */
    ProbeSockets NIO = new ProbeSockets() {
        @Override
        public Channel newTcpChannel() {
            return new NioSocketChannel();
        }

        @Override
        public Channel newUdpChannel(SocketProtocolFamily family) {
            return new NioDatagramChannel(family);
        }
    };
}
