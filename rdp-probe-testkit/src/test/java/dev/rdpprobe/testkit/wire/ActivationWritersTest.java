package dev.rdpprobe.testkit.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rdpprobe.core.internal.pdu.PduCursor;
import dev.rdpprobe.core.internal.pdu.mcs.ConnectResponse;
import dev.rdpprobe.core.internal.pdu.mcs.ServerDataBlocks;
import dev.rdpprobe.core.internal.pdu.mcs.ServerMcsPdu;
import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The server-side writers of the sequence after the MCS Connect Response write the bytes of [MS-RDPBCGR]'s annotated
 * examples: Attach User Confirm (4.1.7), Channel Join Confirm (4.1.9), the License Error PDU (4.1.12), Granted Control
 * (4.1.21), Font Map (4.1.22), and SC_NET with the client's channels (4.1.4).
 */
class ActivationWritersTest {

    private static final HexFormat HEX = HexFormat.of();

    @Test
    void attachUserConfirmIsTheExample() {
        assertThat(hex(McsDomainWriters.attachUserConfirm(0, 1007))).isEqualTo("0300000b02f0802e000006");
    }

    @Test
    void channelJoinConfirmIsTheExample() {
        assertThat(hex(McsDomainWriters.channelJoinConfirm(0, 1007, 1007, 1007))).isEqualTo("0300000f02f0803e00000603ef03ef");
        assertThat(hex(McsDomainWriters.channelJoinConfirm(3, 1007, 1009, 1009))).as("rt-no-such-channel").isEqualTo("0300000f02f0803e30000603f103f1");
    }

    @Test
    void theLicenseErrorPduIsTheExample() {
        String userData = "80000000" + "ff031000" + "07000000" + "02000000" + "04000000";
        assertThat(hex(LicensingWriters.validClient())).isEqualTo(userData);
        assertThat(hex(McsDomainWriters.sendDataIndication(1002, 1003, LicensingWriters.validClient())))
                .isEqualTo("0300002202f08068000103eb7014" + userData);
    }

    @Test
    void aLongSendDataIndicationHasATwoByteLength() {
        byte[] pdu = McsDomainWriters.sendDataIndication(1002, 1003, new byte[300]);
        assertThat(pdu).hasSize(15 + 300);
        assertThat(hex(java.util.Arrays.copyOf(pdu, 15))).isEqualTo("0300013b02f08068000103eb70812c");
    }

    @Test
    void grantedControlAndFontMapAreTheExamples() {
        assertThat(hex(SharePduWriters.dataPdu(0x000103EA, 1002, SharePduWriters.PDUTYPE2_CONTROL,
                SharePduWriters.control(SharePduWriters.CTRLACTION_GRANTED_CONTROL, 1007, 1002))))
                .isEqualTo("1a001700ea03" + "ea030100" + "00020c00" + "14000000" + "0200ef03ea030000");
        assertThat(hex(SharePduWriters.dataPdu(0x000103EA, 1002, SharePduWriters.PDUTYPE2_FONTMAP, SharePduWriters.fontMap())))
                .isEqualTo("1a001700ea03" + "ea030100" + "00020c00" + "28000000" + "0000000003000400");
        assertThat(hex(SharePduWriters.synchronize(1007))).isEqualTo("0100ef03");
        assertThat(hex(SharePduWriters.control(SharePduWriters.CTRLACTION_COOPERATE, 0, 0))).isEqualTo("0400000000000000");
    }

    @Test
    void theDemandActiveCarriesEverySetWithItsDeclaredLength() {
        ServerCapabilitySets.Combined sets = ServerCapabilitySets.windowsLike(1024, 768, 16);
        byte[] pdu = SharePduWriters.demandActive(0x000103EA, 1002, sets, 1);
        PduCursor r = PduCursor.over("Demand Active", pdu);
        assertThat(r.u16le("totalLength")).isEqualTo(pdu.length);
        assertThat(r.u16le("pduType")).isEqualTo(0x11);
        assertThat(r.u16le("pduSource")).isEqualTo(1002);
        assertThat(r.u32le("shareId")).isEqualTo(0x000103EAL);
        assertThat(r.u16le("lengthSourceDescriptor")).isEqualTo(4);
        int combined = r.u16le("lengthCombinedCapabilities");
        assertThat(new String(r.bytes(4, "sourceDescriptor"), java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("RDP\0");
        assertThat(combined).isEqualTo(pdu.length - 6 - 8 - 4 - 4);
        PduCursor caps = r.window(combined, "caps");
        int count = caps.u16le("numberCapabilities");
        caps.skip(2, "pad");
        List<Integer> types = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            types.add(caps.u16le("type"));
            int length = caps.u16le("length");
            caps.skip(length - 4, "set");
        }
        caps.expectEnd("caps");
        assertThat(types).containsExactly(1, 2, 3, 8, 13, 20, 9, 14, 26);
        assertThat(r.u32le("sessionId")).isEqualTo(1);
        r.expectEnd("Demand Active");
        byte[] bitmap = java.util.Arrays.copyOfRange(sets.bytes(), 24, 24 + 28);
        assertThat(hex(bitmap)).as("Bitmap: 16 bpp, 1024 x 768, resizable").startsWith("02001c00" + "1000" + "010001000100" + "00040003");
        String all = hex(sets.bytes());
        assertThat(all).as("Share: the server's node id 1002").contains("09000800ea030000");
        assertThat(all).as("Font: FONTSUPPORT_FONTLIST").contains("0e00080001000000");
        assertThat(all).as("Virtual Channel: no compression, 1600-byte chunks").contains("14000c000000000040060000");
        assertThat(all).as("Input: scancodes, extended mouse, Unicode, no fast-path").contains("0d0058001500");
    }

    @Test
    void theConnectResponseGivesEveryStaticChannelAnIdThenTheMessageChannel() {
        byte[] response = McsWriters.connectResponse(0, new McsWriters.ServerBlocks(0x00080004L, 0, 0, 0, null, null, null,
                McsWriters.staticChannelIds(3), 1007));
        assertThat(hex(response)).contains("030c1000eb030300ec03ed03ee030000");
        ConnectResponse decoded = (ConnectResponse) ServerMcsPdu.decode(Unpooled.wrappedBuffer(response));
        assertThat(decoded.blocks().network()).isEqualTo(new ServerDataBlocks.Network(1003, List.of(1004, 1005, 1006)));
        assertThat(decoded.blocks().messageChannel()).isEqualTo(1007);
        byte[] two = McsWriters.connectResponse(0, new McsWriters.ServerBlocks(0x00080004L, 0, 0, 0, null, null, null,
                McsWriters.staticChannelIds(2), 1006));
        assertThat(hex(two)).as("an even count has no padding").contains("030c0c00eb030200ec03ed03");
    }

    @Test
    void outOfRangeValuesAreRefused() {
        assertThatThrownBy(() -> McsDomainWriters.attachUserConfirm(16, 1007)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> McsDomainWriters.attachUserConfirm(0, 1000)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> McsDomainWriters.channelJoinConfirm(0, 1007, 70000, 1003)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> McsDomainWriters.sendDataIndication(1002, 1003, new byte[McsDomainWriters.MAX_USER_DATA + 1]))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ServerCapabilitySets.windowsLike(1024, 768, 12)).isInstanceOf(IllegalArgumentException.class);
    }

    private static String hex(byte[] b) {
        return HEX.formatHex(b);
    }
}
