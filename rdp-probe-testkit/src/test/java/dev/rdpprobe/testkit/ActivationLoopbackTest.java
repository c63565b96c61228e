package dev.rdpprobe.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rdpprobe.core.internal.pdu.mcs.ConnectResponse;
import dev.rdpprobe.core.internal.pdu.mcs.ServerDataBlocks;
import dev.rdpprobe.core.internal.pdu.mcs.ServerMcsPdu;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import dev.rdpprobe.testkit.wire.ClientFrames;
import org.junit.jupiter.api.Test;

/**
 * The fake server serves the whole connection sequence to a scripted client over loopback — after NLA with the right
 * password and delegated credentials, or after TLS alone — with the frames of [MS-RDPBCGR]'s examples, and records
 * that the connection became active; a wrong password, a silent scenario or a hostile PDU gets no further.
 */
class ActivationLoopbackTest {

    private static final HexFormat HEX = HexFormat.of();
    private static final int HYBRID_EX = 0x08;
    private static final String PASSWORD = Scenario.DEMO_PASSWORD;

    @Test
    void afterNlaWithTheRightPasswordTheConnectionBecomesActive() throws Exception {
        Scenario scenario = Scenario.named("nla-credentials");
        try (FakeRdpServer server = FakeRdpServer.start(scenario)) {
            try (ScriptedRdpClient client = new ScriptedRdpClient(server)) {
                assertThat(client.connectionRequest(0x0B)).isEqualTo(HYBRID_EX);
                client.startTls();
                assertThat(client.nla(Scenario.DEMO_USER, PASSWORD, certificate(scenario))).isTrue();
                assertThat(client.read(4)).as("HYBRID_EX: the Early User Authorization Result, AUTHZ_SUCCESS").containsExactly(0, 0, 0, 0);
                serveToActivation(client, HYBRID_EX);
            }
            RecordedConnection c = server.takeConnection(Duration.ofSeconds(5)).orElseThrow();
            assertThat(c.authInfoReceived()).isTrue();
            assertActivated(c);
        }
    }

    @Test
    void afterTlsAloneTheConnectionBecomesActive() throws Exception {
        try (FakeRdpServer server = FakeRdpServer.start(Scenario.healthyTlsOnly())) {
            try (ScriptedRdpClient client = new ScriptedRdpClient(server)) {
                assertThat(client.connectionRequest(0x01)).isEqualTo(0x01);
                client.startTls();
                serveToActivation(client, 0x01);
            }
            assertActivated(server.takeConnection(Duration.ofSeconds(5)).orElseThrow());
        }
    }

    @Test
    void aWrongPasswordGetsNoMcs() throws Exception {
        Scenario scenario = Scenario.named("nla-credentials");
        try (FakeRdpServer server = FakeRdpServer.start(scenario)) {
            try (ScriptedRdpClient client = new ScriptedRdpClient(server)) {
                client.connectionRequest(0x0B);
                client.startTls();
                assertThat(client.nla(Scenario.DEMO_USER, "not-" + PASSWORD, certificate(scenario))).isFalse();
            }
            RecordedConnection c = server.takeConnection(Duration.ofSeconds(5)).orElseThrow();
            assertThat(c.connectInitial()).isEmpty();
            assertThat(c.activationPhase()).isEmpty();
            assertThat(c.activated()).isFalse();
        }
    }

    @Test
    void withoutAnActivationStepTheServerIsSilentAfterTheConnectResponse() throws Exception {
        try (FakeRdpServer server = FakeRdpServer.start(Scenario.healthyTlsOnly().withActivation(null))) {
            try (ScriptedRdpClient client = new ScriptedRdpClient(server)) {
                client.connectionRequest(0x01);
                client.startTls();
                client.connectInitial(0x01, List.of());
                client.readTpkt();
                client.sendHex("0300000c02f0800401000100");
                client.sendHex("0300000802f08028");
                client.sendHex("0300000802f08028"); // anything: nothing is read after the Connect Initial
            }
            RecordedConnection c = server.takeConnection(Duration.ofSeconds(5)).orElseThrow();
            assertThat(c.activationPhase()).isEmpty();
        }
    }

    @Test
    void aHostilePduClosesTheConnectionAndIsRecorded() throws Exception {
        try (FakeRdpServer server = FakeRdpServer.start(Scenario.healthyTlsOnly())) {
            try (ScriptedRdpClient client = new ScriptedRdpClient(server)) {
                client.connectionRequest(0x01);
                client.startTls();
                client.connectInitial(0x01, List.of());
                client.readTpkt();
                client.sendHex("0300000802f08028");
                client.readTpkt();
                client.sendHex("0300000e02f080640006 03eb70ff00".replace(" ", "")); // a fragmented PER length
                assertThat(client.closedByServer()).isTrue();
            }
            RecordedConnection c = server.takeConnection(Duration.ofSeconds(5)).orElseThrow();
            assertThat(c.activationError()).hasValueSatisfying(e -> assertThat(e).contains("fragmented"));
            assertThat(c.activated()).isFalse();
        }
    }

    @Test
    void anActStepPerformsItsEffectWhenTheClientInfoArrives() throws Exception {
        try (FakeRdpServer server = FakeRdpServer.start(Scenario.healthyTlsOnly()
                .withActivation(ActivationStep.acting(ActivationPhase.CLIENT_INFO, ConnectionEffect.close())))) {
            try (ScriptedRdpClient client = new ScriptedRdpClient(server)) {
                client.connectionRequest(0x01);
                client.startTls();
                client.connectInitial(0x01, List.of());
                client.readTpkt();
                client.sendHex("0300000802f08028");
                int user = 1001 + (client.readTpkt()[10] & 0xFF);
                client.send(sendDataRequest(user, 1003, clientInfo()));
                assertThat(client.closedByServer()).as("closed instead of licensing").isTrue();
            }
            RecordedConnection c = server.takeConnection(Duration.ofSeconds(5)).orElseThrow();
            assertThat(c.activationPhase()).contains(ActivationPhase.CLIENT_INFO);
            assertThat(c.clientInfo()).isPresent();
        }
    }

    /** From the Connect Initial (two static channels) to the Font Map, then a Shutdown Request denied and a disconnect. */
    private static void serveToActivation(ScriptedRdpClient client, int selectedProtocol) throws Exception {
        client.connectInitial(selectedProtocol, List.of("rdpsnd", "cliprdr"));
        ConnectResponse response = (ConnectResponse) ServerMcsPdu.decode(Unpooled.wrappedBuffer(client.readTpkt()));
        assertThat(response.blocks().network()).isEqualTo(new ServerDataBlocks.Network(1003, List.of(1004, 1005)));
        assertThat(response.blocks().messageChannel()).isEqualTo(1006);
        assertThat(response.blocks().security().encryptionMethod()).isZero();

        client.sendHex("0300000c02f0800401000100"); // Erect Domain Request (4.1.5)
        client.sendHex("0300000802f08028"); // Attach User Request (4.1.6)
        assertThat(client.readTpktHex()).as("Attach User Confirm, user 1007").isEqualTo("0300000b02f0802e000006");
        for (int channel : new int[] {1007, 1003, 1006, 1004, 1005}) {
            client.sendHex(String.format("0300000c02f08038%04x%04x", 6, channel)); // Channel Join Request (4.1.8)
            assertThat(client.readTpktHex()).isEqualTo(String.format("0300000f02f0803e000006%04x%04x", channel, channel));
        }
        client.send(sendDataRequest(1007, 1003, clientInfo()));
        assertThat(client.readTpktHex()).as("License Error PDU, valid client (4.1.12)")
                .isEqualTo("0300002202f08068000103eb7014" + "80000000ff031000070000000200000004000000");
        byte[] demand = client.readTpkt();
        assertThat(HEX.formatHex(demand, 15, 21)).as("a Demand Active from 1002").endsWith("1100ea03");
        client.send(sendDataRequest(1007, 1003, HEX.parseHex(confirmActive())));
        client.send(sendDataRequest(1007, 1003, HEX.parseHex("16001700ef03ea030100000108001f0000000100ea03"))); // Synchronize
        client.send(sendDataRequest(1007, 1003, HEX.parseHex("1a001700ef03ea03010000010c00140000000400000000000000"))); // Cooperate
        client.send(sendDataRequest(1007, 1003, HEX.parseHex("1a001700ef03ea03010000010c00140000000100000000000000"))); // Request
        client.send(sendDataRequest(1007, 1003, HEX.parseHex("1a001700ef03ea03010000010c00270000000000000003003200"))); // Font List
        assertThat(userData(client.readTpkt())).as("Synchronize").isEqualTo("16001700ea03ea030100000208001f0000000100ef03");
        assertThat(userData(client.readTpkt())).as("Control Cooperate").isEqualTo("1a001700ea03ea03010000020c00140000000400000000000000");
        assertThat(userData(client.readTpkt())).as("Granted Control (4.1.21)").isEqualTo("1a001700ea03ea03010000020c00140000000200ef03ea030000");
        assertThat(userData(client.readTpkt())).as("Font Map (4.1.22)").isEqualTo("1a001700ea03ea03010000020c00280000000000000003000400");
        client.send(sendDataRequest(1007, 1003, HEX.parseHex("12001700ef03ea0301000001040024000000"))); // Shutdown Request
        assertThat(userData(client.readTpkt())).as("Shutdown Denied").isEqualTo("12001700ea03ea0301000002040025000000");
        client.sendHex("0300000902f0802180"); // Disconnect Provider Ultimatum, rn-user-requested
        assertThat(client.closedByServer()).isTrue();
    }

    private static void assertActivated(RecordedConnection c) {
        assertThat(c.activated()).as(c.toString()).isTrue();
        assertThat(c.activationPhase()).contains(ActivationPhase.ACTIVE);
        assertThat(c.activationError()).isEmpty();
        assertThat(c.joinedChannels()).containsExactly(1007, 1003, 1006, 1004, 1005);
        assertThat(c.clientInfo()).contains(new ClientInfo(0x0409, 0x017B));
        assertThat(c.clientInfo().orElseThrow().autoLogon()).isTrue();
        byte[] secret = "client-info-secret".getBytes(StandardCharsets.UTF_16LE);
        List<byte[]> kept = new java.util.ArrayList<>(c.plaintextAfterX224());
        kept.addAll(c.laterTsRequests());
        for (byte[] b : kept) {
            assertThat(HEX.formatHex(b)).as("the Client Info password is kept nowhere").doesNotContain(HEX.formatHex(secret));
        }
        assertThat(c.toString()).doesNotContain("client-info-secret");
    }

    private static String userData(byte[] sendDataIndication) {
        int lengthAt = 13;
        int offset = (sendDataIndication[lengthAt] & 0x80) == 0 ? 14 : 15;
        return HEX.formatHex(sendDataIndication, offset, sendDataIndication.length);
    }

    private static byte[] certificate(Scenario scenario) {
        return ((TlsStep.Handshake) scenario.tls()).certificate().der();
    }

    private static byte[] sendDataRequest(int user, int channel, byte[] userData) {
        return ClientFrames.sendDataRequest(user, channel, userData);
    }

    private static byte[] clientInfo() {
        return ClientFrames.clientInfo(0x0409, 0x017B, "client-info-secret");
    }

    private static String confirmActive() {
        return HEX.formatHex(ClientFrames.confirmActive());
    }
}
