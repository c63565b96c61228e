package dev.rdpprobe.testkit;

import dev.rdpprobe.core.outcome.SecurityProtocol;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;

/**
 * What one client connection sent to the {@link FakeRdpServer}, as {@link FakeRdpServer#takeConnection}
 * hands it out once the connection ended: the Connection Request's fields, whether and how TLS
 * started, the first TSRequest. Every accessor is a thread-safe snapshot; a fact the client never
 * sent is empty.
 *
 * <pre>{@code
 * RecordedConnection c = server.takeConnection(Duration.ofSeconds(5)).orElseThrow();
 * assertThat(c.cookie()).contains("rdpprobe");
 * assertThat(c.requestedProtocols()).containsExactlyInAnyOrder(SecurityProtocol.SSL, SecurityProtocol.HYBRID, SecurityProtocol.HYBRID_EX);
 * assertThat(c.tsRequestVersion()).hasValue(6);
 * }</pre>
 */
public final class RecordedConnection {

    /** The Connection Request's fields, as the fake server decoded them. */
    record Request(String cookie, String routingToken, boolean negotiationRequest, Set<SecurityProtocol> requestedProtocols,
            int requestedProtocolBits, int negotiationFlags, byte[] correlationId) {
    }

    /** The first TSRequest's facts, as the fake server decoded them. */
    record ClientTsRequest(int version, Long ntlmNegotiateFlags, boolean spnegoWrapped) {
    }

    private final InetSocketAddress remote;
    private volatile byte[] connectionRequestBytes;
    private volatile Request request;
    private volatile String connectionRequestError;
    private volatile boolean tlsStarted;
    private volatile String tlsServerName;
    private volatile List<String> tlsOfferedVersions = List.of();
    private volatile List<String> tlsOfferedCipherSuites = List.of();
    private volatile boolean tlsWithoutConnectionRequest;
    private volatile boolean tlsCompleted;
    private volatile String tlsVersion;
    private volatile byte[] tsRequest;
    private volatile ClientTsRequest tsRequestFacts;
    private final List<byte[]> plaintextAfterX224 = new ArrayList<>();
    private volatile byte[] connectInitial;
    private volatile Integer connectInitialSelectedProtocol;
    private volatile Integer connectInitialEncryptionMethods;
    private int plaintextBytes;
    private volatile boolean ended;
    private volatile NlaVerification nlaVerification;
    private volatile boolean authInfoReceived;
    private final List<byte[]> laterTsRequests = new ArrayList<>();
    private volatile ActivationPhase activationPhase;
    private volatile ClientInfo clientInfo;
    private volatile String activationError;
    private final List<Integer> joinedChannels = new ArrayList<>();

    RecordedConnection(InetSocketAddress remote) {
        this.remote = remote;
    }

    /** The client's address. */
    public InetSocketAddress remoteAddress() {
        return remote;
    }

    /** Whether a Connection Request arrived and decoded. */
    public boolean connectionRequestSeen() {
        return request != null;
    }

    /** The raw bytes of the client's Connection Request (the whole TPKT frame), if one arrived whole. */
    public Optional<byte[]> connectionRequestBytes() {
        byte[] b = connectionRequestBytes;
        return Optional.ofNullable(b == null ? null : b.clone());
    }

    /** Why the client's first PDU did not decode as a Connection Request, if it did not. */
    public Optional<String> connectionRequestError() {
        return Optional.ofNullable(connectionRequestError);
    }

    /** The mstshash cookie (without "Cookie: mstshash=" and CR LF), if the request carried one. */
    public Optional<String> cookie() {
        Request r = request;
        return Optional.ofNullable(r == null ? null : r.cookie());
    }

    /** The routing token line (without CR LF, e.g. "Cookie: msts=…"), if the request carried one. */
    public Optional<String> routingToken() {
        Request r = request;
        return Optional.ofNullable(r == null ? null : r.routingToken());
    }

    /** Whether the request carried RDP_NEG_REQ (a legacy client sends none). */
    public boolean negotiationRequested() {
        Request r = request;
        return r != null && r.negotiationRequest();
    }

    /** The protocols RDP_NEG_REQ asked for (empty without one, or for Standard RDP Security only); unknown bits are in {@link #requestedProtocolBits()}. */
    public Set<SecurityProtocol> requestedProtocols() {
        Request r = request;
        return r == null ? Set.of() : r.requestedProtocols();
    }

    /** RDP_NEG_REQ.requestedProtocols as sent, unknown bits included ({@code 0} without a request). */
    public int requestedProtocolBits() {
        Request r = request;
        return r == null ? 0 : r.requestedProtocolBits();
    }

    /**
     * RDP_NEG_REQ.flags as sent (RESTRICTED_ADMIN_MODE_REQUIRED 0x01, REDIRECTED_AUTHENTICATION_MODE_REQUIRED
     * 0x02, CORRELATION_INFO_PRESENT 0x08; unknown bits kept), empty without an RDP_NEG_REQ.
     */
    public OptionalInt negotiationFlags() {
        Request r = request;
        return r == null || !r.negotiationRequest() ? OptionalInt.empty() : OptionalInt.of(r.negotiationFlags());
    }

    /** The 16-byte RDP_NEG_CORRELATION_INFO id, if the request carried one. */
    public Optional<byte[]> correlationId() {
        Request r = request;
        return Optional.ofNullable(r == null || r.correlationId() == null ? null : r.correlationId().clone());
    }

    /** Whether the client started TLS (sent its first bytes after a Connection Confirm that selected a TLS protocol). */
    public boolean tlsStarted() {
        return tlsStarted;
    }

    /** The SNI host name of the client's ClientHello, if the fake server's TLS read one. */
    public Optional<String> tlsServerName() {
        return Optional.ofNullable(tlsServerName);
    }

    /** The TLS versions the ClientHello offered (JDK names, oldest first); empty unless the fake server's TLS read it. */
    public List<String> tlsOfferedVersions() {
        return tlsOfferedVersions;
    }

    /** The cipher suites the ClientHello offered, in its order, by IANA name ({@code 0x} and four hex digits for a code without one); empty unless the fake server's TLS read them. */
    public List<String> tlsOfferedCipherSuites() {
        return tlsOfferedCipherSuites;
    }

    /** Whether the client began with a TLS ClientHello instead of a Connection Request (as nmap's {@code ssl-cert} does). */
    public boolean tlsWithoutConnectionRequest() {
        return tlsWithoutConnectionRequest;
    }

    /** Whether the server side of the TLS handshake completed. */
    public boolean tlsCompleted() {
        return tlsCompleted;
    }

    /** The negotiated TLS version (JDK name), once the handshake completed. */
    public Optional<String> tlsVersion() {
        return Optional.ofNullable(tlsVersion);
    }

    /** The raw bytes of the client's first TSRequest (decrypted), if one arrived whole. */
    public Optional<byte[]> tsRequest() {
        byte[] t = tsRequest;
        return Optional.ofNullable(t == null ? null : t.clone());
    }

    /** The first TSRequest's version field, if one arrived and decoded. */
    public OptionalInt tsRequestVersion() {
        ClientTsRequest t = tsRequestFacts;
        return t == null ? OptionalInt.empty() : OptionalInt.of(t.version());
    }

    /** The NegotiateFlags of the NTLM NEGOTIATE in the first TSRequest, if it carried one. */
    public OptionalLong ntlmNegotiateFlags() {
        ClientTsRequest t = tsRequestFacts;
        return t == null || t.ntlmNegotiateFlags() == null ? OptionalLong.empty() : OptionalLong.of(t.ntlmNegotiateFlags());
    }

    /** Whether the first TSRequest wrapped its NEGOTIATE in SPNEGO (false if none arrived). */
    public boolean tsRequestSpnegoWrapped() {
        ClientTsRequest t = tsRequestFacts;
        return t != null && t.spnegoWrapped();
    }

    /**
     * Whether the client offered credentials after the server's CHALLENGE: a later TSRequest carried an
     * NTLM AUTHENTICATE with an NTLM response (an anonymous AUTHENTICATE, with none, does not count).
     * What it offered is not kept apart from the raw {@link #plaintextAfterX224() plaintext}.
     */
    public boolean credentialsOffered() {
        java.io.ByteArrayOutputStream all = new java.io.ByteArrayOutputStream();
        plaintextAfterX224().forEach(all::writeBytes); // the first TSRequest carries a NEGOTIATE, never an AUTHENTICATE
        if (ClientRequests.offersCredentials(all.toByteArray())) {
            return true;
        }
        // a validating NLA scenario (CredSspStep.Nla) keeps the client's later TSRequests apart
        return laterTsRequests().stream().anyMatch(ClientRequests::offersCredentials);
    }

    /**
     * Decrypted application bytes the client sent after the TLS handshake, in arrival order: its
     * first TSRequest, and what it sent after the server's CredSSP answer (at most
     * {@value #PLAINTEXT_LIMIT} bytes in all are kept).
     */
    public synchronized List<byte[]> plaintextAfterX224() {
        List<byte[]> out = new ArrayList<>(plaintextAfterX224.size());
        plaintextAfterX224.forEach(b -> out.add(b.clone()));
        return out;
    }

    /** Whether the connection ended (either side closed it). */
    public boolean ended() {
        return ended;
    }

    /** The client's MCS Connect Initial as it arrived (TPKT included), if one came. */
    public Optional<byte[]> connectInitial() {
        byte[] b = connectInitial;
        return b == null ? Optional.empty() : Optional.of(b.clone());
    }

    /** CS_CORE.serverSelectedProtocol of the client's Connect Initial, if one came and decoded. */
    public OptionalInt connectInitialSelectedProtocol() {
        Integer v = connectInitialSelectedProtocol;
        return v == null ? OptionalInt.empty() : OptionalInt.of(v);
    }

    /** CS_SECURITY.encryptionMethods of the client's Connect Initial, if one came and decoded. */
    public OptionalInt connectInitialEncryptionMethods() {
        Integer v = connectInitialEncryptionMethods;
        return v == null ? OptionalInt.empty() : OptionalInt.of(v);
    }

    void connectInitial(byte[] bytes, Integer selectedProtocol, Integer encryptionMethods) {
        this.connectInitialSelectedProtocol = selectedProtocol;
        this.connectInitialEncryptionMethods = encryptionMethods;
        this.connectInitial = bytes.clone();
    }

    /** What the fake NLA server verified of the client's AUTHENTICATE ({@link CredSspStep.Nla}), if one arrived. */
    public Optional<NlaVerification> nlaVerification() {
        return Optional.ofNullable(nlaVerification);
    }

    /**
     * Whether any TSRequest the client sent carried {@code authInfo} (TSCredentials: delegated credentials,
     * [MS-CSSP] 2.2.1.2). rdp-probe never sends it; tests assert this stays false.
     */
    public boolean authInfoReceived() {
        return authInfoReceived;
    }

    /** The client's TSRequests after the first (the AUTHENTICATE and anything after it), raw. */
    public synchronized List<byte[]> laterTsRequests() {
        List<byte[]> copies = new ArrayList<>();
        laterTsRequests.forEach(b -> copies.add(b.clone()));
        return copies;
    }

    /**
     * How far the client got after the MCS Connect Response (the furthest {@link ActivationPhase} whose PDU arrived),
     * empty if it sent nothing after the Connect Initial or the scenario serves nothing after it.
     */
    public Optional<ActivationPhase> activationPhase() {
        return Optional.ofNullable(activationPhase);
    }

    /** Whether the connection became active: the client sent its Font List and the server answered with the Font Map. */
    public boolean activated() {
        return activationPhase == ActivationPhase.ACTIVE;
    }

    /** The non-secret facts of the client's Client Info PDU, if one arrived and decoded (its strings are never read). */
    public Optional<ClientInfo> clientInfo() {
        return Optional.ofNullable(clientInfo);
    }

    /** Why the server ended the connection after the Connect Response (a malformed or unexpected PDU), if it did. */
    public Optional<String> activationError() {
        return Optional.ofNullable(activationError);
    }

    /** The channels the client joined, in order (its user channel, the I/O channel 1003, …). */
    public synchronized List<Integer> joinedChannels() {
        return List.copyOf(joinedChannels);
    }

    void activationReached(ActivationPhase phase) {
        ActivationPhase now = activationPhase;
        if (now == null || phase.compareTo(now) > 0) {
            activationPhase = phase;
        }
    }

    void clientInfo(ClientInfo value) {
        clientInfo = value;
    }

    void activationError(String value) {
        activationError = value;
    }

    synchronized void joinedChannel(int channelId) {
        joinedChannels.add(channelId);
    }

    void nlaVerified(NlaVerification value) {
        nlaVerification = value;
    }

    void authInfo() {
        authInfoReceived = true;
    }

    synchronized void laterTsRequest(byte[] bytes) {
        laterTsRequests.add(bytes.clone());
    }

    void connectionRequest(byte[] bytes, Request decoded) {
        this.connectionRequestBytes = bytes.clone();
        this.request = decoded;
    }

    void connectionRequestError(String error) {
        this.connectionRequestError = error;
    }

    void markTlsStarted() {
        this.tlsStarted = true;
    }

    void clientHello(String serverName, List<String> offeredVersions, List<String> offeredCipherSuites) {
        this.tlsServerName = serverName;
        this.tlsOfferedVersions = List.copyOf(offeredVersions);
        this.tlsOfferedCipherSuites = List.copyOf(offeredCipherSuites);
    }

    void markTlsWithoutConnectionRequest() {
        this.tlsWithoutConnectionRequest = true;
    }

    void tlsCompleted(String version) {
        this.tlsVersion = version;
        this.tlsCompleted = true;
    }

    void tsRequest(byte[] bytes, ClientTsRequest facts) {
        this.tsRequest = bytes.clone();
        this.tsRequestFacts = facts;
    }

    /** The most plaintext bytes a record keeps: a client cannot make the server hold more. */
    static final int PLAINTEXT_LIMIT = 256 * 1024;

    synchronized void plaintext(byte[] bytes) {
        int room = PLAINTEXT_LIMIT - plaintextBytes;
        if (room <= 0 || bytes.length == 0) {
            return;
        }
        byte[] kept = bytes.length <= room ? bytes.clone() : java.util.Arrays.copyOf(bytes, room);
        plaintextAfterX224.add(kept);
        plaintextBytes += kept.length;
    }

    void ended(boolean value) {
        this.ended = value;
    }

    @Override
    public String toString() {
        Request r = request;
        return "RecordedConnection[from " + remote
                + (r == null ? ", no CR" : ", cookie=" + r.cookie() + ", requested=" + r.requestedProtocols())
                + (connectionRequestError != null ? ", error=" + connectionRequestError : "")
                + ", tlsStarted=" + tlsStarted + ", tls=" + tlsCompleted
                + (tsRequestFacts != null ? ", tsRequest v" + tsRequestFacts.version() : "")
                + (activationPhase != null ? ", activation " + activationPhase.jsonName() : "")
                + (activationError != null ? ", activationError=" + activationError : "") + "]";
    }
}
