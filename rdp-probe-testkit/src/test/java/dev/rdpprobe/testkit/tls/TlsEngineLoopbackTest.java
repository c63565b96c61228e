package dev.rdpprobe.testkit.tls;

import dev.rdpprobe.core.outcome.TlsVersion;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rdpprobe.core.outcome.Failure;
import dev.rdpprobe.core.tls.TlsHandshakeFailed;
import dev.rdpprobe.core.tls.TlsHandshakeSucceeded;
import dev.rdpprobe.core.tls.TlsRequest;
import dev.rdpprobe.tls.RdpTlsProvider;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandler;
import java.nio.charset.StandardCharsets;
import java.security.Provider;
import java.security.Security;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLException;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The client engines of rdp-probe-tls against the testkit's BouncyCastle TLS server over real loopback
 * sockets. These end-to-end tests live here rather than in rdp-probe-tls because the test server and
 * the minted certificates are testkit classes, and the testkit depends on rdp-probe-tls. The handlers do
 * their handshake computation on a worker thread, as the prober has them do (the handler's event-loop-only
 * mode is covered by ClientHandlerEmbeddedTest in rdp-probe-tls).
 */
class TlsEngineLoopbackTest {

    private static final RdpTlsProvider PROVIDER = new RdpTlsProvider();
    private static final String BC = RdpTlsProvider.BOUNCYCASTLE;
    private static final String JDK = RdpTlsProvider.JDK;

    /** The handshake computation's executor, as the prober's off-loop workers. */
    private static final ExecutorService WORK = Executors.newSingleThreadExecutor(task -> {
        Thread t = new Thread(task, "tls-loopback-work");
        t.setDaemon(true);
        return t;
    });

    private static String disabledAlgorithmsBefore;
    private static List<String> providersBefore;

    private Loopback loopback;

    @BeforeAll
    static void snapshotJvmGlobals() {
        disabledAlgorithmsBefore = Security.getProperty("jdk.tls.disabledAlgorithms");
        providersBefore = providerNames();
        TestCertificates.localhost();
    }

    @AfterAll
    static void stopWork() {
        WORK.shutdownNow();
    }

    @AfterEach
    void noJvmGlobalChangeAndNoServerLeft() {
        if (loopback != null) {
            loopback.close();
        }
        assertThat(Security.getProperty("jdk.tls.disabledAlgorithms")).isEqualTo(disabledAlgorithmsBefore);
        assertThat(providerNames()).isEqualTo(providersBefore).doesNotContain("BC", "BCJSSE");
    }

    private static List<String> providerNames() {
        return Arrays.stream(Security.getProviders()).map(Provider::getName).toList();
    }

    private ServerScripts.GreetAndEcho[] startTlsServer(TestCertificate certificate, List<String> versions, String greeting)
            throws InterruptedException {
        ServerScripts.GreetAndEcho[] app = new ServerScripts.GreetAndEcho[1];
        loopback = new Loopback(() -> {
            app[0] = new ServerScripts.GreetAndEcho(greeting, 4);
            return List.<ChannelHandler>of(TlsServerHandlers.newServerHandler(certificate, versions), app[0]);
        }, false);
        return app;
    }

    private Loopback.Client connect(String engine, List<TlsVersion> versions) throws Exception {
        return loopback.connect(PROVIDER.newClientHandler(engine, new TlsRequest("localhost", loopback.port(), versions), WORK));
    }

    private static TlsHandshakeSucceeded succeeded(Loopback.Client client) throws Exception {
        Object outcome = client.outcome();
        assertThat(outcome).as("handshake outcome").isInstanceOf(TlsHandshakeSucceeded.class);
        return (TlsHandshakeSucceeded) outcome;
    }

    private static Failure failed(Loopback.Client client) throws Exception {
        Object outcome = client.outcome();
        assertThat(outcome).as("handshake outcome").isInstanceOf(TlsHandshakeFailed.class);
        client.inactive.get(Loopback.TIMEOUT_SECONDS, TimeUnit.SECONDS);
        assertThat(client.tlsEvents).as("reported exactly once").hasSize(1);
        return ((TlsHandshakeFailed) outcome).failure();
    }

    @ParameterizedTest
    @ValueSource(strings = {"TLSv1", "TLSv1.1", "TLSv1.2", "TLSv1.3"})
    void bouncyCastleReachesASingleVersionServerWithNoGlobalChange(String version) throws Exception {
        TestCertificate certificate = TestCertificates.localhost();
        ServerScripts.GreetAndEcho[] app = startTlsServer(certificate, List.of(version), "");
        Loopback.Client client = connect(BC, TlsVersion.all());

        TlsHandshakeSucceeded success = succeeded(client);
        assertThat(success.protocolVersion().jdkName()).isEqualTo(version);
        assertThat(success.engine()).isEqualTo("bouncycastle");
        assertThat(success.cipherSuite()).startsWith("TLS_");
        if (!version.equals("TLSv1.2") && !version.equals("TLSv1.3")) {
            assertThat(success.cipherSuite()).as("TLS 1.0/1.1 have CBC suites only").contains("_CBC_");
        }
        assertThat(success.peerChainDer()).hasSize(1);
        assertThat(success.peerChainDer().get(0)).isEqualTo(certificate.chainDer().get(0));
        assertThat(app[0].completed.get(Loopback.TIMEOUT_SECONDS, TimeUnit.SECONDS).protocolVersion()).isEqualTo(version);
        assertThat(client.tlsEvents).hasSize(1);
    }

    @Test
    void bouncyCastleNegotiatesTls13WithAFullRangeServer() throws Exception {
        startTlsServer(TestCertificates.localhost(), TlsServerHandlers.ALL_VERSIONS, "");
        assertThat(succeeded(connect(BC, TlsVersion.all())).protocolVersion()).isEqualTo(TlsVersion.TLS_1_3);
    }

    @ParameterizedTest
    @ValueSource(strings = {"TLSv1", "TLSv1.2", "TLSv1.3"})
    void bouncyCastleReachesAnEcdsaServer(String version) throws Exception {
        startTlsServer(TestCertificates.ecP256(), List.of(version), "");
        TlsHandshakeSucceeded success = succeeded(connect(BC, TlsVersion.all()));
        assertThat(success.protocolVersion().jdkName()).isEqualTo(version);
        if (!version.equals("TLSv1.3")) {
            assertThat(success.cipherSuite()).startsWith("TLS_ECDHE_ECDSA_");
        }
    }

    @Test
    void bouncyCastleAcceptsAWindowsStyleKeyUsageWithoutDigitalSignature() throws Exception {
        TestCertificate windowsLike = TestCertificates.builder()
                .keyUsage(KeyUsage.keyEncipherment | KeyUsage.dataEncipherment)
                .build();
        startTlsServer(windowsLike, List.of("TLSv1.2"), "");
        TlsHandshakeSucceeded success = succeeded(connect(BC, TlsVersion.all()));
        assertThat(success.cipherSuite()).startsWith("TLS_ECDHE_RSA_");
    }

    @Test
    void theWholeChainIsCapturedLeafFirst() throws Exception {
        TestCertificate byCa = TestCertificates.signedByTestCa();
        startTlsServer(byCa, List.of("TLSv1.3"), "");
        TlsHandshakeSucceeded success = succeeded(connect(BC, TlsVersion.all()));
        assertThat(success.peerChainDer()).hasSize(2);
        assertThat(success.peerChainDer().get(0)).isEqualTo(byCa.chainDer().get(0));
        assertThat(success.peerChainDer().get(1)).isEqualTo(TestCertificates.testCa().chainDer().get(0));
    }

    /** The server's certificate is processed (the JDK's trust manager included) in tasks of the executor, not on the event loop. */
    @ParameterizedTest
    @ValueSource(strings = {"bouncycastle:TLSv1.2", "bouncycastle:TLSv1.3", "jdk:TLSv1.2", "jdk:TLSv1.3"})
    void theHandshakeComputationRunsOnTheGivenExecutor(String engineAndVersion) throws Exception {
        String[] parts = engineAndVersion.split(":");
        startTlsServer(TestCertificates.signedByTestCa(), List.of(parts[1]), "");
        List<String> threads = new java.util.concurrent.CopyOnWriteArrayList<>();
        java.util.concurrent.Executor recording = task -> WORK.execute(() -> {
            threads.add(Thread.currentThread().getName());
            task.run();
        });
        Loopback.Client client = loopback.connect(
                PROVIDER.newClientHandler(parts[0], new TlsRequest("localhost", loopback.port(), TlsVersion.all()), recording));
        TlsHandshakeSucceeded success = succeeded(client);
        assertThat(success.protocolVersion().jdkName()).isEqualTo(parts[1]);
        assertThat(threads).isNotEmpty().allMatch("tls-loopback-work"::equals);
        // the last task's report may still be on its way: let the worker, then the event loop, drain
        WORK.submit(() -> { }).get(Loopback.TIMEOUT_SECONDS, TimeUnit.SECONDS);
        client.channel.eventLoop().submit(() -> { }).get(Loopback.TIMEOUT_SECONDS, TimeUnit.SECONDS);
        assertThat(client.localWork).as("the work is bracketed by TlsLocalWork events").isNotEmpty().startsWith(true).endsWith(false);
        for (int i = 0; i < client.localWork.size(); i++) {
            assertThat(client.localWork.get(i)).as("event %d alternates", i).isEqualTo(i % 2 == 0);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"TLSv1.2", "TLSv1.3"})
    void jdkReachesModernServers(String version) throws Exception {
        TestCertificate certificate = TestCertificates.localhost();
        startTlsServer(certificate, List.of(version), "");
        TlsHandshakeSucceeded success = succeeded(connect(JDK, TlsVersion.all()));
        assertThat(success.protocolVersion().jdkName()).isEqualTo(version);
        assertThat(success.engine()).isEqualTo("jdk");
        assertThat(success.cipherSuite()).startsWith("TLS_");
        assertThat(success.peerChainDer()).hasSize(1);
        assertThat(success.peerChainDer().get(0)).isEqualTo(certificate.chainDer().get(0));
    }

    @Test
    void jdkAgainstATls10OnlyServerReportsTheVersionRefused() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(
                disabledAlgorithmsBefore != null && Arrays.stream(disabledAlgorithmsBefore.split(",")).map(String::trim).anyMatch("TLSv1"::equals),
                "this JVM allows TLS 1.0");
        startTlsServer(TestCertificates.localhost(), List.of("TLSv1"), "");
        Failure failure = failed(connect(JDK, TlsVersion.all()));
        assertThat(failure).isInstanceOf(Failure.TlsVersionRefused.class);
        assertThat(failure.message()).contains("TLSv1, TLSv1.1").contains("bouncycastle");
    }

    @ParameterizedTest
    @ValueSource(strings = {"bouncycastle", "jdk"})
    void anAlertInsteadOfServerHelloIsReportedByNameAndNumber(String engine) throws Exception {
        loopback = new Loopback(() -> List.of(ServerScripts.replyToClientHello(
                TlsRecords.fatalAlert(TlsRecords.TLS_1_2, TlsRecords.HANDSHAKE_FAILURE), true)), false);
        assertThat(failed(connect(engine, TlsVersion.all()))).isEqualTo(new Failure.TlsAlert(40, "handshake_failure", true));
    }

    @ParameterizedTest
    @ValueSource(ints = {TlsRecords.PROTOCOL_VERSION, TlsRecords.INTERNAL_ERROR})
    void otherAlertsFromTheServer(int description) throws Exception {
        loopback = new Loopback(() -> List.of(ServerScripts.replyToClientHello(
                TlsRecords.fatalAlert(TlsRecords.TLS_1_0, description), false)), false);
        Failure failure = failed(connect(BC, TlsVersion.all()));
        assertThat(failure).isInstanceOf(Failure.TlsAlert.class);
        assertThat(((Failure.TlsAlert) failure).code()).isEqualTo(description);
        assertThat(((Failure.TlsAlert) failure).name()).isEqualTo(description == 70 ? "protocol_version" : "internal_error");
        assertThat(((Failure.TlsAlert) failure).sentByPeer()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"bouncycastle", "jdk"})
    void anHttpAnswerIsNotTls(String engine) throws Exception {
        byte[] http = "HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
        loopback = new Loopback(() -> List.of(ServerScripts.replyToClientHello(http, true)), false);
        assertThat(failed(connect(engine, TlsVersion.all()))).isEqualTo(new Failure.NotTls("\"HTTP/1.1 400 Bad Request\""));
    }

    @ParameterizedTest
    @ValueSource(strings = {"bouncycastle", "jdk"})
    void aCloseInTheMiddleOfTheHandshakeIsLeftToTheProber(String engine) throws Exception {
        loopback = new Loopback(() -> List.of(ServerScripts.replyToClientHello(new byte[0], true)), false);
        Loopback.Client client = connect(engine, TlsVersion.all());
        client.inactive.get(Loopback.TIMEOUT_SECONDS, TimeUnit.SECONDS);
        assertThat(client.tlsEvents).isEmpty();
        assertThat(client.exceptions).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"bouncycastle", "jdk"})
    void aResetInTheMiddleOfTheHandshakeIsLeftToTheProber(String engine) throws Exception {
        loopback = new Loopback(() -> List.of(ServerScripts.replyToClientHello(new byte[0], true)), true);
        Loopback.Client client = connect(engine, TlsVersion.all());
        client.inactive.get(Loopback.TIMEOUT_SECONDS, TimeUnit.SECONDS);
        assertThat(client.tlsEvents).isEmpty();
        assertThat(client.exceptions).allSatisfy(e -> assertThat(e).isInstanceOf(java.io.IOException.class).isNotInstanceOf(SSLException.class));
    }

    @ParameterizedTest
    @ValueSource(strings = {"bouncycastle:TLSv1", "bouncycastle:TLSv1.2", "bouncycastle:TLSv1.3", "jdk:TLSv1.2", "jdk:TLSv1.3"})
    void applicationDataRoundTripsBothWays(String engineAndVersion) throws Exception {
        String[] parts = engineAndVersion.split(":");
        startTlsServer(TestCertificates.localhost(), List.of(parts[1]), "hello-from-server;");
        Loopback.Client client = connect(parts[0], TlsVersion.all());
        succeeded(client);
        client.channel.writeAndFlush(Unpooled.copiedBuffer("ping", StandardCharsets.US_ASCII)).get(Loopback.TIMEOUT_SECONDS, TimeUnit.SECONDS);
        String expected = "hello-from-server;echo:ping";
        assertThat(client.awaitReceived(expected.length()).get(Loopback.TIMEOUT_SECONDS, TimeUnit.SECONDS)).isEqualTo(expected);
        client.channel.close().sync();
    }

    @ParameterizedTest
    @ValueSource(strings = {"bouncycastle", "jdk"})
    void aWriteMadeBeforeTheHandshakeCompletesIsSentAfterIt(String engine) throws Exception {
        startTlsServer(TestCertificates.localhost(), List.of("TLSv1.2"), "");
        Loopback.Client client = connect(engine, TlsVersion.all());
        client.channel.eventLoop().submit(() -> client.channel.writeAndFlush(Unpooled.copiedBuffer("early", StandardCharsets.US_ASCII)))
                .get(Loopback.TIMEOUT_SECONDS, TimeUnit.SECONDS);
        succeeded(client);
        assertThat(client.awaitReceived("echo:early".length()).get(Loopback.TIMEOUT_SECONDS, TimeUnit.SECONDS)).isEqualTo("echo:early");
    }
}
