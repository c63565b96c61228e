package dev.rdpprobe.core.outcome;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;

/**
 * Everything the server revealed. Parts the probe did not reach are {@code null}.
 *
 * @param addresses every address the name resolved to (the literal itself for an IP target)
 * @param connectedAddress the address the TCP connection was made to, or {@code null}
 * @param negotiation the X.224 negotiation, or {@code null}
 * @param tls the TLS handshake, or {@code null}
 * @param credssp the start of CredSSP, or {@code null}
 * @param udp the RDPEUDP probe, or {@code null}
 * @param securityLayers security-layer enumeration, or {@code null} if it was not requested
 * @param nlaRequired whether the server requires NLA (from the enumeration), or {@code null} if unknown
 */
public record ServerFacts(
        List<InetAddress> addresses,
        InetSocketAddress connectedAddress,
        NegotiationFacts negotiation,
        TlsFacts tls,
        CredSspFacts credssp,
        UdpFacts udp,
        List<SecurityLayerSupport> securityLayers,
        Boolean nlaRequired) {

    /** Facts of a probe that learned nothing. */
    public static final ServerFacts NONE = new ServerFacts(List.of(), null, null, null, null, null, null, null);

    public ServerFacts {
        addresses = List.copyOf(addresses);
        securityLayers = securityLayers == null ? null : List.copyOf(securityLayers);
    }

    public ServerFacts withAddresses(List<InetAddress> value) {
        return new ServerFacts(value, connectedAddress, negotiation, tls, credssp, udp, securityLayers, nlaRequired);
    }

    public ServerFacts withConnectedAddress(InetSocketAddress value) {
        return new ServerFacts(addresses, value, negotiation, tls, credssp, udp, securityLayers, nlaRequired);
    }

    public ServerFacts withNegotiation(NegotiationFacts value) {
        return new ServerFacts(addresses, connectedAddress, value, tls, credssp, udp, securityLayers, nlaRequired);
    }

    public ServerFacts withTls(TlsFacts value) {
        return new ServerFacts(addresses, connectedAddress, negotiation, value, credssp, udp, securityLayers, nlaRequired);
    }

    public ServerFacts withCredssp(CredSspFacts value) {
        return new ServerFacts(addresses, connectedAddress, negotiation, tls, value, udp, securityLayers, nlaRequired);
    }

    public ServerFacts withUdp(UdpFacts value) {
        return new ServerFacts(addresses, connectedAddress, negotiation, tls, credssp, value, securityLayers, nlaRequired);
    }

    public ServerFacts withSecurityLayers(List<SecurityLayerSupport> value, Boolean nlaRequired) {
        return new ServerFacts(addresses, connectedAddress, negotiation, tls, credssp, udp, value, nlaRequired);
    }
}
