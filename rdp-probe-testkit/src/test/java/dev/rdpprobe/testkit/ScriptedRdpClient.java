package dev.rdpprobe.testkit;

import dev.rdpprobe.core.internal.pdu.PduBytes;
import dev.rdpprobe.core.internal.pdu.credssp.PubKeyAuth;
import dev.rdpprobe.core.internal.pdu.credssp.ServerCertificate;
import dev.rdpprobe.core.internal.pdu.credssp.TsRequest;
import dev.rdpprobe.core.internal.pdu.mcs.ClientDataBlocks;
import dev.rdpprobe.core.internal.pdu.mcs.ConnectInitial;
import dev.rdpprobe.core.internal.pdu.ntlm.NtlmChallenge;
import dev.rdpprobe.core.internal.pdu.ntlm.NtlmClientAuthentication;
import dev.rdpprobe.core.internal.pdu.ntlm.NtlmNegotiate;
import dev.rdpprobe.core.internal.pdu.ntlm.NtlmV2;
import dev.rdpprobe.core.internal.pdu.x224.ConnectionRequest;
import dev.rdpprobe.core.internal.pdu.x224.NegotiationRequest;
import dev.rdpprobe.core.internal.pdu.x224.SecurityProtocols;
import dev.rdpprobe.core.tls.Md4Provider;
import io.netty.buffer.Unpooled;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.HexFormat;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;

/**
 * Test only: a small RDP client that drives the fake server by hand, PDU by PDU — the X.224 request, TLS, NLA with
 * a real NTLM AUTHENTICATE and pubKeyAuth then TSCredentials, and raw TPKT frames after that.
 */
final class ScriptedRdpClient implements AutoCloseable {

    private final Socket raw;
    private SSLSocket tls;
    private InputStream in;
    private OutputStream out;
    private final InetSocketAddress address;

    ScriptedRdpClient(FakeRdpServer server) throws IOException {
        address = new InetSocketAddress(server.target().host(), server.target().port());
        raw = new Socket();
        raw.connect(address, 5000);
        raw.setSoTimeout(5000);
        in = raw.getInputStream();
        out = raw.getOutputStream();
    }

    /** Sends a Connection Request for {@code protocols} and answers the Connection Confirm's selected protocol. */
    int connectionRequest(int protocols) throws IOException {
        ConnectionRequest cr = new ConnectionRequest("scripted", null, new NegotiationRequest(0, SecurityProtocols.of(protocols)), null);
        send(PduBytes.encode(cr.encodedLength(), cr::encode));
        byte[] confirm = readTpkt();
        return confirm[15] & 0xFF;
    }

    /** Starts TLS, trusting any certificate. */
    void startTls() throws Exception {
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, new TrustManager[] {new TrustEverything()}, null);
        tls = (SSLSocket) context.getSocketFactory().createSocket(raw, address.getHostString(), address.getPort(), true);
        tls.startHandshake();
        in = tls.getInputStream();
        out = tls.getOutputStream();
    }

    /**
     * NLA as a real client does it: NEGOTIATE, AUTHENTICATE with pubKeyAuth over the server's key, then (if the server's
     * answer carries pubKeyAuth) TSCredentials. Answers whether the server accepted.
     */
    boolean nla(String user, String password, byte[] serverCertificateDer) throws IOException {
        byte[] negotiate = NtlmNegotiate.probe().toBytes();
        send(new TsRequest(6, List.of(negotiate), null, null, null, null).toBytes());
        byte[] challengeBytes = TsRequest.decode(Unpooled.wrappedBuffer(readDer())).firstNegoToken();
        NtlmChallenge challenge = NtlmChallenge.decode(Unpooled.wrappedBuffer(challengeBytes));
        Md4Provider md4 = Md4Provider.installed().orElseThrow();
        NtlmClientAuthentication.Result auth = NtlmClientAuthentication.authenticate(negotiate, challengeBytes, challenge,
                new NtlmClientAuthentication.Inputs(user, "LAB", "", NtlmV2.ntHash(password.toCharArray(), md4::md4), new byte[16],
                        "TERMSRV/localhost", new byte[8], new byte[16], new byte[8]));
        byte[] nonce = new byte[32];
        byte[] key = ServerCertificate.read(serverCertificateDer).subjectPublicKey();
        byte[] pubKeyAuth = auth.keys().clientToServer().seal(PubKeyAuth.clientValue(6, key, nonce)).signatureThenData();
        send(new TsRequest(6, List.of(auth.message()), null, pubKeyAuth, null, nonce).toBytes());
        TsRequest answer = TsRequest.decode(Unpooled.wrappedBuffer(readDer()));
        if (answer.pubKeyAuth() == null) {
            return false;
        }
        // the TSCredentials: the server only notes that they came, so sealed stand-in bytes do
        send(new TsRequest(6, List.of(), new byte[] {0x30, 0x03, 0x02, 0x01, 0x01}, null, null, null).toBytes());
        return true;
    }

    /** Sends a Connect Initial asking for these static channels. */
    void connectInitial(int selectedProtocol, List<String> channels) throws IOException {
        ClientDataBlocks probe = ClientDataBlocks.forProbe(selectedProtocol, 0x1B);
        ClientDataBlocks blocks = new ClientDataBlocks(probe.core(), probe.cluster(), probe.security(),
                new ClientDataBlocks.Network(channels.stream().map(n -> new ClientDataBlocks.Channel(n, 0x80800000)).toList()),
                probe.multitransport());
        ConnectInitial ci = new ConnectInitial(blocks);
        send(PduBytes.encode(ci.encodedLength(), ci::encode));
    }

    void send(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    void sendHex(String hex) throws IOException {
        send(HexFormat.of().parseHex(hex));
    }

    /** Reads exactly {@code n} bytes. */
    byte[] read(int n) throws IOException {
        byte[] b = in.readNBytes(n);
        if (b.length < n) {
            throw new EOFException("the server closed after " + b.length + " of " + n + " bytes");
        }
        return b;
    }

    /** Reads one TPKT frame. */
    byte[] readTpkt() throws IOException {
        byte[] header = read(4);
        int length = ((header[2] & 0xFF) << 8) | (header[3] & 0xFF);
        ByteArrayOutputStream frame = new ByteArrayOutputStream();
        frame.writeBytes(header);
        frame.writeBytes(read(length - 4));
        return frame.toByteArray();
    }

    String readTpktHex() throws IOException {
        return HexFormat.of().formatHex(readTpkt());
    }

    /** Whether the server closed the connection (end of stream within the read timeout). */
    boolean closedByServer() throws IOException {
        try {
            return in.read() < 0;
        } catch (javax.net.ssl.SSLException | java.net.SocketException e) {
            return true;
        }
    }

    private byte[] readDer() throws IOException {
        byte[] head = read(2);
        int first = head[1] & 0xFF;
        int length;
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        all.writeBytes(head);
        if (first < 0x80) {
            length = first;
        } else {
            byte[] n = read(first & 0x7F);
            all.writeBytes(n);
            length = 0;
            for (byte b : n) {
                length = (length << 8) | (b & 0xFF);
            }
        }
        all.writeBytes(read(length));
        return all.toByteArray();
    }

    @Override
    public void close() throws IOException {
        if (tls != null) {
            tls.close();
        }
        raw.close();
    }
}
