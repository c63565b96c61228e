package dev.rdpprobe.testkit.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rdpprobe.core.internal.pdu.MalformedPduException;
import io.netty.buffer.Unpooled;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/**
 * The fake server's readers of client PDUs after the Connect Response decode [MS-RDPBCGR]'s examples (Erect Domain
 * 4.1.5, Attach User 4.1.6, Channel Join 4.1.8, Client Synchronize, Control and Font List 4.1.14 to 4.1.18) and refuse
 * every truncation with a {@link MalformedPduException} that names the PDU.
 */
class ClientActivationReadersTest {

    private static final HexFormat HEX = HexFormat.of();
    static final String ERECT_DOMAIN = "0300000c02f0800401000100";
    static final String ATTACH_USER = "0300000802f08028";
    static final String CHANNEL_JOIN = "0300000c02f080380006 03ef".replace(" ", "");
    static final String CLIENT_SYNCHRONIZE = "16001700ef03ea030100000108001f0000000100ea03";
    static final String CONTROL_COOPERATE = "1a001700ef03ea03010000010c00140000000400000000000000";
    static final String FONT_LIST = "1a001700ef03ea03010000010c00270000000000000003003200";
    /** A secret that must never come out of the Client Info reader. */
    static final String PASSWORD = "Pa55-w0rd-in-the-clear";

    @Test
    void theExamplesDecode() {
        assertThat(mcs(ERECT_DOMAIN)).isEqualTo(new ClientMcsPdu.ErectDomainRequest(0, 0));
        assertThat(mcs(ATTACH_USER)).isEqualTo(new ClientMcsPdu.AttachUserRequest());
        assertThat(mcs(CHANNEL_JOIN)).isEqualTo(new ClientMcsPdu.ChannelJoinRequest(1007, 1007));
        ClientMcsPdu.SendDataRequest data = (ClientMcsPdu.SendDataRequest) mcs(ClientFrames.sendDataRequest(1007, 1003, HEX.parseHex(CLIENT_SYNCHRONIZE)));
        assertThat(data.userId()).isEqualTo(1007);
        assertThat(data.channelId()).isEqualTo(1003);
        assertThat(ClientSharePdu.decode(data.userData())).isEqualTo(new ClientSharePdu.Data(0x000103EA, 31, -1));
        assertThat(ClientSharePdu.decode(HEX.parseHex(CONTROL_COOPERATE))).isEqualTo(new ClientSharePdu.Data(0x000103EA, 20, 4));
        assertThat(ClientSharePdu.decode(HEX.parseHex(FONT_LIST))).isEqualTo(new ClientSharePdu.Data(0x000103EA, 39, -1));
        assertThat(ClientSharePdu.decode(ClientFrames.confirmActive())).isEqualTo(new ClientSharePdu.ConfirmActive(0x000103EA, 2));
        assertThat(ClientSharePdu.decode(HEX.parseHex("00800100000000000000"))).isEqualTo(new ClientSharePdu.FlowControl());
        assertThat(mcs("0300000902f0802180")).isEqualTo(new ClientMcsPdu.Disconnect(3));
        assertThat(mcs("0300000b06800000000000")).isEqualTo(new ClientMcsPdu.Disconnect(-1));
    }

    @Test
    void clientInfoGivesItsFlagsAndNeverItsStrings() {
        byte[] info = ClientFrames.clientInfo(0x0409, 0x0000_017B, PASSWORD);
        ClientInfoFacts facts = ClientInfoFacts.decode(info);
        assertThat(facts).isEqualTo(new ClientInfoFacts(0x0409, 0x017B));
        assertThat(facts.toString()).doesNotContain(PASSWORD).doesNotContain("alice");
        byte[] encrypted = info.clone();
        encrypted[0] |= 0x08;
        assertThatThrownBy(() -> ClientInfoFacts.decode(encrypted)).isInstanceOf(MalformedPduException.class)
                .hasMessageContaining("SEC_ENCRYPT");
        byte[] notInfo = info.clone();
        notInfo[0] = 0;
        assertThatThrownBy(() -> ClientInfoFacts.decode(notInfo)).hasMessageContaining("SEC_INFO_PKT");
        byte[] overlong = info.clone();
        overlong[4 + 8 + 4] = (byte) 0xFF; // cbPassword: 0xFFxx bytes that are not there
        overlong[4 + 8 + 5] = (byte) 0xFF;
        assertThatThrownBy(() -> ClientInfoFacts.decode(overlong)).isInstanceOf(MalformedPduException.class)
                .hasMessageContaining("Client Info PDU").hasMessageNotContaining(PASSWORD);
    }

    @Test
    void everyTruncationIsMalformed() {
        for (String frame : new String[] {ERECT_DOMAIN, ATTACH_USER, CHANNEL_JOIN,
            HEX.formatHex(ClientFrames.sendDataRequest(1007, 1003, HEX.parseHex(CLIENT_SYNCHRONIZE)))}) {
            byte[] whole = HEX.parseHex(frame);
            for (int n = 0; n < whole.length; n++) {
                byte[] cut = Arrays.copyOf(whole, n);
                assertThatThrownBy(() -> mcs(cut)).as("%s cut to %d bytes", frame, n).isInstanceOf(MalformedPduException.class);
                if (n >= 7) { // the TPKT length says the shorter frame: the MCS fields themselves run out
                    byte[] relabelled = cut.clone();
                    relabelled[2] = (byte) (n >> 8);
                    relabelled[3] = (byte) n;
                    assertThatThrownBy(() -> mcs(relabelled)).as("%s relabelled to %d bytes", frame, n)
                            .isInstanceOf(MalformedPduException.class).hasMessageContaining(ClientMcsPdu.PDU);
                }
            }
        }
        for (byte[] whole : new byte[][] {HEX.parseHex(CLIENT_SYNCHRONIZE), HEX.parseHex(CONTROL_COOPERATE), HEX.parseHex(FONT_LIST),
            ClientFrames.confirmActive()}) {
            for (int n = 0; n < whole.length; n++) {
                byte[] cut = Arrays.copyOf(whole, n);
                assertThatThrownBy(() -> ClientSharePdu.decode(cut)).as("share PDU cut to %d bytes", n)
                        .isInstanceOf(MalformedPduException.class).hasMessageContaining(ClientSharePdu.PDU);
            }
        }
        byte[] info = ClientFrames.clientInfo(0x0409, 0x017B, PASSWORD);
        int mandatory = info.length - 2; // the last two bytes are an extended info stub, not read
        for (int n = 0; n < mandatory; n++) {
            byte[] cut = Arrays.copyOf(info, n);
            assertThatThrownBy(() -> ClientInfoFacts.decode(cut)).as("Client Info cut to %d bytes", n)
                    .isInstanceOf(MalformedPduException.class).hasMessageContaining(ClientInfoFacts.PDU)
                    .hasMessageNotContaining(PASSWORD);
        }
    }

    @Test
    void unexpectedOrLyingFieldsAreMalformed() {
        assertThatThrownBy(() -> mcs("0300000902f0803c00")).hasMessageContaining("DomainMCSPDU choice");
        assertThatThrownBy(() -> mcs("0300000b02f0800405000000")).isInstanceOf(MalformedPduException.class); // TPKT says 11, 12 sent
        assertThatThrownBy(() -> mcs("0300000c02f0800405000000")).hasMessageContaining("subHeight");
        assertThatThrownBy(() -> mcs("0300000e02f080640006 03eb70ff00".replace(" ", ""))).hasMessageContaining("fragmented");
        assertThatThrownBy(() -> mcs("0300000e02f080640006 03eb700500".replace(" ", ""))).hasMessageContaining("runs past");
        assertThatThrownBy(() -> mcs("0300000802d08028")).hasMessageContaining("X.224");
        assertThatThrownBy(() -> ClientSharePdu.decode(HEX.parseHex("ff001700ef03"))).hasMessageContaining("totalLength");
    }

    private static ClientMcsPdu mcs(String hex) {
        return mcs(HEX.parseHex(hex));
    }

    private static ClientMcsPdu mcs(byte[] bytes) {
        return ClientMcsPdu.decode(Unpooled.wrappedBuffer(bytes));
    }
}
