package dev.rdpprobe.testkit.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rdpprobe.core.internal.pdu.MalformedPduException;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
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
        ClientMcsPdu.SendDataRequest data = (ClientMcsPdu.SendDataRequest) mcs(sendDataRequest(1007, 1003, HEX.parseHex(CLIENT_SYNCHRONIZE)));
        assertThat(data.userId()).isEqualTo(1007);
        assertThat(data.channelId()).isEqualTo(1003);
        assertThat(ClientSharePdu.decode(data.userData())).isEqualTo(new ClientSharePdu.Data(0x000103EA, 31, -1));
        assertThat(ClientSharePdu.decode(HEX.parseHex(CONTROL_COOPERATE))).isEqualTo(new ClientSharePdu.Data(0x000103EA, 20, 4));
        assertThat(ClientSharePdu.decode(HEX.parseHex(FONT_LIST))).isEqualTo(new ClientSharePdu.Data(0x000103EA, 39, -1));
        assertThat(ClientSharePdu.decode(confirmActive())).isEqualTo(new ClientSharePdu.ConfirmActive(0x000103EA, 2));
        assertThat(ClientSharePdu.decode(HEX.parseHex("00800100000000000000"))).isEqualTo(new ClientSharePdu.FlowControl());
        assertThat(mcs("0300000902f0802180")).isEqualTo(new ClientMcsPdu.Disconnect(3));
        assertThat(mcs("0300000b06800000000000")).isEqualTo(new ClientMcsPdu.Disconnect(-1));
    }

    @Test
    void clientInfoGivesItsFlagsAndNeverItsStrings() {
        byte[] info = clientInfo(0x0409, 0x0000_017B);
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
            HEX.formatHex(sendDataRequest(1007, 1003, HEX.parseHex(CLIENT_SYNCHRONIZE)))}) {
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
            confirmActive()}) {
            for (int n = 0; n < whole.length; n++) {
                byte[] cut = Arrays.copyOf(whole, n);
                assertThatThrownBy(() -> ClientSharePdu.decode(cut)).as("share PDU cut to %d bytes", n)
                        .isInstanceOf(MalformedPduException.class).hasMessageContaining(ClientSharePdu.PDU);
            }
        }
        byte[] info = clientInfo(0x0409, 0x017B);
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

    /** The frames in a Send Data Request, as a client sends them. */
    static byte[] sendDataRequest(int user, int channel, byte[] userData) {
        int lengthSize = userData.length < 0x80 ? 1 : 2;
        int total = 7 + 6 + lengthSize + userData.length;
        byte[] out = new byte[total];
        byte[] head = HEX.parseHex(String.format("0300%04x02f08064%04x%04x70", total, user - 1001, channel));
        System.arraycopy(head, 0, out, 0, head.length);
        int at = head.length;
        if (lengthSize == 1) {
            out[at++] = (byte) userData.length;
        } else {
            out[at++] = (byte) (0x80 | (userData.length >> 8));
            out[at++] = (byte) userData.length;
        }
        System.arraycopy(userData, 0, out, at, userData.length);
        return out;
    }

    /** A Client Info PDU's user data: security header, TS_INFO_PACKET with Unicode strings, then two extra bytes. */
    static byte[] clientInfo(long codePage, long flags) {
        byte[] domain = "LAB".getBytes(StandardCharsets.UTF_16LE);
        byte[] user = "alice".getBytes(StandardCharsets.UTF_16LE);
        byte[] password = PASSWORD.getBytes(StandardCharsets.UTF_16LE);
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        out.writeBytes(HEX.parseHex("40000000"));
        out.writeBytes(le32(codePage));
        out.writeBytes(le32(flags));
        for (int len : new int[] {domain.length, user.length, password.length, 0, 0}) {
            out.write(len & 0xFF);
            out.write(len >> 8);
        }
        for (byte[] s : new byte[][] {domain, user, password, new byte[0], new byte[0]}) {
            out.writeBytes(s);
            out.writeBytes(new byte[2]);
        }
        out.writeBytes(new byte[] {2, 0}); // the start of an extended info packet (clientAddressFamily AF_INET)
        return out.toByteArray();
    }

    /** A Confirm Active for share 0x000103EA with two capability sets (General, Share). */
    static byte[] confirmActive() {
        String general = "01001800" + "0100" + "0300" + "0002" + "0000" + "0000" + "0d04" + "0000" + "0000" + "0000" + "00" + "00";
        String share = "09000800" + "00000000";
        String caps = "0200" + "0000" + general + share;
        int combined = caps.length() / 2;
        String body = "ea030100" + "ea03" + "0600" + String.format("%02x%02x", combined & 0xFF, combined >> 8) + "4d5354534300" + caps;
        int total = 6 + body.length() / 2;
        return HEX.parseHex(String.format("%02x%02x", total & 0xFF, total >> 8) + "1300ef03" + body);
    }

    private static byte[] le32(long v) {
        return new byte[] {(byte) v, (byte) (v >> 8), (byte) (v >> 16), (byte) (v >> 24)};
    }

    private static ClientMcsPdu mcs(String hex) {
        return mcs(HEX.parseHex(hex));
    }

    private static ClientMcsPdu mcs(byte[] bytes) {
        return ClientMcsPdu.decode(Unpooled.wrappedBuffer(bytes));
    }
}
