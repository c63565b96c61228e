package dev.rdpprobe.bench.core;

import dev.rdpprobe.bench.Vectors;
import dev.rdpprobe.core.target.Target;
import dev.rdpprobe.core.outcome.PhaseResult;
import dev.rdpprobe.core.outcome.PhaseStatus;
import dev.rdpprobe.core.outcome.TlsFacts;
import dev.rdpprobe.core.internal.sequence.Action;
import dev.rdpprobe.core.internal.sequence.ConnectionSequence;
import dev.rdpprobe.core.outcome.SecurityProtocolSet;
import dev.rdpprobe.core.internal.sequence.PhaseLimits;
import dev.rdpprobe.core.internal.sequence.SequencePlan;
import dev.rdpprobe.core.outcome.Phase;
import java.time.Clock;
import java.time.Duration;
import dev.rdpprobe.core.internal.sequence.SequenceResult;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import dev.rdpprobe.core.outcome.TlsVersion;
import java.util.List;

/**
 * A full recorded transcript of a healthy NLA server, replayed through the sans-I/O
 * {@link ConnectionSequence}: start → connected (CR sent) → Connection Confirm selecting HYBRID (vector
 * B1) → TLS established (fixed facts) → TSRequest with the NTLM CHALLENGE of vector D1 → Finish. No
 * sockets, no threads; the times are a fake clock 1 ms apart.
 */
public final class RecordedTranscript {

    private static final long MS = 1_000_000L;

    private final SequencePlan plan;
    private final TlsFacts tls;
    private final byte[] nonce = new byte[32];
    private final ByteBuf confirm = Unpooled.wrappedBuffer(Vectors.CC_NEG_RSP_HYBRID);
    private final ByteBuf challenge = Unpooled.wrappedBuffer(Vectors.TSREQUEST_CHALLENGE_D1);

    /** The plan of a default probe (UDP off: the transcript is the TCP path), target 127.0.0.1:3389. */
    public RecordedTranscript() {
        Duration limit = Duration.ofSeconds(5);
        this.plan = new SequencePlan(Target.of("127.0.0.1", 3389),
                new PhaseLimits(limit, limit, limit, limit, limit, Duration.ofSeconds(20)), "rdpprobe",
                SecurityProtocolSet.DEFAULT_REQUEST, TlsVersion.all(), true, Phase.CREDSSP, true, false, Clock.systemUTC());
        this.tls = TlsFacts.handshake(TlsVersion.TLS_1_3, "TLS_AES_256_GCM_SHA384", "bouncycastle", List.of(), Boolean.FALSE,
                "self-signed");
    }

    /**
     * Replays the transcript once through a new sequence, as a probe without a listener runs it (no progress
     * reports: {@code ProbeRun} asks for none when no one listens), and returns the Finish action's result.
     */
    public SequenceResult replay(long t0) {
        return replay(t0, false);
    }

    /**
     * Replays the transcript once; with {@code reports}, as a probe with a {@code ProbeListener} runs it (a report
     * action per phase start, phase end and fact).
     */
    public SequenceResult replay(long t0, boolean reports) {
        ConnectionSequence s = new ConnectionSequence(plan, t0);
        if (!reports) {
            s.withoutReports();
        }
        s.clientNonce(nonce);
        s.start(t0);
        s.connected(t0 + MS);
        s.bytesReceived(Vectors.CC_NEG_RSP_HYBRID.length, t0 + 2 * MS);
        s.framedBytesReceived(Vectors.CC_NEG_RSP_HYBRID.length, t0 + 2 * MS);
        confirm.readerIndex(0);
        s.received(confirm, t0 + 2 * MS);
        s.tlsEstablished(tls, t0 + 3 * MS);
        s.framedBytesReceived(Vectors.TSREQUEST_CHALLENGE_D1.length, t0 + 4 * MS); // decrypted, as the driver reports it
        challenge.readerIndex(0);
        List<Action<SequenceResult>> last = s.received(challenge, t0 + 4 * MS);
        return ((Action.Finish<SequenceResult>) last.get(last.size() - 1)).result();
    }

    /**
     * Replays once and checks that the transcript really went the whole way (a benchmark of a path that
     * fails early would measure the wrong thing).
     *
     * @throws IllegalStateException if a phase is not as recorded
     */
    public void verify() {
        verify(replay(1_000_000_000L, false));
        verify(replay(1_000_000_000L, true));
    }

    private static void verify(SequenceResult r) {
        List<PhaseStatus> statuses = r.tcpPhases().stream().map(PhaseResult::status).toList();
        List<PhaseStatus> expected = List.of(PhaseStatus.SKIPPED, PhaseStatus.OK, PhaseStatus.OK, PhaseStatus.OK, PhaseStatus.OK,
                PhaseStatus.SKIPPED, // CREDSSP_AUTH: no credentials given
                PhaseStatus.NOT_REACHED); // MCS_CONNECT: after NLA it follows credential delegation
        if (!statuses.equals(expected) || r.facts().credssp().flatMap(c -> c.ntlm()).isEmpty()) {
            throw new IllegalStateException("the transcript did not replay to a healthy CREDSSP: " + r);
        }
    }
}
