package dev.rdpprobe.testkit.hardening;

import dev.rdpprobe.core.target.Target;
import dev.rdpprobe.testkit.FakeRdpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One fake server per {@link SoakKind} on 127.0.0.1 (for {@link SoakKind#REFUSED}, a port that was free a moment
 * ago), started together; closing this closes them all.
 */
final class SoakHosts implements AutoCloseable {

    private final Map<SoakKind, Target> targets = new EnumMap<>(SoakKind.class);
    private final List<FakeRdpServer> servers = new ArrayList<>();

    SoakHosts() {
        try {
            for (SoakKind kind : SoakKind.values()) {
                Optional<FakeRdpServer> server = kind.startServer();
                server.ifPresent(servers::add);
                targets.put(kind, server.map(FakeRdpServer::target).orElseGet(SoakHosts::closedPort));
            }
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /** Where the server of each kind listens. */
    Map<SoakKind, Target> targets() {
        return targets;
    }

    private static Target closedPort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return Target.of("127.0.0.1", s.getLocalPort());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        servers.forEach(FakeRdpServer::close);
    }
}
