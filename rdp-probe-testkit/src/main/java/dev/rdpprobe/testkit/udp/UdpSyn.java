package dev.rdpprobe.testkit.udp;

import dev.rdpprobe.core.internal.pdu.rdpeudp.SynDataExPayload;
import dev.rdpprobe.core.internal.pdu.rdpeudp.SynDatagram;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * What a client's RDPEUDP SYN ([MS-RDPEUDP] 2.2.2.1) said, as a {@link FakeUdpResponder} decoded it:
 * its receive window, sequence number and MTUs, its version offer and correlation id if it carried them.
 */
public final class UdpSyn {

    private final int receiveWindow;
    private final int initialSequenceNumber;
    private final int upstreamMtu;
    private final int downstreamMtu;
    private final boolean synEx;
    private final Integer offeredVersion;
    private final byte[] cookieHash;
    private final byte[] correlationId;

    private UdpSyn(SynDatagram syn) {
        this.receiveWindow = syn.receiveWindow();
        this.initialSequenceNumber = syn.synData().initialSequenceNumber();
        this.upstreamMtu = syn.synData().upstreamMtu();
        this.downstreamMtu = syn.synData().downstreamMtu();
        SynDataExPayload ex = syn.synDataEx();
        this.synEx = ex != null;
        this.offeredVersion = ex != null && ex.versionValid() ? ex.udpVersion() : null;
        this.cookieHash = ex == null ? null : ex.cookieHash();
        this.correlationId = syn.correlationId() == null ? null : syn.correlationId().id();
    }

    static UdpSyn of(SynDatagram syn) {
        return new UdpSyn(syn);
    }

    /** uReceiveWindowSize. */
    public int receiveWindow() {
        return receiveWindow;
    }

    /** snInitialSequenceNumber. */
    public int initialSequenceNumber() {
        return initialSequenceNumber;
    }

    /** uUpStreamMtu. */
    public int upstreamMtu() {
        return upstreamMtu;
    }

    /** uDownStreamMtu. */
    public int downstreamMtu() {
        return downstreamMtu;
    }

    /** Whether the SYN carried the SYNEX payload (RDP_SYNDATAEX_PAYLOAD). */
    public boolean hasSynEx() {
        return synEx;
    }

    /** The RDPEUDP version the SYNEX payload offered (1, 2 or 0x101), if it carried one marked valid. */
    public OptionalInt offeredVersion() {
        return offeredVersion == null ? OptionalInt.empty() : OptionalInt.of(offeredVersion);
    }

    /** The 32-byte cookie hash a version-3 offer carries. */
    public Optional<byte[]> cookieHash() {
        return Optional.ofNullable(cookieHash == null ? null : cookieHash.clone());
    }

    /** The correlation id, if the SYN carried one. */
    public Optional<byte[]> correlationId() {
        return Optional.ofNullable(correlationId == null ? null : correlationId.clone());
    }

    @Override
    public String toString() {
        return "UdpSyn[window=" + receiveWindow + ", mtu=" + upstreamMtu + "/" + downstreamMtu
                + (synEx ? ", offers " + (offeredVersion == null ? "no valid version" : "version " + offeredVersion) : "")
                + (correlationId != null ? ", correlation id" : "") + "]";
    }
}
