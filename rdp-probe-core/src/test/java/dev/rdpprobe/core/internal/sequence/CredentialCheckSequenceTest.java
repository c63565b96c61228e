package dev.rdpprobe.core.internal.sequence;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rdpprobe.core.Hex;
import dev.rdpprobe.core.ProbeOptions;
import dev.rdpprobe.core.RdpProber;
import dev.rdpprobe.core.TestPlans;
import dev.rdpprobe.core.outcome.CredentialCheck;
import dev.rdpprobe.core.outcome.CredentialVerdict;
import dev.rdpprobe.core.outcome.PhaseResult;
import dev.rdpprobe.core.outcome.PhaseStatus;
import dev.rdpprobe.core.outcome.TlsFacts;
import dev.rdpprobe.core.outcome.TlsVersion;
import dev.rdpprobe.core.target.Credentials;
import dev.rdpprobe.core.target.Target;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The credential check's refusals to start, sans I/O: each sends nothing after the NEGOTIATE and says why. (The
 * exchange itself runs against the testkit's fake NLA server, which has the MD4 provider this module lacks.)
 */
class CredentialCheckSequenceTest {

    static final long T0 = 1_000_000_000L;
    static final long MS = 1_000_000L;

    static SequenceResult throughTheChallenge(ProbeOptions options, String challenge) {
        SequenceStepper s = new SequenceStepper(TestPlans.of(Target.of("127.0.0.1", 3389), options), T0);
        s.clientNonce(new byte[32]);
        s.credentialRandom(new byte[24]);
        s.start(T0);
        s.connected(T0 + MS);
        s.received(Hex.buf(ConnectionSequenceTest.CC_HYBRID), T0 + 2 * MS);
        s.tlsEstablished(TlsFacts.handshake(TlsVersion.TLS_1_2, "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384", "test", List.of(), null, null),
                T0 + 3 * MS);
        Action<SequenceResult> last = s.received(Hex.buf(challenge), T0 + 4 * MS);
        assertThat(last).as("nothing is sent after the CHALLENGE").isInstanceOf(Action.Finish.class);
        assertThat(s.all()).noneMatch(a -> a instanceof Action.Send<?> send && send.bytes().length > 100);
        return ((Action.Finish<SequenceResult>) last).result();
    }

    static Credentials alice() {
        return Credentials.of("alice", "LAB", "pw".toCharArray());
    }

    @Test
    void aCertificateNeitherTrustedNorPinnedGetsNothing() {
        SequenceResult r = throughTheChallenge(RdpProber.builder().credentials(alice()).options(), ConnectionSequenceTest.D1);
        CredentialCheck check = r.facts().credentialCheck().orElseThrow();
        assertThat(check.verdict()).isEqualTo(CredentialVerdict.NOT_CHECKED_CERTIFICATE_NOT_VERIFIED);
        assertThat(check.account()).isEqualTo("LAB\\alice");
        PhaseResult auth = r.tcpPhases().get(5);
        assertThat(auth.status()).isEqualTo(PhaseStatus.SKIPPED);
        assertThat(auth.note().orElseThrow()).contains("certificate not verified").contains("nothing was sent");
    }

    @Test
    void withoutAnMd4ProviderTheCheckSaysSoEvenWhenAllowedToSend() {
        SequenceResult r = throughTheChallenge(RdpProber.builder().credentials(alice()).sendCredentialsToUnverifiedServer(true).options(),
                ConnectionSequenceTest.D1);
        CredentialCheck check = r.facts().credentialCheck().orElseThrow();
        assertThat(check.verdict()).isEqualTo(CredentialVerdict.NOT_CHECKED_LOCAL);
        assertThat(check.detail()).contains("MD4").contains("rdp-probe-tls");
    }

    @Test
    void withoutCredentialsTheCheckIsSkippedAsNotAsked() {
        SequenceResult r = throughTheChallenge(RdpProber.builder().options(), ConnectionSequenceTest.D1);
        assertThat(r.facts().credentialCheck()).isEmpty();
        assertThat(r.tcpPhases().get(5).note()).contains(dev.rdpprobe.core.outcome.ConnectionOutcome.NO_CREDENTIALS);
    }
}
