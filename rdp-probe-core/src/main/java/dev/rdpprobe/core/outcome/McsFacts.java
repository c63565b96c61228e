package dev.rdpprobe.core.outcome;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * What the server's MCS Connect Response revealed ([MS-RDPBCGR] 2.2.1.4): the T.125 result, and from the
 * server data blocks its RDP version, its Standard RDP Security choice, certificate, channels and
 * multitransport (UDP) offer. Raw values are kept; the typed accessors name them.
 *
 * @param resultCode the T.125 Connect-Response result (0: rt-successful)
 * @param resultName its T.125 name, e.g. "rt-successful", "rt-not-admitted"
 * @param insideTls whether the exchange ran inside TLS (TLS-only servers) rather than in the clear
 * @param offeredEncryptionMethods the TS_UD_CS_SEC encryptionMethods the probe offered
 * @param serverVersion TS_UD_SC_CORE.version; empty without SC_CORE
 * @param clientRequestedProtocols TS_UD_SC_CORE's echo of the requested protocols; empty if absent
 * @param earlyCapabilityFlags TS_UD_SC_CORE.earlyCapabilityFlags; empty if absent
 * @param encryptionMethodValue TS_UD_SC_SEC1.encryptionMethod; empty without SC_SECURITY
 * @param encryptionLevelValue TS_UD_SC_SEC1.encryptionLevel; empty without SC_SECURITY
 * @param serverRandomLength the length of the server random (32 with Standard RDP Security, else 0)
 * @param certificate the Standard RDP Security server certificate; empty if none was sent
 * @param ioChannel TS_UD_SC_NET.MCSChannelId (1003); empty without SC_NET
 * @param channelIds the static channel ids (none: the probe asks for none)
 * @param messageChannel TS_UD_SC_MCS_MSGCHANNEL's channel id; empty if absent
 * @param multitransportFlags TS_UD_SC_MULTITRANSPORT.flags; empty if the server sent no such block
 * @param unknownBlocks other server blocks, as "0xTYPE (N bytes)"
 */
public record McsFacts(int resultCode, String resultName, boolean insideTls, int offeredEncryptionMethods,
        Optional<RdpVersion> serverVersion, Optional<SecurityProtocolSet> clientRequestedProtocols,
        Optional<Long> earlyCapabilityFlags, Optional<Long> encryptionMethodValue, Optional<Long> encryptionLevelValue,
        int serverRandomLength, Optional<RdpServerCertificate> certificate, Optional<Integer> ioChannel,
        List<Integer> channelIds, Optional<Integer> messageChannel, Optional<Long> multitransportFlags,
        List<String> unknownBlocks) {

    /** TRANSPORTTYPE_UDPFECR: reliable UDP. */
    public static final long TRANSPORTTYPE_UDPFECR = 0x01;
    /** TRANSPORTTYPE_UDPFECL: lossy UDP. */
    public static final long TRANSPORTTYPE_UDPFECL = 0x04;

    private static final long[] EARLY_BITS = {0x1, 0x2, 0x4, 0x8};
    private static final String[] EARLY_NAMES = {"RNS_UD_SC_EDGE_ACTIONS_SUPPORTED_V1", "RNS_UD_SC_DYNAMIC_DST_SUPPORTED",
        "RNS_UD_SC_EDGE_ACTIONS_SUPPORTED_V2", "RNS_UD_SC_SKIP_CHANNELJOIN_SUPPORTED"};
    private static final long[] TRANSPORT_BITS = {0x01, 0x04, 0x100, 0x200};
    private static final String[] TRANSPORT_NAMES = {"TRANSPORTTYPE_UDPFECR", "TRANSPORTTYPE_UDPFECL",
        "TRANSPORTTYPE_UDP_PREFERRED", "SOFTSYNC_TCP_TO_UDP"};

    public McsFacts {
        Objects.requireNonNull(resultName, "resultName");
        Objects.requireNonNull(serverVersion, "serverVersion");
        Objects.requireNonNull(clientRequestedProtocols, "clientRequestedProtocols");
        Objects.requireNonNull(earlyCapabilityFlags, "earlyCapabilityFlags");
        Objects.requireNonNull(encryptionMethodValue, "encryptionMethodValue");
        Objects.requireNonNull(encryptionLevelValue, "encryptionLevelValue");
        Objects.requireNonNull(certificate, "certificate");
        Objects.requireNonNull(ioChannel, "ioChannel");
        Objects.requireNonNull(messageChannel, "messageChannel");
        Objects.requireNonNull(multitransportFlags, "multitransportFlags");
        channelIds = List.copyOf(channelIds);
        unknownBlocks = List.copyOf(unknownBlocks);
    }

    /** Whether the server accepted the connection (rt-successful). */
    public boolean successful() {
        return resultCode == 0;
    }

    /** The encryption method the server chose, when it is one known method. */
    public Optional<EncryptionMethod> encryptionMethod() {
        return encryptionMethodValue.flatMap(EncryptionMethod::fromWire);
    }

    /** The encryption level the server enforces, when it is a known level. */
    public Optional<EncryptionLevel> encryptionLevel() {
        return encryptionLevelValue.flatMap(EncryptionLevel::fromWire);
    }

    /** The proprietary certificate's RSA key size, if the server sent one. */
    public Optional<Integer> rsaKeyBits() {
        return certificate.flatMap(RdpServerCertificate::rsaKeyBits);
    }

    /** Names of the set early capability flags (unknown bits in hex); empty if absent. */
    public List<String> earlyCapabilityFlagNames() {
        return earlyCapabilityFlags.map(f -> names(f, EARLY_BITS, EARLY_NAMES)).orElse(List.of());
    }

    /** Names of the set multitransport flags (unknown bits in hex); empty if absent. */
    public List<String> multitransportFlagNames() {
        return multitransportFlags.map(f -> names(f, TRANSPORT_BITS, TRANSPORT_NAMES)).orElse(List.of());
    }

    /**
     * Whether the server offers UDP multitransport (reliable or lossy): it sent TS_UD_SC_MULTITRANSPORT with
     * TRANSPORTTYPE_UDPFECR or TRANSPORTTYPE_UDPFECL.
     */
    public boolean offersUdp() {
        return multitransportFlags.map(f -> (f & (TRANSPORTTYPE_UDPFECR | TRANSPORTTYPE_UDPFECL)) != 0).orElse(false);
    }

    private static List<String> names(long flags, long[] bits, String[] names) {
        List<String> out = new ArrayList<>();
        long rest = flags;
        for (int i = 0; i < bits.length; i++) {
            if ((flags & bits[i]) != 0) {
                out.add(names[i]);
                rest &= ~bits[i];
            }
        }
        if (rest != 0) {
            out.add(String.format(Locale.ROOT, "0x%X", rest));
        }
        return out;
    }
}
