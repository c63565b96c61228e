package dev.rdpprobe.bench.fleet;

import dev.rdpprobe.testkit.FakeRdpServer;
import dev.rdpprobe.testkit.Scenario;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A fleet of healthy NLA fake hosts for the fleet comparison, in one JVM of its own: one
 * {@link FakeRdpServer} with {@link Scenario#healthy()} on each of 127.0.0.1 … 127.0.0.N at one port
 * (3389 by default, as a real fleet has, so that another tool can be pointed at it unchanged; 0 gives
 * each host an ephemeral port). Prints one line {@code HOST address port} per host and then
 * {@code READY n} once every host listens, then waits: the line {@code count} answers {@code COUNT c}
 * (connections accepted so far); {@code quit} or the end of its input stops every host.
 *
 * <pre>
 * java -cp benchmarks.jar dev.rdpprobe.bench.fleet.FleetServerMain 100 3389
 * </pre>
 */
public final class FleetServerMain {

    private FleetServerMain() {
    }

    /**
     * @param args the number of hosts (1 … 254), and optionally the port (default 3389; 0 for ephemeral ports)
     */
    public static void main(String[] args) throws Exception {
        int hosts = Integer.parseInt(args[0]);
        int port = args.length > 1 ? Integer.parseInt(args[1]) : 3389;
        if (hosts < 1 || hosts > 254) {
            throw new IllegalArgumentException("hosts " + hosts + " is out of range; use 1..254 (127.0.0.1 … 127.0.0.254)");
        }
        List<FakeRdpServer> fleet = new ArrayList<>();
        try {
            for (int i = 1; i <= hosts; i++) {
                InetAddress address = InetAddress.getByAddress(new byte[] {127, 0, 0, (byte) i});
                fleet.add(FakeRdpServer.start(new InetSocketAddress(address, port), Scenario.healthy()));
            }
            for (FakeRdpServer server : fleet) {
                System.out.println("HOST " + server.address().getAddress().getHostAddress() + " " + server.port());
            }
            System.out.println("READY " + hosts);
            System.out.flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            String line;
            while ((line = in.readLine()) != null && !line.equals("quit")) {
                if (line.equals("count")) {
                    long n = fleet.stream().mapToLong(s -> s.connections().size()).sum();
                    System.out.println("COUNT " + n);
                    System.out.flush();
                }
            }
        } finally {
            for (FakeRdpServer server : fleet) {
                server.close();
            }
        }
        System.exit(0);
    }
}
