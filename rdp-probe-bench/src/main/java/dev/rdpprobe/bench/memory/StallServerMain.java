package dev.rdpprobe.bench.memory;

import dev.rdpprobe.testkit.FakeRdpServer;
import dev.rdpprobe.core.outcome.SecurityProtocol;
import dev.rdpprobe.testkit.RecordedConnection;
import dev.rdpprobe.testkit.Scenario;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/**
 * The stalling server of the memory benchmark, in its own JVM so that its sockets count against its own
 * file-descriptor limit, not the prober's. The first {@code quick} connections get a Connection Confirm
 * selecting Standard RDP Security (the prober's warm-up); every later one is read and never answered
 * ({@link Scenario#silentAfterConnectionRequest()}). Prints {@code PORT n}; then answers the line
 * {@code count} with how many Connection Requests arrived, and exits on {@code quit} or end of input.
 */
public final class StallServerMain {

    private StallServerMain() {
    }

    /**
     * @param args the number of quick connections
     */
    public static void main(String[] args) throws Exception {
        int quick = Integer.parseInt(args[0]);
        try (FakeRdpServer server = FakeRdpServer.start(Scenario.silentAfterConnectionRequest())) {
            for (int i = 0; i < quick; i++) {
                server.enqueue(Scenario.selecting(SecurityProtocol.RDP));
            }
            System.out.println("PORT " + server.port());
            System.out.flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            String line;
            while ((line = in.readLine()) != null && !line.equals("quit")) {
                if (line.equals("count")) {
                    long n = server.connections().stream().filter(RecordedConnection::connectionRequestSeen).count();
                    System.out.println("COUNT " + n);
                    System.out.flush();
                }
            }
        }
        System.exit(0);
    }
}
