package dev.rdpprobe.cli;

import dev.rdpprobe.core.internal.pdu.PduBytes;
import dev.rdpprobe.core.internal.pdu.mcs.ClientDataBlocks;
import dev.rdpprobe.core.internal.pdu.mcs.ConnectInitial;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * Test only: a client that goes through TLS alone to an active connection with the fake server, sending a Client Info
 * PDU whose auto-logon password is given — the path on which a real client hands the server its password in the clear.
 */
final class TlsActivationClient {

    private static final HexFormat HEX = HexFormat.of();

    private TlsActivationClient() {
    }

    /** Runs the whole sequence against {@code host:port}, then disconnects. */
    static void activate(String host, int port, String user, String password) throws Exception {
        try (Socket raw = new Socket(host, port)) {
            raw.setSoTimeout(5000);
            raw.getOutputStream().write(HEX.parseHex("030000130ee000000000000100080001000000")); // Connection Request, SSL
            readTpkt(raw.getInputStream());
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {new TrustEverything()}, null);
            try (SSLSocket tls = (SSLSocket) context.getSocketFactory().createSocket(raw, host, port, true)) {
                tls.startHandshake();
                OutputStream out = tls.getOutputStream();
                InputStream in = tls.getInputStream();
                ConnectInitial ci = new ConnectInitial(ClientDataBlocks.forProbe(1, 0));
                out.write(PduBytes.encode(ci.encodedLength(), ci::encode));
                readTpkt(in); // Connect Response
                out.write(HEX.parseHex("0300000c02f0800401000100" + "0300000802f08028"));
                int userId = 1001 + (readTpkt(in)[10] & 0xFF);
                for (int channel : new int[] {userId, 1003, 1004}) {
                    out.write(HEX.parseHex(String.format("0300000c02f08038%04x%04x", userId - 1001, channel)));
                    readTpkt(in);
                }
                out.write(sendDataRequest(userId, clientInfo(user, password)));
                readTpkt(in); // licensing
                readTpkt(in); // Demand Active
                String source = String.format("%02x%02x", userId & 0xFF, userId >> 8);
                out.write(sendDataRequest(userId, HEX.parseHex("16001700" + source + "ea030100000108001f0000000100ea03")));
                out.write(sendDataRequest(userId, HEX.parseHex("1a001700" + source + "ea03010000010c00270000000000000003003200")));
                readTpkt(in); // Synchronize
                readTpkt(in); // Font Map
                out.write(HEX.parseHex("0300000902f0802180"));
                out.flush();
                while (in.read() >= 0) {
                    // until the server closes
                }
            }
        }
    }

    private static byte[] clientInfo(String user, String password) {
        byte[] name = user.getBytes(StandardCharsets.UTF_16LE);
        byte[] secret = password.getBytes(StandardCharsets.UTF_16LE);
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes(HEX.parseHex("40000000" + "09040000" + "7b010000"));
        for (int len : new int[] {0, name.length, secret.length, 0, 0}) {
            b.write(len & 0xFF);
            b.write(len >> 8);
        }
        for (byte[] s : new byte[][] {new byte[0], name, secret, new byte[0], new byte[0]}) {
            b.writeBytes(s);
            b.writeBytes(new byte[2]);
        }
        return b.toByteArray();
    }

    private static byte[] sendDataRequest(int userId, byte[] userData) {
        int lengthSize = userData.length < 0x80 ? 1 : 2;
        String length = lengthSize == 1 ? String.format("%02x", userData.length) : String.format("%04x", 0x8000 | userData.length);
        int total = 13 + lengthSize + userData.length;
        return HEX.parseHex(String.format("0300%04x02f08064%04x03eb70", total, userId - 1001) + length + HEX.formatHex(userData));
    }

    private static byte[] readTpkt(InputStream in) throws IOException {
        byte[] header = in.readNBytes(4);
        if (header.length < 4) {
            throw new EOFException("the server closed");
        }
        int length = ((header[2] & 0xFF) << 8) | (header[3] & 0xFF);
        byte[] rest = in.readNBytes(length - 4);
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        all.writeBytes(header);
        all.writeBytes(rest);
        return all.toByteArray();
    }

    /** Test only: the fake server's certificate is self-signed. */
    private static final class TrustEverything implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
