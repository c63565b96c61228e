package dev.rdpprobe.testkit.udp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rdpprobe.core.internal.pdu.rdpeudp.CorrelationIdPayload;
import dev.rdpprobe.core.internal.pdu.rdpeudp.SynAckDatagram;
import dev.rdpprobe.core.internal.pdu.rdpeudp.SynDataExPayload;
import dev.rdpprobe.core.internal.pdu.rdpeudp.SynDataPayload;
import dev.rdpprobe.core.internal.pdu.rdpeudp.SynDatagram;
import io.netty.buffer.Unpooled;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The responder exercised with a plain blocking DatagramSocket client (receive with a timeout). */
class FakeUdpResponderTest {

    static byte[] syn(int isn, SynDataExPayload ex) {
        return SynDatagram.of(64, SynDataPayload.withMaxMtu(isn), null, ex).toBytes();
    }

    static byte[] exchange(DatagramSocket client, InetSocketAddress to, byte[] datagram) throws Exception {
        client.send(new DatagramPacket(datagram, datagram.length, to));
        DatagramPacket reply = new DatagramPacket(new byte[2048], 2048);
        client.receive(reply);
        return Arrays.copyOf(reply.getData(), reply.getLength());
    }

    static DatagramSocket client() throws Exception {
        DatagramSocket socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        socket.setSoTimeout(3000);
        return socket;
    }

    @Test
    void answersASynLikeWindows() throws Exception {
        try (FakeUdpResponder udp = FakeUdpResponder.builder().start(); DatagramSocket client = client()) {
            byte[] reply = exchange(client, udp.address(), syn(0x01020304, null));

            assertThat(reply).hasSize(1232);
            SynAckDatagram ack = SynAckDatagram.decode(Unpooled.wrappedBuffer(reply));
            assertThat(ack.acknowledgedSequenceNumber()).isEqualTo(0x01020304);
            assertThat(ack.receiveWindow()).isEqualTo(64);
            assertThat(ack.synDataEx()).isNull();
            assertThat(udp.received()).hasSize(1);
            assertThat(udp.received().get(0).sender().getPort()).isEqualTo(client.getLocalPort());
        }
    }

    @Test
    void whatTheSynSaidIsRecorded() throws Exception {
        byte[] id = new byte[16];
        Arrays.fill(id, (byte) 0x42);
        byte[] datagram = SynDatagram.of(64, new SynDataPayload(0x0A0B0C0D, 1232, 1132), CorrelationIdPayload.of(id),
                SynDataExPayload.offer(2)).toBytes();
        try (FakeUdpResponder udp = FakeUdpResponder.builder().start(); DatagramSocket client = client()) {
            exchange(client, udp.address(), datagram);
            UdpSyn syn = udp.received().get(0).syn().orElseThrow();
            assertThat(syn.receiveWindow()).isEqualTo(64);
            assertThat(syn.initialSequenceNumber()).isEqualTo(0x0A0B0C0D);
            assertThat(syn.upstreamMtu()).isEqualTo(1232);
            assertThat(syn.downstreamMtu()).isEqualTo(1132);
            assertThat(syn.hasSynEx()).isTrue();
            assertThat(syn.offeredVersion()).hasValue(2);
            assertThat(syn.cookieHash()).isEmpty();
            assertThat(syn.correlationId()).hasValueSatisfying(v -> assertThat(v).isEqualTo(id));
        }
    }

    @Test
    void versionIsTheLowerOfOfferAndSupportByDefault() throws Exception {
        try (FakeUdpResponder udp = FakeUdpResponder.builder().start(); DatagramSocket client = client()) {
            assertThat(SynAckDatagram.decode(Unpooled.wrappedBuffer(exchange(client, udp.address(),
                    syn(1, SynDataExPayload.offer(2))))).chosenVersion()).isEqualTo(2);
            assertThat(SynAckDatagram.decode(Unpooled.wrappedBuffer(exchange(client, udp.address(),
                    syn(1, SynDataExPayload.offer(1))))).chosenVersion()).isEqualTo(1);
        }
    }

    @Test
    void udpVersionZeroSendsNoSynDataEx() throws Exception {
        try (FakeUdpResponder udp = FakeUdpResponder.builder().udpVersion(0).start(); DatagramSocket client = client()) {
            SynAckDatagram ack = SynAckDatagram.decode(Unpooled.wrappedBuffer(exchange(client, udp.address(),
                    syn(1, SynDataExPayload.offer(2)))));
            assertThat(ack.synDataEx()).isNull();
        }
    }

    @Test
    void answerAfterIgnoresTheFirstSyns() throws Exception {
        try (FakeUdpResponder udp = FakeUdpResponder.builder().answerAfter(2).start(); DatagramSocket client = client()) {
            byte[] first = syn(7, null);
            client.send(new DatagramPacket(first, first.length, udp.address()));
            client.send(new DatagramPacket(first, first.length, udp.address()));
            assertThat(udp.awaitReceived(2, Duration.ofSeconds(3))).isTrue();
            assertThat(udp.answersSent()).isZero();
            byte[] reply = exchange(client, udp.address(), first);
            assertThat(SynAckDatagram.decode(Unpooled.wrappedBuffer(reply)).acknowledgedSequenceNumber()).isEqualTo(7);
            assertThat(udp.answersSent()).isEqualTo(1);
        }
    }

    @Test
    void nonSynDatagramsAreRecordedButNotAnswered() throws Exception {
        try (FakeUdpResponder udp = FakeUdpResponder.builder().start(); DatagramSocket client = client()) {
            client.setSoTimeout(200);
            byte[] junk = {1, 2, 3};
            client.send(new DatagramPacket(junk, junk.length, udp.address()));
            assertThat(udp.awaitReceived(1, Duration.ofSeconds(3))).isTrue();
            assertThat(udp.received().get(0).isSyn()).isFalse();
            assertThat(udp.received().get(0).bytes()).isEqualTo(junk);
            assertThatThrownBy(() -> client.receive(new DatagramPacket(new byte[10], 10)))
                    .isInstanceOf(SocketTimeoutException.class);
            assertThat(udp.answersSent()).isZero();
        }
    }

    @Test
    void garbageAnswersEveryDatagram() throws Exception {
        byte[] garbage = {(byte) 0xDE, (byte) 0xAD};
        try (FakeUdpResponder udp = FakeUdpResponder.builder().answerGarbage(garbage).start();
                DatagramSocket client = client()) {
            assertThat(exchange(client, udp.address(), new byte[] {9})).isEqualTo(garbage);
            assertThat(exchange(client, udp.address(), syn(1, null))).isEqualTo(garbage);
        }
    }

    @Test
    void bindsTheGivenPort() {
        int port = FakeUdpResponder.absentPort();
        try (FakeUdpResponder udp = FakeUdpResponder.builder().port(port).start()) {
            assertThat(udp.port()).isEqualTo(port);
            assertThat(udp.address().getAddress().isLoopbackAddress()).isTrue();
            assertThatThrownBy(() -> FakeUdpResponder.builder().port(port).start())
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining(String.valueOf(port));
        }
    }

    @Test
    void awaitReceivedTimesOutWithFalse() {
        try (FakeUdpResponder udp = FakeUdpResponder.builder().start()) {
            assertThat(udp.awaitReceived(1, Duration.ofMillis(50))).isFalse();
            assertThat(udp.awaitReceived(0, Duration.ZERO)).isTrue();
        }
    }

    @Test
    void builderRejectsNonsense() {
        assertThatThrownBy(() -> FakeUdpResponder.builder().mtus(1000, 1232)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> FakeUdpResponder.builder().port(70000)).hasMessageContaining("0..65535");
        assertThatThrownBy(() -> FakeUdpResponder.builder().answerAfter(-1)).isInstanceOf(IllegalArgumentException.class);
    }
}
