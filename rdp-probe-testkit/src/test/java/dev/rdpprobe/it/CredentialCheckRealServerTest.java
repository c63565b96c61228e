package dev.rdpprobe.it;

import static dev.rdpprobe.it.Probes.describe;
import static dev.rdpprobe.it.Probes.probe;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rdpprobe.core.outcome.ConnectionOutcome;
import dev.rdpprobe.core.outcome.CredentialCheck;
import dev.rdpprobe.core.outcome.CredentialVerdict;
import dev.rdpprobe.core.outcome.DiagnosisCode;
import dev.rdpprobe.core.outcome.Phase;
import dev.rdpprobe.core.outcome.PhaseStatus;
import dev.rdpprobe.core.target.Credentials;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.security.cert.CertificateFactory;
import java.util.HexFormat;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The credential check against real servers on loopback. FreeRDP 2.11's shadow server with /sec:nla and a SAM
 * file: the right password is accepted (its pubKeyAuth verifies); for a wrong password or an unknown user it
 * closes the connection after the AUTHENTICATE without an errorCode (observed, peers.md), which the probe reports
 * as CLOSED, never as accepted. xrdp and FreeRDP with /sec:tls or /sec:rdp have no NLA: not checked, nothing sent.
 */
@Tag("realserver")
class CredentialCheckRealServerTest {

    static RealServers servers;
    static String user;
    static String password;
    static String pin;

    @BeforeAll
    static void read() throws Exception {
        servers = RealServers.fromSystemProperty();
        user = Files.readString(servers.credentialsFile("user"), StandardCharsets.US_ASCII).trim();
        password = Files.readString(servers.credentialsFile("password"), StandardCharsets.US_ASCII).trim();
        try (InputStream in = Files.newInputStream(servers.credentialsFile("shadow.crt"))) {
            byte[] der = CertificateFactory.getInstance("X.509").generateCertificate(in).getEncoded();
            pin = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(der));
        }
    }

    static ConnectionOutcome check(String name, String account, String secret) {
        Credentials credentials = Credentials.parse(account, secret.toCharArray());
        try {
            return probe(servers.target(name), b -> b.credentials(credentials).trustThumbprint(pin));
        } finally {
            credentials.destroy();
        }
    }

    static CredentialCheck checkOf(ConnectionOutcome o) {
        return o.server().credentialCheck().orElseThrow(() -> new AssertionError("no credential check: " + describe(o)));
    }

    @Test
    void theRightPasswordIsAccepted() {
        ConnectionOutcome o = check(RealServers.FREERDP_CREDENTIALS, user, password);
        String why = describe(o);
        assertThat(checkOf(o).verdict()).as(why).isEqualTo(CredentialVerdict.ACCEPTED);
        assertThat(o.phase(Phase.CREDSSP_AUTH).status()).as(why).isEqualTo(PhaseStatus.OK);
        assertThat(checkOf(o).credsspVersion()).as(why).contains(6);
        assertThat(o.diagnosis().code()).as(why).isEqualTo(DiagnosisCode.CREDENTIALS_ACCEPTED);
    }

    @Test
    void aWrongPasswordIsNotAcceptedTheServerCloses() {
        ConnectionOutcome o = check(RealServers.FREERDP_CREDENTIALS, user, password + "x");
        String why = describe(o);
        assertThat(checkOf(o).verdict().accepted()).as(why).isFalse();
        assertThat(checkOf(o).verdict()).as(why).isEqualTo(CredentialVerdict.CLOSED);
        assertThat(o.diagnosis().code()).as(why).isEqualTo(DiagnosisCode.CREDSSP_AUTH_CLOSED);
    }

    @Test
    void anUnknownUserIsNotAcceptedTheServerCloses() {
        ConnectionOutcome o = check(RealServers.FREERDP_CREDENTIALS, "nobody-" + user, password);
        String why = describe(o);
        assertThat(checkOf(o).verdict()).as(why).isEqualTo(CredentialVerdict.CLOSED);
    }

    @Test
    void serversWithoutNlaAreNotCheckedAndGetNothing() {
        for (String name : new String[] {RealServers.XRDP_NEGOTIATE, RealServers.XRDP_TLS, RealServers.XRDP_RDP,
                RealServers.FREERDP_TLS}) {
            ConnectionOutcome o = check(name, user, password);
            String why = name + ": " + describe(o);
            CredentialCheck c = checkOf(o);
            assertThat(c.verdict()).as(why).isEqualTo(CredentialVerdict.NOT_CHECKED_NO_NLA);
            assertThat(c.verdict().responseSent()).as(why).isFalse();
            assertThat(o.phase(Phase.CREDSSP).status()).as(why).isEqualTo(PhaseStatus.SKIPPED);
            assertThat(o.phase(Phase.CREDSSP_AUTH).status()).as(why).isEqualTo(PhaseStatus.SKIPPED);
            assertThat(o.diagnosis().code()).as(why).isEqualTo(DiagnosisCode.CREDENTIALS_NOT_CHECKED_NO_NLA);
        }
    }

    @Test
    void aServerThatRefusesTlsForStandardSecurityHasNoNlaEither() {
        // FreeRDP /sec:rdp answers SSL|HYBRID|HYBRID_EX with RDP_NEG_FAILURE 2 (SSL_NOT_ALLOWED_BY_SERVER): no NLA
        ConnectionOutcome o = check(RealServers.FREERDP_RDP, user, password);
        String why = describe(o);
        assertThat(checkOf(o).verdict()).as(why).isEqualTo(CredentialVerdict.NOT_CHECKED_NO_NLA);
        assertThat(o.failedPhase()).as(why).contains(Phase.X224_NEGOTIATION);
        assertThat(o.phase(Phase.CREDSSP_AUTH).status()).as(why).isEqualTo(PhaseStatus.NOT_REACHED);
        assertThat(o.diagnosis().code()).as(why).isEqualTo(DiagnosisCode.SSL_NOT_ALLOWED_BY_SERVER);
    }
}
