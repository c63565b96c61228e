package dev.rdpprobe.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rdpprobe.core.ProbeOptions;
import dev.rdpprobe.core.target.Target;
import dev.rdpprobe.core.outcome.Failure;
import dev.rdpprobe.core.internal.sequence.SequencePlan;
import io.netty.channel.ConnectTimeoutException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketException;
import org.junit.jupiter.api.Test;

/**
 * How socket errors of the TCP connect map to failures. Refused is exercised over loopback by the
 * whole-probe tests; unreachable and a dropped SYN cannot be produced on loopback without root, so
 * the mapping of the exceptions the JDK and Netty raise for them is checked here.
 */
class ConnectFailureClassificationTest {

    static final SequencePlan PLAN = TestPlans.of(Target.of("127.0.0.1", 3389), ProbeOptions.DEFAULTS);

    @Test
    void refused() {
        assertThat(ProbeRun.classifyConnectFailure(new ConnectException("Connection refused: /127.0.0.1:3389"), PLAN))
                .isEqualTo(new Failure.Refused());
    }

    @Test
    void noRouteAndNetworkUnreachableAreUnreachable() {
        assertThat(ProbeRun.classifyConnectFailure(new NoRouteToHostException("No route to host"), PLAN))
                .isInstanceOf(Failure.Unreachable.class);
        assertThat(ProbeRun.classifyConnectFailure(new SocketException("Network is unreachable"), PLAN))
                .isInstanceOf(Failure.Unreachable.class);
        assertThat(ProbeRun.classifyConnectFailure(new ConnectException("Host is down"), PLAN))
                .isInstanceOf(Failure.Unreachable.class);
    }

    @Test
    void nettysConnectTimeoutIsATimeout() {
        Failure f = ProbeRun.classifyConnectFailure(new ConnectTimeoutException("connection timed out: /127.0.0.1:3389"), PLAN);
        assertThat(f).isEqualTo(new Failure.TimedOut(ProbeOptions.DEFAULTS.connectTimeout(), 0, "TCP handshake (SYN-ACK)"));
        assertThat(f.isTimeout()).isTrue();
    }

    @Test
    void anythingElseIsALocalErrorThatSaysWhat() {
        Failure f = ProbeRun.classifyConnectFailure(new SocketException("Cannot assign requested address"), PLAN);
        assertThat(f).isInstanceOf(Failure.LocalError.class);
        assertThat(f.message()).contains("Cannot assign requested address");
    }
}
