package dev.rdpprobe.core.outcome;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything the server revealed. Parts the probe did not reach are empty, so that
 * {@code outcome.server().tls().flatMap(TlsFacts::leaf)} is safe on any outcome.
 *
 * @param addresses every address the name resolved to (the literal itself for an IP target)
 * @param connectedAddress the address the TCP connection was made to; empty before TCP
 * @param negotiation the X.224 negotiation; empty if no Connection Confirm came
 * @param tls the TLS handshake; empty if TLS was not reached
 * @param credssp the start of CredSSP; empty if the server sent no CredSSP answer
 * @param udp the RDPEUDP probe; empty if it did not run
 * @param securityLayers security-layer enumeration; empty if it was not requested
 * @param nlaRequired whether the server requires NLA (from the enumeration); empty if unknown
 * @param mcs the MCS Connect Response; empty if MCS_CONNECT did not get one
 * @param encryptionMethods the encryption-method enumeration under Standard RDP Security; empty if it did not run
 * @param credentialCheck the credential check; empty when the caller supplied no credentials
 */
public record ServerFacts(
        List<InetAddress> addresses,
        Optional<InetSocketAddress> connectedAddress,
        Optional<NegotiationFacts> negotiation,
        Optional<TlsFacts> tls,
        Optional<CredSspFacts> credssp,
        Optional<UdpFacts> udp,
        Optional<List<SecurityLayerSupport>> securityLayers,
        Optional<Boolean> nlaRequired,
        Optional<McsFacts> mcs,
        Optional<List<EncryptionMethodSupport>> encryptionMethods,
        Optional<CredentialCheck> credentialCheck) {

    /** Facts of a probe that learned nothing. */
    public static final ServerFacts NONE = new ServerFacts(List.of(), Optional.empty(), Optional.empty(), Optional.empty(),
            Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
            Optional.empty());

    public ServerFacts {
        addresses = List.copyOf(addresses);
        Objects.requireNonNull(connectedAddress, "connectedAddress");
        Objects.requireNonNull(negotiation, "negotiation");
        Objects.requireNonNull(tls, "tls");
        Objects.requireNonNull(credssp, "credssp");
        Objects.requireNonNull(udp, "udp");
        Objects.requireNonNull(nlaRequired, "nlaRequired");
        securityLayers = securityLayers.map(List::copyOf);
        Objects.requireNonNull(mcs, "mcs");
        encryptionMethods = encryptionMethods.map(List::copyOf);
        Objects.requireNonNull(credentialCheck, "credentialCheck");
    }

    /** Facts without the MCS Connect Response, the encryption-method enumeration and the credential check. */
    public ServerFacts(List<InetAddress> addresses, Optional<InetSocketAddress> connectedAddress,
            Optional<NegotiationFacts> negotiation, Optional<TlsFacts> tls, Optional<CredSspFacts> credssp,
            Optional<UdpFacts> udp, Optional<List<SecurityLayerSupport>> securityLayers, Optional<Boolean> nlaRequired) {
        this(addresses, connectedAddress, negotiation, tls, credssp, udp, securityLayers, nlaRequired, Optional.empty(),
                Optional.empty(), Optional.empty());
    }

    /** Facts without the credential check. */
    public ServerFacts(List<InetAddress> addresses, Optional<InetSocketAddress> connectedAddress,
            Optional<NegotiationFacts> negotiation, Optional<TlsFacts> tls, Optional<CredSspFacts> credssp,
            Optional<UdpFacts> udp, Optional<List<SecurityLayerSupport>> securityLayers, Optional<Boolean> nlaRequired,
            Optional<McsFacts> mcs, Optional<List<EncryptionMethodSupport>> encryptionMethods) {
        this(addresses, connectedAddress, negotiation, tls, credssp, udp, securityLayers, nlaRequired, mcs, encryptionMethods,
                Optional.empty());
    }

    /** Facts without the MCS Connect Response and the encryption-method enumeration. */
    public ServerFacts(List<InetAddress> addresses, Optional<InetSocketAddress> connectedAddress,
            Optional<NegotiationFacts> negotiation, Optional<TlsFacts> tls, Optional<CredSspFacts> credssp,
            Optional<UdpFacts> udp, Optional<List<SecurityLayerSupport>> securityLayers, Optional<Boolean> nlaRequired,
            Optional<CredentialCheck> credentialCheck) {
        this(addresses, connectedAddress, negotiation, tls, credssp, udp, securityLayers, nlaRequired, Optional.empty(),
                Optional.empty(), credentialCheck);
    }

    /** A copy with the resolved addresses set. */
    public ServerFacts withAddresses(List<InetAddress> value) {
        return new ServerFacts(value, connectedAddress, negotiation, tls, credssp, udp, securityLayers, nlaRequired, mcs,
                encryptionMethods, credentialCheck);
    }

    /** A copy with the connected address set ({@code null}: absent). */
    public ServerFacts withConnectedAddress(InetSocketAddress value) {
        return new ServerFacts(addresses, Optional.ofNullable(value), negotiation, tls, credssp, udp, securityLayers, nlaRequired,
                mcs, encryptionMethods, credentialCheck);
    }

    /** A copy with the negotiation set ({@code null}: absent). */
    public ServerFacts withNegotiation(NegotiationFacts value) {
        return new ServerFacts(addresses, connectedAddress, Optional.ofNullable(value), tls, credssp, udp, securityLayers,
                nlaRequired, mcs, encryptionMethods, credentialCheck);
    }

    /** A copy with the TLS facts set ({@code null}: absent). */
    public ServerFacts withTls(TlsFacts value) {
        return new ServerFacts(addresses, connectedAddress, negotiation, Optional.ofNullable(value), credssp, udp, securityLayers,
                nlaRequired, mcs, encryptionMethods, credentialCheck);
    }

    /** A copy with the CredSSP facts set ({@code null}: absent). */
    public ServerFacts withCredssp(CredSspFacts value) {
        return new ServerFacts(addresses, connectedAddress, negotiation, tls, Optional.ofNullable(value), udp, securityLayers,
                nlaRequired, mcs, encryptionMethods, credentialCheck);
    }

    /** A copy with the UDP facts set ({@code null}: absent). */
    public ServerFacts withUdp(UdpFacts value) {
        return new ServerFacts(addresses, connectedAddress, negotiation, tls, credssp, Optional.ofNullable(value), securityLayers,
                nlaRequired, mcs, encryptionMethods, credentialCheck);
    }

    /** A copy with the security-layer enumeration and what it says about NLA ({@code null}: unknown). */
    public ServerFacts withSecurityLayers(List<SecurityLayerSupport> value, Boolean nlaRequired) {
        return new ServerFacts(addresses, connectedAddress, negotiation, tls, credssp, udp, Optional.of(value),
                Optional.ofNullable(nlaRequired), mcs, encryptionMethods, credentialCheck);
    }

    /** A copy with the MCS Connect Response's facts set ({@code null}: absent). */
    public ServerFacts withMcs(McsFacts value) {
        return new ServerFacts(addresses, connectedAddress, negotiation, tls, credssp, udp, securityLayers, nlaRequired,
                Optional.ofNullable(value), encryptionMethods, credentialCheck);
    }

    /** A copy with the encryption-method enumeration set. */
    public ServerFacts withEncryptionMethods(List<EncryptionMethodSupport> value) {
        return new ServerFacts(addresses, connectedAddress, negotiation, tls, credssp, udp, securityLayers, nlaRequired, mcs,
                Optional.of(value), credentialCheck);
    }

    /** A copy with the credential check set ({@code null}: absent). */
    public ServerFacts withCredentialCheck(CredentialCheck value) {
        return new ServerFacts(addresses, connectedAddress, negotiation, tls, credssp, udp, securityLayers, nlaRequired, mcs,
                encryptionMethods, Optional.ofNullable(value));
    }
}
