package dev.rdpprobe.testkit;

import dev.rdpprobe.core.internal.pdu.x224.ConnectionRequest;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * What one client connection sent to the {@link FakeRdpServer}. Thread-safe snapshot accessors.
 */
public final class RecordedConnection {
    private final InetSocketAddress remote;
    private volatile ConnectionRequest connectionRequest;
    private volatile String connectionRequestError;
    private volatile byte[] tsRequest;
    private final List<byte[]> plaintextAfterX224 = new ArrayList<>();
    private volatile boolean tlsCompleted;

    RecordedConnection(InetSocketAddress remote) {
        this.remote = remote;
    }

    /** The client's address. */
    public InetSocketAddress remoteAddress() {
        return remote;
    }

    /** The decoded Connection Request, or {@code null} if none (or none decodable) arrived. */
    public ConnectionRequest connectionRequest() {
        return connectionRequest;
    }

    /** Why the client's first PDU did not decode as a Connection Request, or {@code null}. */
    public String connectionRequestError() {
        return connectionRequestError;
    }

    /** Whether the server side of the TLS handshake completed. */
    public boolean tlsCompleted() {
        return tlsCompleted;
    }

    /** The raw bytes of the client's first TSRequest (decrypted), or {@code null}. */
    public byte[] tsRequest() {
        byte[] t = tsRequest;
        return t == null ? null : t.clone();
    }

    void connectionRequest(ConnectionRequest cr) {
        this.connectionRequest = cr;
    }

    void connectionRequestError(String error) {
        this.connectionRequestError = error;
    }

    void tlsCompleted(boolean value) {
        this.tlsCompleted = value;
    }

    void tsRequest(byte[] bytes) {
        this.tsRequest = bytes.clone();
    }

    synchronized void plaintext(byte[] bytes) {
        plaintextAfterX224.add(bytes.clone());
    }

    /** Decrypted application bytes the client sent after the X.224 exchange. */
    public synchronized List<byte[]> plaintextAfterX224() {
        return List.copyOf(plaintextAfterX224);
    }

    @Override
    public String toString() {
        return "RecordedConnection[from " + remote + ", CR=" + connectionRequest
                + (connectionRequestError != null ? ", error=" + connectionRequestError : "") + ", tls=" + tlsCompleted + "]";
    }
}
