package dev.rdpprobe.core.internal.sequence;

import dev.rdpprobe.core.internal.pdu.mcs.ConnectResponse;
import dev.rdpprobe.core.internal.pdu.mcs.ServerCertificate;
import dev.rdpprobe.core.internal.pdu.mcs.ServerDataBlocks;
import dev.rdpprobe.core.outcome.McsFacts;
import dev.rdpprobe.core.outcome.RdpServerCertificate;
import dev.rdpprobe.core.outcome.RdpVersion;
import dev.rdpprobe.core.outcome.SecurityProtocolSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The mapping from the MCS codec's Connect Response to the outcome model's {@link McsFacts}. */
final class McsReadings {

    private McsReadings() {
    }

    /** The facts of a Connect Response. */
    static McsFacts facts(ConnectResponse rsp, boolean insideTls, int offeredMethods) {
        ServerDataBlocks b = rsp.blocks();
        ServerDataBlocks.Core core = b == null ? null : b.core();
        ServerDataBlocks.Security sec = b == null ? null : b.security();
        ServerDataBlocks.Network net = b == null ? null : b.network();
        byte[] random = sec == null ? null : sec.serverRandom();
        return new McsFacts(rsp.result().value(), rsp.result().name(), insideTls, offeredMethods,
                Optional.ofNullable(core).map(c -> new RdpVersion(c.version())),
                Optional.ofNullable(core).map(ServerDataBlocks.Core::clientRequestedProtocols)
                        .map(v -> SecurityProtocolSet.fromBits((int) (long) v)),
                Optional.ofNullable(core).map(ServerDataBlocks.Core::earlyCapabilityFlags),
                Optional.ofNullable(sec).map(ServerDataBlocks.Security::encryptionMethod),
                Optional.ofNullable(sec).map(ServerDataBlocks.Security::encryptionLevel),
                random == null ? 0 : random.length,
                Optional.ofNullable(sec).map(ServerDataBlocks.Security::certificate).map(McsReadings::certificate),
                Optional.ofNullable(net).map(ServerDataBlocks.Network::ioChannel),
                net == null ? List.of() : net.channelIds(),
                Optional.ofNullable(b).map(ServerDataBlocks::messageChannel),
                Optional.ofNullable(b).map(ServerDataBlocks::multitransportFlags),
                b == null ? List.of() : b.unknown().stream()
                        .map(u -> String.format(Locale.ROOT, "0x%04X (%d bytes)", u.type(), u.length())).toList());
    }

    private static RdpServerCertificate certificate(ServerCertificate c) {
        if (c instanceof ServerCertificate.Proprietary p) {
            return new RdpServerCertificate(RdpServerCertificate.Kind.PROPRIETARY, p.temporary(), Optional.of(p.keyBits()),
                    Optional.of(p.publicExponent()), 0, 0);
        }
        if (c instanceof ServerCertificate.X509Chain x) {
            int bytes = x.certificateLengths().stream().mapToInt(Integer::intValue).sum();
            return new RdpServerCertificate(RdpServerCertificate.Kind.X509_CHAIN, x.temporary(), Optional.empty(),
                    Optional.empty(), x.certificateLengths().size(), bytes);
        }
        return new RdpServerCertificate(RdpServerCertificate.Kind.UNKNOWN, c.temporary(), Optional.empty(), Optional.empty(), 0, 0);
    }
}
