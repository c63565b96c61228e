package dev.rdpprobe.testkit.udp;

import dev.rdpprobe.core.internal.pdu.rdpeudp.SynDatagram;
import java.net.InetSocketAddress;
import java.util.Objects;

/**
 * One datagram a {@link FakeUdpResponder} received.
 *
 * @param bytes the whole UDP payload (copied in and out)
 * @param sender where it came from
 * @param syn the datagram decoded as an RDPEUDP SYN, or {@code null} if it is not a valid SYN
 */
public record ReceivedDatagram(byte[] bytes, InetSocketAddress sender, SynDatagram syn) {

    /** Copies the bytes; bytes and sender must not be null. */
    public ReceivedDatagram {
        bytes = Objects.requireNonNull(bytes, "bytes").clone();
        Objects.requireNonNull(sender, "sender");
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
        return syn != null;
    }
}
