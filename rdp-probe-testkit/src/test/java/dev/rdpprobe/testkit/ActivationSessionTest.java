package dev.rdpprobe.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rdpprobe.testkit.wire.ClientFrames;
import io.netty.buffer.Unpooled;
import java.net.InetSocketAddress;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The sans-I/O server side of the sequence after the Connect Response: what it answers out of order, to an unknown
 * channel, and to any mutation of a client's frames (an answer or a close, never an exception).
 */
class ActivationSessionTest {

    private static final HexFormat HEX = HexFormat.of();

    @Test
    void aJoinBeforeTheAttachIsAnErrorAndAnUnknownChannelIsRefusedByResult() {
        RecordedConnection record = record();
        ActivationSession session = new ActivationSession(ActivationStep.serve(), 0, record);
        ActivationSession.Reply early = session.onFrame(frame("0300000c02f08038000603eb"));
        assertThat(early.close()).isTrue();
        assertThat(record.activationError()).hasValueSatisfying(e -> assertThat(e).contains("before an Attach User Request"));

        RecordedConnection second = record();
        ActivationSession s = new ActivationSession(ActivationStep.serve(), 0, second);
        assertThat(s.userId()).as("no static channel: message channel 1004, user 1005").isEqualTo(1005);
        assertThat(HEX.formatHex(s.onFrame(frame("0300000802f08028")).out().get(0))).isEqualTo("0300000b02f0802e000004");
        ActivationSession.Reply unknown = s.onFrame(frame("0300000c02f08038000407d0")); // channel 2000
        assertThat(HEX.formatHex(unknown.out().get(0))).as("rt-no-such-channel").isEqualTo("0300000f02f0803e30000407d007d0");
        assertThat(second.joinedChannels()).isEmpty();
        assertThat(second.activationPhase()).contains(ActivationPhase.CHANNEL_JOIN);
    }

    @Test
    void virtualChannelDataAndUnknownDataPdusAreHeldWithoutAnswer() {
        RecordedConnection record = record();
        ActivationSession s = new ActivationSession(ActivationStep.serve(), 1, record);
        s.onFrame(frame("0300000802f08028"));
        assertThat(s.onFrame(Unpooled.wrappedBuffer(ClientFrames.sendDataRequest(1006, 1004, new byte[] {1, 2, 3}))).out()).isEmpty();
        s.onFrame(Unpooled.wrappedBuffer(ClientFrames.sendDataRequest(1006, 1003, ClientFrames.clientInfo(0x0409, 0x17B, "pw"))));
        byte[] input = HEX.parseHex("16001700ee03" + "ea030100" + "0001" + "0800" + "1c00" + "0000" + "00000000"); // an Input PDU, no event
        assertThat(s.onFrame(Unpooled.wrappedBuffer(ClientFrames.sendDataRequest(1006, 1003, input))).out()).isEmpty();
        assertThat(record.activationError()).isEmpty();
    }

    @Test
    void everyMutationOfTheClientsFramesGetsAnAnswerOrACloseNeverAnException() {
        List<byte[]> frames = List.of(HEX.parseHex("0300000c02f0800401000100"), HEX.parseHex("0300000802f08028"),
                HEX.parseHex("0300000c02f08038000603ef"),
                ClientFrames.sendDataRequest(1007, 1003, ClientFrames.clientInfo(0x0409, 0x17B, "pw")),
                ClientFrames.sendDataRequest(1007, 1003, ClientFrames.confirmActive()),
                ClientFrames.sendDataRequest(1007, 1003, HEX.parseHex("1a001700ef03ea03010000010c00270000000000000003003200")));
        Random random = new Random(18);
        int closed = 0;
        for (int round = 0; round < 5000; round++) {
            ActivationSession s = new ActivationSession(ActivationStep.serve(), 2, record());
            for (byte[] f : frames) {
                byte[] m = f.clone();
                if (random.nextInt(3) == 0) {
                    for (int i = 0; i < 1 + random.nextInt(3); i++) {
                        m[4 + random.nextInt(m.length - 4)] = (byte) random.nextInt(256);
                    }
                }
                ActivationSession.Reply reply = s.onFrame(Unpooled.wrappedBuffer(m));
                if (reply.close()) {
                    closed++;
                    break;
                }
            }
        }
        assertThat(closed).as("some mutations are refused").isPositive();
    }

    private static RecordedConnection record() {
        return new RecordedConnection(new InetSocketAddress("127.0.0.1", 0));
    }

    private static io.netty.buffer.ByteBuf frame(String hex) {
        return Unpooled.wrappedBuffer(HEX.parseHex(hex));
    }
}
