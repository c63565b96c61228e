package dev.rdpprobe.cli;

import dev.rdpprobe.core.RdpProber;
import dev.rdpprobe.core.outcome.EncryptionLevel;
import dev.rdpprobe.core.outcome.SecurityProtocol;
import dev.rdpprobe.core.outcome.SecurityProtocolSet;
import dev.rdpprobe.core.target.Credentials;
import dev.rdpprobe.testkit.CredSspStep;
import dev.rdpprobe.testkit.NlaAccount;
import dev.rdpprobe.testkit.NegotiationRefusal;
import dev.rdpprobe.testkit.McsStep;
import dev.rdpprobe.testkit.Scenario;
import dev.rdpprobe.testkit.TlsStep;
import dev.rdpprobe.testkit.tls.TestCertificate;
import dev.rdpprobe.testkit.tls.TestCertificates;
import dev.rdpprobe.testkit.udp.FakeUdpResponder;
import java.time.Duration;
import java.util.List;

/**
 * The scenarios {@code rdp-probe demo} shows, in order. Add an entry here when a new phase can be
 * shown misbehaving (expired certificate, CredSSP closed, UDP blocked …).
 */
public final class DemoScenarios {

    /** Limit of each phase in the demo, so the whole demo takes a few seconds. */
    static final Duration PHASE_LIMIT = Duration.ofSeconds(2);
    /** The short X.224 limit of the silent scenario. */
    static final Duration SILENT_LIMIT = Duration.ofMillis(300);

    /** The certificate of the rejected-credentials entry, pinned by its SHA-256 as a careful user would. */
    private static final TestCertificate DEMO_CERTIFICATE = TestCertificates.localhost();
    private static final String DEMO_CERTIFICATE_SHA256 = sha256(DEMO_CERTIFICATE.der());

    private DemoScenarios() {
    }

    private static String sha256(byte[] der) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(der));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available in this JVM", e);
        }
    }

    /** The base options of every demo probe: short limits; UDP only in the entries that show it. */
    public static RdpProber.Builder baseBuilder() {
        return RdpProber.builder()
                .connectTimeout(PHASE_LIMIT)
                .phaseTimeout(PHASE_LIMIT)
                .deadline(Duration.ofSeconds(5))
                .udp(false)
                .udpInitialRetransmit(Duration.ofMillis(50))
                .threads(1);
    }

    /** Every scenario, in the order the demo shows them. */
    public static List<DemoScenario> all() {
        return List.of(
                DemoScenario.withUdp("Healthy: NLA server, TLS 1.3, NTLM reveals a Windows Server 2022 host, UDP transport answers",
                        Scenario.healthy(), FakeUdpResponder.builder().answering()),
                DemoScenario.of("Port closed: nothing listens on the port, the host answers the SYN with a reset",
                        null),
                new DemoScenario("Silent firewall or hung TermService: the Connection Request is never answered",
                        Scenario.silentAfterConnectionRequest(), b -> b.x224Timeout(SILENT_LIMIT)),
                new DemoScenario("NLA required: the server refuses a client that offers TLS but not CredSSP",
                        Scenario.refusing(NegotiationRefusal.HYBRID_REQUIRED_BY_SERVER),
                        b -> b.requestedProtocols(SecurityProtocolSet.of(SecurityProtocol.SSL))),
                DemoScenario.of("Expired certificate: the RDP certificate ran out; a client that checks it refuses to connect",
                        Scenario.healthy().withTls(TlsStep.with(TestCertificates.expired()))),
                DemoScenario.of("TLS 1.0 only: a Windows 7 / 2008 R2-era server that modern clients and JDKs refuse",
                        Scenario.healthy().withTls(TlsStep.versions("TLSv1")).withCredSsp(CredSspStep.challenge("OLD-RDS", 6, 1, 7601))),
                DemoScenario.of("CredSSP closed: the server drops the connection during the security handshake (the classic 0x904)",
                        Scenario.healthy().withCredSsp(CredSspStep.close())),
                new DemoScenario("Rejected credentials: --user LAB\\alice with a wrong password; the server's NLA refuses it (STATUS_LOGON_FAILURE), nothing is delegated",
                        Scenario.healthy().withTls(TlsStep.with(DEMO_CERTIFICATE))
                                .withCredSsp(CredSspStep.nla(NlaAccount.accepting("alice", "the-right-password"))),
                        b -> b.credentials(Credentials.of("alice", "LAB", "a-wrong-password".toCharArray()))
                                .trustThumbprint(DEMO_CERTIFICATE_SHA256)),
                DemoScenario.of("Clock skew: the server's clock is 2 hours behind, NLA will fail",
                        Scenario.healthy().withCredSsp(CredSspStep.challengeWithClockOffset(Duration.ofHours(-2)))),
                DemoScenario.withUdp("UDP blocked: TCP works, but UDP 3389 is dropped on the way (a VPN or router)",
                        Scenario.healthy(), FakeUdpResponder.builder().silent()),
                new DemoScenario("Weak RDP encryption: an xrdp-like server at crypt_level=low, Standard RDP Security only, 40-bit RC4 and a 512-bit key",
                        Scenario.supporting(SecurityProtocol.RDP).withMcs(McsStep.xrdpLike(EncryptionLevel.LOW)),
                        b -> b.enumerateSecurityLayers(true)),
                DemoScenario.withUdp("UDP offered but blocked: a TLS-only server offers UDP multitransport, and UDP 3389 is dropped",
                        Scenario.healthyTlsOnly(), FakeUdpResponder.builder().silent()),
                DemoScenario.of("Not RDP: an SSH server answers on the port",
                        Scenario.replyingWith("SSH-2.0-OpenSSH_9.6\r\n")),
                DemoScenario.of("Server denies the connection: it closes the socket when the Connection Request arrives",
                        Scenario.closingOnConnectionRequest()));
    }
}
