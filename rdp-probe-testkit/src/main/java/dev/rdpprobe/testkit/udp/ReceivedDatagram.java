package dev.rdpprobe.testkit.udp;

import java.net.InetSocketAddress;
import java.util.Objects;
import java.util.Optional;

/**
 * One datagram a {@link FakeUdpResponder} received.
 *
 * @param bytes the whole UDP payload (copied in and out)
 * @param sender where it came from
 * @param syn the datagram decoded as an RDPEUDP SYN, empty if it is not a valid SYN
 */
public record ReceivedDatagram(byte[] bytes, InetSocketAddress sender, Optional<UdpSyn> syn) {

    /** Copies the bytes; no component may be null. */
    public ReceivedDatagram {
        bytes = Objects.requireNonNull(bytes, "bytes").clone();
        Objects.requireNonNull(sender, "sender");
        Objects.requireNonNull(syn, "syn");
    }

    /** The payload (a copy). */
    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    /** The payload length. */
    public int length() {
        return bytes.length;
    }

    /** Whether it decoded as an RDPEUDP SYN. */
    public boolean isSyn() {
        return syn.isPresent();
    }
}
