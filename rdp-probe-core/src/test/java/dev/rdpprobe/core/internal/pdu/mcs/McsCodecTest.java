package dev.rdpprobe.core.internal.pdu.mcs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rdpprobe.core.Hex;
import dev.rdpprobe.core.internal.pdu.MalformedPduException;
import dev.rdpprobe.core.internal.pdu.PduBytes;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Golden vectors and malformed inputs of the MCS Connect codecs. */
class McsCodecTest {

    @Test
    void connectInitialWithNmapsValuesIsByteForByteVectorE1() {
        ClientCoreData core = new ClientCoreData(0x00080004, 1280, 800, 0xCA01, 0xAA03, 0x409, 2600, "EMP-LAP-0014", 4, 0,
                12, 0xCA01, 1, 0, 24, 7, 1, "", 0, 1);
        ClientDataBlocks blocks = new ClientDataBlocks(core, new ClientDataBlocks.Cluster(9, 0),
                new ClientDataBlocks.Security(0, 0), new ClientDataBlocks.Network(List.of(
                        new ClientDataBlocks.Channel("rdpdr", 0x80800000), new ClientDataBlocks.Channel("cliprdr", 0xC0A00000),
                        new ClientDataBlocks.Channel("rdpsnd", 0xC0000000))), null);
        ConnectInitial ci = new ConnectInitial(blocks);

        byte[] encoded = PduBytes.encode(ci.encodedLength(), ci::encode);

        assertThat(Hex.hex(encoded)).isEqualTo(Hex.hex(Hex.bytes(McsVectors.CONNECT_INITIAL_E1)));
        assertThat(ConnectInitial.decode(Hex.buf(McsVectors.CONNECT_INITIAL_E1))).isEqualTo(ci);
    }

    @Test
    void theProbesConnectInitialDecodesBackToItself() {
        ConnectInitial ci = new ConnectInitial(ClientDataBlocks.forProbe(1, 0));
        byte[] encoded = PduBytes.encode(ci.encodedLength(), ci::encode);
        assertThat(ConnectInitial.decode(io.netty.buffer.Unpooled.wrappedBuffer(encoded))).isEqualTo(ci);
        assertThat(ci.blocks().core().serverSelectedProtocol()).isEqualTo(1);
        assertThat(ci.encodedLength()).isEqualTo(388);
    }

    @Test
    void probesConnectInitialEchoesTheProtocolAndOffersTheMethods() {
        ConnectInitial ci = new ConnectInitial(ClientDataBlocks.forProbe(0, EncryptionMethods.ALL));
        byte[] encoded = PduBytes.encode(ci.encodedLength(), ci::encode);
        // the same framing as E1 up to the blocks: TPKT, DT, 7F 65, domain selectors and parameters, "Duca"
        byte[] e1 = Hex.bytes(McsVectors.CONNECT_INITIAL_E1);
        assertThat(Hex.hex(java.util.Arrays.copyOfRange(encoded, 12, 0x69)))
                .isEqualTo(Hex.hex(java.util.Arrays.copyOfRange(e1, 12, 0x69)));
        String hex = Hex.hex(encoded);
        assertThat(hex).contains("02c00c001b00000000000000"); // CS_SECURITY offering 0x1B
        assertThat(hex).contains("03c008000000000"); // CS_NET, no channel
        assertThat(hex).endsWith("0ac0080005030000"); // CS_MULTITRANSPORT 0x305
        assertThat(encoded.length).isEqualTo(ci.encodedLength());
    }

    @Test
    void connectResponseOfMsRdpbcgr414() {
        ServerMcsPdu pdu = ServerMcsPdu.decode(Hex.buf(McsVectors.CONNECT_RESPONSE_4_1_4));

        ConnectResponse rsp = (ConnectResponse) pdu;
        assertThat(rsp.result()).isEqualTo(McsResult.SUCCESSFUL);
        assertThat(rsp.result().name()).isEqualTo("rt-successful");
        assertThat(rsp.gccResultName()).isEqualTo("success");
        assertThat(rsp.domainParameters().maxMcsPduSize()).isEqualTo(0xFFF8);
        ServerDataBlocks b = rsp.blocks();
        assertThat(b.core()).isEqualTo(new ServerDataBlocks.Core(0x00080004, 0L, null));
        assertThat(b.network()).isEqualTo(new ServerDataBlocks.Network(1003, List.of(1004, 1005, 1006)));
        assertThat(b.security().encryptionMethod()).isEqualTo(EncryptionMethods.BIT_128);
        assertThat(b.security().encryptionLevel()).isEqualTo(2);
        assertThat(b.security().serverRandom()).hasSize(32).startsWith((byte) 0x10, (byte) 0x11, (byte) 0x77);
        assertThat(b.security().certificate()).isEqualTo(new ServerCertificate.Proprietary(false, 512, 65537, 72));
        assertThat(b.messageChannel()).isNull();
        assertThat(b.multitransportFlags()).isNull();
        assertThat(b.unknown()).isEmpty();
    }

    @Test
    void disconnectProviderUltimatumNamesItsReason() {
        ServerMcsPdu pdu = ServerMcsPdu.decode(Hex.buf(McsVectors.DISCONNECT_PROVIDER_ULTIMATUM));
        assertThat(pdu).isEqualTo(new ServerMcsPdu.DisconnectProviderUltimatum(3));
        assertThat(pdu.describe()).isEqualTo("MCS Disconnect Provider Ultimatum (rn-user-requested)");
    }

    @Test
    void optionalBlocksAndUnknownBlocksAreRead() {
        String blocks = "01 0c 10 00 0c 00 08 00 0b 00 00 00 01 00 00 00" // SC_CORE 10.8, requested 0xB, flags 1
                + " 02 0c 0c 00 00 00 00 00 00 00 00 00" // SC_SECURITY none/none (TLS)
                + " 03 0c 08 00 eb 03 00 00" // SC_NET no channel
                + " 04 0c 06 00 ef 03" // SC_MCS_MSGCHANNEL 1007
                + " 08 0c 08 00 05 03 00 00" // SC_MULTITRANSPORT 0x305
                + " 99 0c 06 00 aa bb"; // unknown 0x0C99
        ServerDataBlocks b = ((ConnectResponse) ServerMcsPdu.decode(Hex.buf(response(blocks)))).blocks();
        assertThat(b.core()).isEqualTo(new ServerDataBlocks.Core(0x0008000C, 0xBL, 1L));
        assertThat(b.security()).isEqualTo(new ServerDataBlocks.Security(0, 0, null, null));
        assertThat(b.network().channelIds()).isEmpty();
        assertThat(b.messageChannel()).isEqualTo(1007);
        assertThat(b.multitransportFlags()).isEqualTo(0x305L);
        assertThat(b.unknown()).containsExactly(new ServerDataBlocks.UnknownBlock(0x0C99, 6));
    }

    @Test
    void x509ChainIsCountedAndItsLeafKept() {
        String cert = "02 00 00 80 02 00 00 00 03 00 00 00 01 02 03 02 00 00 00 0a 0b" + " 00".repeat(16);
        String sec = "02 00 00 00 03 00 00 00 20 00 00 00 " + hexLength(cert) + " " + " 42".repeat(32) + " " + cert;
        String blocks = "02 0c " + le16(4 + count(sec)) + " " + sec;
        ServerDataBlocks b = ((ConnectResponse) ServerMcsPdu.decode(Hex.buf(response(blocks)))).blocks();
        ServerCertificate.X509Chain chain = (ServerCertificate.X509Chain) b.security().certificate();
        assertThat(chain.temporary()).isTrue();
        assertThat(chain.certificateLengths()).containsExactly(3, 2);
        assertThat(chain.leaf()).containsExactly(0x0a, 0x0b);
    }

    @Test
    void failedConnectResponseWithoutUserDataNamesTheResult() {
        String mcs = "0a 01 06 02 01 00 30 1a 02 01 22 02 01 03 02 01 00 02 01 01 02 01 00 02 01 01 02 03 00 ff f8 02 01 02 04 00";
        String pdu = "7f 66 " + String.format("%02x", count(mcs)) + " " + mcs;
        ConnectResponse rsp = (ConnectResponse) ServerMcsPdu.decode(Hex.buf(tpkt(pdu)));
        assertThat(rsp.result().name()).isEqualTo("rt-not-admitted");
        assertThat(rsp.blocks()).isNull();
        assertThat(rsp.gccResultName()).isEqualTo("absent");
    }

    @Test
    void everyTruncationOfTheSpecResponseIsMalformedNeverAnotherException() {
        byte[] whole = Hex.bytes(McsVectors.CONNECT_RESPONSE_4_1_4);
        for (int n = 7; n < whole.length; n++) {
            byte[] cut = java.util.Arrays.copyOf(whole, n);
            cut[2] = (byte) (n >> 8);
            cut[3] = (byte) n;
            assertThatThrownBy(() -> ServerMcsPdu.decode(io.netty.buffer.Unpooled.wrappedBuffer(cut)))
                    .as("cut at %d", n).isInstanceOf(MalformedPduException.class);
        }
    }

    @Test
    void lengthsAreBoundedBeforeAllocation() {
        String sec = "02 00 00 00 03 00 00 00 20 00 00 00 ff ff ff 7f" + " 42".repeat(32);
        String blocks = "02 0c " + le16(4 + count(sec)) + " " + sec;
        assertThatThrownBy(() -> ServerMcsPdu.decode(Hex.buf(response(blocks))))
                .isInstanceOf(MalformedPduException.class)
                .hasMessageContaining("TS_UD_SC_SEC1.serverCertLen").hasMessageContaining("runs past the end");
        String net = "eb 03 ff 7f";
        String netBlock = "03 0c 08 00 " + net;
        assertThatThrownBy(() -> ServerMcsPdu.decode(Hex.buf(response(netBlock))))
                .isInstanceOf(MalformedPduException.class).hasMessageContaining("TS_UD_SC_NET.channelCount");
        String chain = "02 00 00 00 ff ff ff ff";
        String chainSec = "02 00 00 00 03 00 00 00 00 00 00 00 08 00 00 00 " + chain;
        assertThatThrownBy(() -> ServerMcsPdu.decode(Hex.buf(response("02 0c " + le16(4 + count(chainSec)) + " " + chainSec))))
                .isInstanceOf(MalformedPduException.class).hasMessageContaining("NumCertBlobs");
    }

    @Test
    void badTagsAndKeysNameTheirField() {
        assertThatThrownBy(() -> ServerMcsPdu.decode(Hex.buf("03 00 00 0a 02 f0 80 30 00 00")))
                .isInstanceOf(MalformedPduException.class).hasMessageContaining("MCS PDU at offset 7");
        String wrongKey = McsVectors.CONNECT_RESPONSE_4_1_4.replace("4d 63 44 6e", "4d 63 44 6f");
        assertThatThrownBy(() -> ServerMcsPdu.decode(Hex.buf(wrongKey)))
                .isInstanceOf(MalformedPduException.class).hasMessageContaining("h221NonStandard");
        String shortBlock = response("01 0c 02 00");
        assertThatThrownBy(() -> ServerMcsPdu.decode(Hex.buf(shortBlock)))
                .isInstanceOf(MalformedPduException.class).hasMessageContaining("TS_UD_HEADER.length");
    }

    // ------------------------------------------------------------------ builders of test PDUs

    /** A whole Connect Response (rt-successful, GCC success) around server blocks given as hex. */
    static String response(String blocksHex) {
        int b = count(blocksHex);
        String gccTail = "14 76 0a 01 01 00 01 c0 00 4d 63 44 6e " + perLength(b) + " " + blocksHex;
        String gcc = "00 05 00 14 7c 00 01 " + perLength(count(gccTail)) + " " + gccTail;
        String mcs = "0a 01 00 02 01 00 30 1a 02 01 22 02 01 03 02 01 00 02 01 01 02 01 00 02 01 01 02 03 00 ff f8 02 01 02"
                + " 04 82 " + be16(count(gcc)) + " " + gcc;
        return tpkt("7f 66 82 " + be16(count(mcs)) + " " + mcs);
    }

    static String tpkt(String mcsHex) {
        return "03 00 " + be16(7 + count(mcsHex)) + " 02 f0 80 " + mcsHex;
    }

    static int count(String hex) {
        return Hex.bytes(hex).length;
    }

    static String perLength(int n) {
        return n < 0x80 ? String.format("%02x", n) : String.format("%02x %02x", 0x80 | (n >> 8), n & 0xFF);
    }

    static String be16(int n) {
        return String.format("%02x %02x", n >> 8, n & 0xFF);
    }

    static String le16(int n) {
        return String.format("%02x %02x", n & 0xFF, n >> 8);
    }

    static String hexLength(String hex) {
        int n = count(hex);
        return String.format("%02x %02x %02x %02x", n & 0xFF, (n >> 8) & 0xFF, 0, 0);
    }
}
