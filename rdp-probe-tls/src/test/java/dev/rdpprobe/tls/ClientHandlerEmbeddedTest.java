package dev.rdpprobe.tls;

import dev.rdpprobe.core.outcome.TlsVersion;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rdpprobe.core.outcome.Failure;
import dev.rdpprobe.core.tls.TlsHandshakeFailed;
import dev.rdpprobe.core.tls.TlsProvider;
import dev.rdpprobe.core.tls.TlsRequest;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Both client engines against scripted server bytes on an {@link EmbeddedChannel} (no sockets): the
 * handshake starts on add, and every way a handshake can end is classified as the SPI asks.
 * The engines against real TLS servers over loopback are tested in rdp-probe-testkit
 * (dev.rdpprobe.testkit.tls.TlsEngineLoopbackTest), where the test server lives.
 */
class ClientHandlerEmbeddedTest {

    private static final RdpTlsProvider PROVIDER = new RdpTlsProvider();

    private EmbeddedChannel channel;
    private EventRecorder recorder;

    private void open(String engine, List<TlsVersion> versions) {
        recorder = new EventRecorder();
        channel = new EmbeddedChannel();
        channel.pipeline().addLast(recorder);
        channel.pipeline().addFirst(PROVIDER.newClientHandler(engine, new TlsRequest("rds01.example.com", 3389, versions)));
    }

    @AfterEach
    void releaseEverything() {
        if (channel != null) {
            channel.finishAndReleaseAll();
        }
    }

    private ByteBuf firstOutbound() {
        ByteBuf out = channel.readOutbound();
        assertThat(out).as("the ClientHello").isNotNull();
        return out;
    }

    private Failure onlyFailure() {
        assertThat(recorder.tlsEvents).hasSize(1);
        assertThat(recorder.tlsEvents.get(0)).isInstanceOf(TlsHandshakeFailed.class);
        return ((TlsHandshakeFailed) recorder.tlsEvents.get(0)).failure();
    }

    @ParameterizedTest
    @ValueSource(strings = {"bouncycastle", "jdk"})
    void sendsAClientHelloAsSoonAsItIsAdded(String engine) {
        open(engine, TlsVersion.all());
        ByteBuf hello = firstOutbound();
        try {
            assertThat(hello.getUnsignedByte(0)).as("handshake record").isEqualTo((short) 22);
            assertThat(hello.getUnsignedByte(1)).isEqualTo((short) 3);
            assertThat(hello.getUnsignedByte(5)).as("client_hello").isEqualTo((short) 1);
        } finally {
            hello.release();
        }
        assertThat(recorder.tlsEvents).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"bouncycastle", "jdk"})
    void anHttpAnswerIsNotTls(String engine) {
        open(engine, TlsVersion.all());
        firstOutbound().release();
        channel.writeInbound(Unpooled.copiedBuffer("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n", StandardCharsets.US_ASCII));
        assertThat(onlyFailure()).isEqualTo(new Failure.NotTls("\"HTTP/1.1 400 Bad Request\""));
        assertThat(channel.isOpen()).as("the handler closes after a failure").isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"bouncycastle", "jdk"})
    void anRdpPduIsNotTls(String engine) {
        open(engine, TlsVersion.all());
        firstOutbound().release();
        channel.writeInbound(Unpooled.wrappedBuffer(new byte[] {0x03, 0x00, 0x00, 0x13, 0x0e, (byte) 0xd0}));
        assertThat(onlyFailure()).isEqualTo(new Failure.NotTls("an RDP/TPKT PDU (03 00 00 13 0e d0)"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"bouncycastle", "jdk"})
    void aBadHeaderArrivingByteByByteIsNotTls(String engine) {
        open(engine, TlsVersion.all());
        firstOutbound().release();
        channel.writeInbound(Unpooled.wrappedBuffer(new byte[] {0x16}));
        channel.writeInbound(Unpooled.wrappedBuffer(new byte[] {0x03}));
        assertThat(recorder.tlsEvents).as("a TLS-like start needs more bytes").isEmpty();
        channel.writeInbound(Unpooled.wrappedBuffer(new byte[] {0x09, 0x00}));
        assertThat(onlyFailure()).isEqualTo(new Failure.NotTls("16 03 09 00"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"bouncycastle", "jdk"})
    void aHandshakeFailureAlertIsReportedByNameAndNumber(String engine) {
        open(engine, TlsVersion.all());
        firstOutbound().release();
        channel.writeInbound(Unpooled.wrappedBuffer(new byte[] {21, 3, 3, 0, 2, 2, 40}));
        assertThat(onlyFailure()).isEqualTo(new Failure.TlsAlert(40, "handshake_failure", true));
    }

    @ParameterizedTest
    @ValueSource(ints = {70, 80})
    void otherAlertsKeepTheirNames(int description) {
        open("bouncycastle", TlsVersion.all());
        firstOutbound().release();
        channel.writeInbound(Unpooled.wrappedBuffer(new byte[] {21, 3, 1, 0, 2, 2, (byte) description}));
        assertThat(onlyFailure()).isEqualTo(new Failure.TlsAlert(description, TlsNames.alertName(description), true));
    }

    @Test
    void jdkReportsProtocolVersionAsRefusedWhenItDroppedRequestedVersions() {
        org.junit.jupiter.api.Assumptions.assumeTrue(
                JdkClientContexts.refusedByPolicy(TlsVersion.all().stream().map(TlsVersion::jdkName).toList()).contains("TLSv1"), "this JVM allows TLS 1.0");
        open("jdk", TlsVersion.all());
        firstOutbound().release();
        channel.writeInbound(Unpooled.wrappedBuffer(new byte[] {21, 3, 3, 0, 2, 2, 70}));
        Failure failure = onlyFailure();
        assertThat(failure).isInstanceOf(Failure.TlsVersionRefused.class);
        assertThat(failure.message()).contains("TLSv1, TLSv1.1, TLSv1.2, TLSv1.3").contains("protocol_version (70)")
                .contains("jdk.tls.disabledAlgorithms");
    }

    @Test
    void jdkAskedForTls10OnlyRefusesWithoutCrashing() {
        org.junit.jupiter.api.Assumptions.assumeTrue(
                JdkClientContexts.refusedByPolicy(List.of("TLSv1")).contains("TLSv1"), "this JVM allows TLS 1.0");
        open("jdk", List.of(TlsVersion.TLS_1_0));
        Failure failure = onlyFailure();
        assertThat(failure).isInstanceOf(Failure.TlsVersionRefused.class);
        assertThat(((Failure.TlsVersionRefused) failure).offered()).isEqualTo("TLSv1");
        assertThat(recorder.exceptions).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"bouncycastle", "jdk"})
    void aCloseInTheMiddleOfTheHandshakeIsNotATlsFailure(String engine) {
        open(engine, TlsVersion.all());
        firstOutbound().release();
        channel.writeInbound(Unpooled.wrappedBuffer(new byte[] {22, 3, 3, 0, 80, 2, 0, 0}));
        channel.close();
        assertThat(recorder.tlsEvents).isEmpty();
        assertThat(recorder.inactive).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"bouncycastle", "jdk"})
    void aResetPassesThroughUntouched(String engine) {
        open(engine, TlsVersion.all());
        firstOutbound().release();
        IOException reset = new IOException("Connection reset by peer");
        channel.pipeline().fireExceptionCaught(reset);
        assertThat(recorder.exceptions).containsExactly(reset);
        assertThat(recorder.tlsEvents).isEmpty();
    }

    @Test
    void writesBeforeTheHandshakeAreHeldBack() {
        open("bouncycastle", TlsVersion.all());
        firstOutbound().release();
        ByteBuf early = Unpooled.copiedBuffer("early", StandardCharsets.US_ASCII);
        io.netty.channel.ChannelFuture write = channel.writeAndFlush(early);
        assertThat(channel.<Object>readOutbound()).as("nothing leaves before the handshake").isNull();
        assertThat(write.isDone()).isFalse();
        channel.close();
        assertThat(write.cause()).isInstanceOf(java.nio.channels.ClosedChannelException.class);
        assertThat(early.refCnt()).as("released").isZero();
    }

    @Test
    void anUnknownEngineIsTheCallersMistake() {
        assertThatThrownBy(() -> PROVIDER.newClientHandler("openssl", new TlsRequest("h", 3389, TlsVersion.all())))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("bouncycastle");
    }

    @Test
    void theServiceLoaderFindsTheProviderWithBouncyCastleAsDefault() {
        TlsProvider provider = TlsProvider.installed().orElseThrow();
        assertThat(provider).isInstanceOf(RdpTlsProvider.class);
        assertThat(provider.engineNames()).containsExactly("bouncycastle", "jdk");
    }
}
