package dev.rdpprobe.testkit;

import dev.rdpprobe.core.outcome.SecurityProtocol;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * How the {@link FakeRdpServer} behaves on one connection, phase by phase. Start from a static
 * factory that says what happens at X.224, then add later phases with {@code with…} methods:
 *
 * <pre>{@code
 * Scenario.healthy()                                             // NLA: HYBRID_EX, TLS, an NTLM CHALLENGE
 * Scenario.selecting(SecurityProtocol.SSL).withTls(TlsStep.versions("TLSv1")) // TLS 1.0 only
 * Scenario.refusing(NegotiationRefusal.HYBRID_REQUIRED_BY_SERVER)
 * Scenario.closingOnConnectionRequest()                           // "socket closed" before any byte
 * Scenario.silentAfterConnectionRequest()                         // TermService hung
 * Scenario.replyingWith("SSH-2.0-OpenSSH_9.6\r\n")                // not RDP on the port
 * }</pre>
 *
 * @param x224 what happens when the Connection Request arrives
 * @param tls what happens when the client starts TLS, or {@code null} to stay silent
 * @param credssp what happens when the client's first TSRequest arrives, or {@code null} to stay silent
 * @param mcs what happens when the client's MCS Connect Initial arrives (after Standard RDP Security, inside TLS
 *     for a TLS-only server, or after NLA once the client delegated its credentials to a {@link CredSspStep.Nla}
 *     server that accepted them), or {@code null} to stay silent
 * @param activation what happens after a successful Connect Response inside TLS (Attach User … to an active
 *     connection, {@link ActivationStep}), or {@code null} to stay silent after the Connect Response
 */
public record Scenario(X224Step x224, TlsStep tls, CredSspStep credssp, McsStep mcs, ActivationStep activation) {

    /** These X.224, TLS and CredSSP behaviours; the MCS Connect Initial gets a Windows-like answer ({@link McsStep#windowsLike()}). */
    public Scenario(X224Step x224, TlsStep tls, CredSspStep credssp) {
        this(x224, tls, credssp, McsStep.windowsLike());
    }

    /** These behaviours up to MCS; nothing is served after the Connect Response. */
    public Scenario(X224Step x224, TlsStep tls, CredSspStep credssp, McsStep mcs) {
        this(x224, tls, credssp, mcs, null);
    }

    /** Checks the X.224 step is there. */
    public Scenario {
        Objects.requireNonNull(x224, "x224");
    }

    /** Only the X.224 behaviour; TLS and CredSSP stay silent. */
    public Scenario(X224Step x224) {
        this(x224, null, null);
    }

    /**
     * A healthy Windows-like server with NLA: selects HYBRID_EX or else HYBRID, whichever the client
     * asks for first in that order (refuses a request without them with HYBRID_REQUIRED_BY_SERVER), a TLS 1.0–1.3
     * handshake with a valid localhost certificate, and an NTLM CHALLENGE from a Windows Server 2022
     * workgroup host; with a checking CredSSP step ({@link CredSspStep#nla}) a client that passes it and delegates its
     * credentials is served to an active connection ({@link ActivationStep#serve()}).
     */
    public static Scenario healthy() {
        return supporting(SecurityProtocol.HYBRID, SecurityProtocol.HYBRID_EX)
                .withTls(TlsStep.healthy()).withCredSsp(CredSspStep.challenge()).withActivation(ActivationStep.serve());
    }

    /**
     * A healthy TLS-only server (no NLA): selects SSL, handshakes with a valid localhost certificate, answers the
     * Connect Initial and serves the connection to activation ({@link ActivationStep#serve()}).
     */
    public static Scenario healthyTlsOnly() {
        return supporting(SecurityProtocol.SSL).withTls(TlsStep.healthy()).withActivation(ActivationStep.serve());
    }

    /** This scenario with another TLS behaviour. */
    public Scenario withTls(TlsStep value) {
        return new Scenario(x224, value, credssp, mcs, activation);
    }

    /** This scenario with another CredSSP behaviour. */
    public Scenario withCredSsp(CredSspStep value) {
        return new Scenario(x224, tls, value, mcs, activation);
    }

    /** This scenario with another MCS Connect behaviour ({@code null}: silent at MCS). */
    public Scenario withMcs(McsStep value) {
        return new Scenario(x224, tls, credssp, value, activation);
    }

    /**
     * This scenario with another behaviour after the Connect Response ({@code null}: silent after it). It takes effect
     * inside TLS only — after TLS alone, or after NLA with a checking {@link CredSspStep.Nla} — and after a successful
     * Connect Response ({@link McsStep.Answer} with result 0).
     */
    public Scenario withActivation(ActivationStep value) {
        return new Scenario(x224, tls, credssp, mcs, value);
    }

    /**
     * Confirm with RDP_NEG_RSP selecting {@code protocol}, whatever was requested. Nothing follows unless
     * added with {@code with…}: selecting a TLS protocol without {@link #withTls} leaves the server
     * silent at TLS (the probe times out there). For a server that completes, start from
     * {@link #healthy()} or {@link #healthyTlsOnly()}.
     */
    public static Scenario selecting(SecurityProtocol protocol) {
        X224Step.Answer select = new X224Step.Answer.Select(protocol);
        return new Scenario(new X224Step.Confirm(requested -> select, false));
    }

    /**
     * Behave like a server that supports {@code supported} protocols: select the best requested one
     * (HYBRID_EX, HYBRID, SSL, RDSTLS, then Standard RDP Security when {@link SecurityProtocol#RDP} is
     * supported), or refuse with the code Windows uses (HYBRID_REQUIRED_BY_SERVER when only NLA is
     * supported, SSL_REQUIRED_BY_SERVER when TLS is supported but was not requested,
     * SSL_NOT_ALLOWED_BY_SERVER when nothing is), then close after a refusal.
     *
     * @param supported the protocols the server accepts; {@link SecurityProtocol#RDP} means Standard RDP Security is acceptable
     */
    public static Scenario supporting(SecurityProtocol... supported) {
        Set<SecurityProtocol> accepted = Set.of(supported);
        return new Scenario(new X224Step.Confirm(requested -> choose(requested, accepted), true));
    }

    private static X224Step.Answer choose(Set<SecurityProtocol> requested, Set<SecurityProtocol> supported) {
        for (SecurityProtocol p : PREFERENCE) {
            if (requested.contains(p) && supported.contains(p)) {
                return new X224Step.Answer.Select(p);
            }
        }
        if (supported.contains(SecurityProtocol.RDP)) {
            return new X224Step.Answer.Select(SecurityProtocol.RDP);
        }
        boolean nlaOnly = !supported.isEmpty() && NLA.containsAll(supported);
        NegotiationRefusal refusal = nlaOnly ? NegotiationRefusal.HYBRID_REQUIRED_BY_SERVER
                : supported.isEmpty() ? NegotiationRefusal.SSL_NOT_ALLOWED_BY_SERVER
                : NegotiationRefusal.SSL_REQUIRED_BY_SERVER;
        return new X224Step.Answer.Refuse(refusal);
    }

    private static final List<SecurityProtocol> PREFERENCE = List.of(SecurityProtocol.HYBRID_EX, SecurityProtocol.HYBRID, SecurityProtocol.SSL, SecurityProtocol.RDSTLS);
    private static final Set<SecurityProtocol> NLA = Set.of(SecurityProtocol.HYBRID, SecurityProtocol.HYBRID_EX);

    /** Confirm with RDP_NEG_FAILURE carrying {@code refusal}'s code, then close (as the spec demands). */
    public static Scenario refusing(NegotiationRefusal refusal) {
        X224Step.Answer refuse = new X224Step.Answer.Refuse(refusal);
        return new Scenario(new X224Step.Confirm(requested -> refuse, true));
    }

    /** Confirm with RDP_NEG_FAILURE carrying {@code refusal}'s code, then keep the socket open and silent (FreeRDP's behaviour). */
    public static Scenario refusingAndStayingOpen(NegotiationRefusal refusal) {
        X224Step.Answer refuse = new X224Step.Answer.Refuse(refusal);
        return new Scenario(new X224Step.Confirm(requested -> refuse, false));
    }

    /** Confirm without negotiation data (a legacy server, Standard RDP Security only). */
    public static Scenario legacyConfirm() {
        X224Step.Answer legacy = new X224Step.Answer.Legacy();
        return new Scenario(new X224Step.Confirm(requested -> legacy, false));
    }

    /** Perform {@code effect} when the Connection Request arrives. */
    public static Scenario onConnectionRequest(ConnectionEffect effect) {
        return new Scenario(new X224Step.Act(effect));
    }

    /** Close the connection (FIN) when the Connection Request arrives. */
    public static Scenario closingOnConnectionRequest() {
        return onConnectionRequest(ConnectionEffect.close());
    }

    /** Reset the connection (RST) when the Connection Request arrives. */
    public static Scenario resettingOnConnectionRequest() {
        return onConnectionRequest(ConnectionEffect.reset());
    }

    /** Half-close when the Connection Request arrives: shut down the output (FIN) and keep reading, never closing. */
    public static Scenario halfClosingOnConnectionRequest() {
        return onConnectionRequest(ConnectionEffect.halfClose());
    }

    /** Read the Connection Request and never answer. */
    public static Scenario silentAfterConnectionRequest() {
        return onConnectionRequest(ConnectionEffect.stall());
    }

    /** Answer the Connection Request with these raw bytes and stay silent. */
    public static Scenario replyingWith(byte[] bytes) {
        return onConnectionRequest(ConnectionEffect.send(bytes));
    }

    /** Answer the Connection Request with this text (e.g. an SSH banner) and stay silent. */
    public static Scenario replyingWith(String text) {
        return onConnectionRequest(ConnectionEffect.send(text));
    }

    /** Answer with a TPKT header that announces 65535 bytes, send a few, and stall. */
    public static Scenario oversizeTpkt() {
        return replyingWith(new byte[] {0x03, 0x00, (byte) 0xFF, (byte) 0xFF, 0x0E, (byte) 0xD0, 0, 0, 0x12, 0x34, 0});
    }

    /** Answer with a TPKT whose length field is below the minimum of 7. */
    public static Scenario undersizeTpkt() {
        return replyingWith(new byte[] {0x03, 0x00, 0x00, 0x03, 0x00, 0x00, 0x00});
    }

    /**
     * Send only the first {@code bytes} bytes of a valid 19-byte Connection Confirm selecting SSL, then
     * nothing more, keeping the connection open (a server that stalls in the middle of its reply).
     */
    public static Scenario partialConfirm(int bytes) {
        byte[] confirm = ServerAnswers.confirm(new X224Step.Answer.Select(SecurityProtocol.SSL));
        if (bytes < 1 || bytes >= confirm.length) {
            throw new IllegalArgumentException("bytes must be 1.." + (confirm.length - 1) + ", was " + bytes);
        }
        return replyingWith(Arrays.copyOf(confirm, bytes));
    }

    /**
     * Send a Connection Confirm selecting {@code protocol} and, in the same write (one segment on
     * loopback), {@code trailing} bytes; then nothing more. With a TLS protocol the trailing bytes are
     * the first bytes the client's TLS engine sees.
     */
    public static Scenario confirmFollowedBy(SecurityProtocol protocol, byte[] trailing) {
        byte[] confirm = ServerAnswers.confirm(new X224Step.Answer.Select(protocol));
        byte[] both = Arrays.copyOf(confirm, confirm.length + trailing.length);
        System.arraycopy(trailing, 0, both, confirm.length, trailing.length);
        return replyingWith(both);
    }

    /** Send a valid Connection Confirm selecting {@code protocol} one byte at a time, {@code interval} apart, then stay silent. */
    public static Scenario trickling(SecurityProtocol protocol, Duration interval) {
        byte[] confirm = ServerAnswers.confirm(new X224Step.Answer.Select(protocol), 0);
        return onConnectionRequest(ConnectionEffect.trickle(confirm, interval));
    }

    /**
     * A scenario by name, for {@link FakeScenario}: {@code nla-healthy} ({@link #healthy()}),
     * {@code tls-only} ({@link #healthyTlsOnly()}), {@code standard-rdp-security} (selects
     * {@link SecurityProtocol#RDP}), {@code nla-required} (refuses with HYBRID_REQUIRED_BY_SERVER),
     * {@code silent} ({@link #silentAfterConnectionRequest()}), {@code closing}
     * ({@link #closingOnConnectionRequest()}), {@code resetting} ({@link #resettingOnConnectionRequest()}),
     * {@code nla-credentials} (a fake NLA server that verifies the credentials {@value #DEMO_USER} /
     * {@value #DEMO_PASSWORD} for real, serves a client that passed and delegated them to an active connection, and
     * answers anything else with STATUS_LOGON_FAILURE) and
     * {@code nla-credentials-closing} (the same, closing the connection on a failure as FreeRDP does).
     *
     * @throws IllegalArgumentException for another name, listing the known ones
     */
    public static Scenario named(String name) {
        switch (name) {
            case "nla-healthy":
                return healthy();
            case "tls-only":
                return healthyTlsOnly();
            case "standard-rdp-security":
                return selecting(SecurityProtocol.RDP);
            case "nla-required":
                return refusing(NegotiationRefusal.HYBRID_REQUIRED_BY_SERVER);
            case "silent":
                return silentAfterConnectionRequest();
            case "closing":
                return closingOnConnectionRequest();
            case "resetting":
                return resettingOnConnectionRequest();
            case "nla-credentials":
                return healthy().withCredSsp(CredSspStep.nla(NlaAccount.accepting(DEMO_USER, DEMO_PASSWORD)));
            case "nla-credentials-closing":
                return healthy().withCredSsp(CredSspStep.nlaClosingOnFailure(NlaAccount.accepting(DEMO_USER, DEMO_PASSWORD)));
            default:
                throw new IllegalArgumentException("no scenario named '" + name + "'; use one of " + NAMES);
        }
    }

    /** The names {@link #named} knows. */
    public static final List<String> NAMES = List.of("nla-healthy", "tls-only", "standard-rdp-security", "nla-required",
            "silent", "closing", "resetting", "nla-credentials", "nla-credentials-closing");

    /** The one account of the {@code nla-credentials} scenarios (any domain). */
    public static final String DEMO_USER = "alice";
    /** Its password: test data, published on purpose. */
    public static final String DEMO_PASSWORD = "rdp-probe-demo";
}
