package dev.rdpprobe.testkit.wire;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/** Test only: client frames after the Connect Response, built as a client writes them ([MS-RDPBCGR] 2.2.1.11, 2.2.1.13.2). */
public final class ClientFrames {

    private static final HexFormat HEX = HexFormat.of();

    private ClientFrames() {
    }

    /** The frames in a Send Data Request, as a client sends them. */
    public static byte[] sendDataRequest(int user, int channel, byte[] userData) {
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

    /** A Client Info PDU's user data: security header, TS_INFO_PACKET with Unicode strings ({@code secret} the password), then two extra bytes. */
    public static byte[] clientInfo(long codePage, long flags, String secret) {
        byte[] domain = "LAB".getBytes(StandardCharsets.UTF_16LE);
        byte[] user = "alice".getBytes(StandardCharsets.UTF_16LE);
        byte[] password = secret.getBytes(StandardCharsets.UTF_16LE);
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
    public static byte[] confirmActive() {
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
}
