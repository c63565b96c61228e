package dev.rdpprobe.core.outcome;

import dev.rdpprobe.core.internal.pdu.x224.NegotiationFailureCode;
import dev.rdpprobe.core.internal.pdu.x224.SecurityProtocols;
import java.util.List;

/**
 * What the X.224 negotiation revealed.
 *
 * @param requested the protocols the probe requested
 * @param selected the protocol the server selected, or {@code null} if it refused or did not answer
 * @param responseFlags RDP_NEG_RSP flags (raw), 0 if none
 * @param responseFlagNames names of the set response flags (unknown bits in hex)
 * @param legacyConfirm true if the Connection Confirm carried no negotiation data (a legacy server)
 * @param failureCode the RDP_NEG_FAILURE code, or {@code null}
 */
public record NegotiationFacts(
        SecurityProtocols requested,
        SecurityProtocols selected,
        int responseFlags,
        List<String> responseFlagNames,
        boolean legacyConfirm,
        NegotiationFailureCode failureCode) {

    public NegotiationFacts {
        responseFlagNames = List.copyOf(responseFlagNames);
    }
}
