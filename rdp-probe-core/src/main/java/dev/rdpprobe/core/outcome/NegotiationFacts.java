package dev.rdpprobe.core.outcome;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What the X.224 negotiation revealed.
 *
 * <p>A test reads it as {@code assertThat(negotiation.selected()).contains(SecurityProtocol.HYBRID_EX)}.
 *
 * @param requested the protocols the probe requested
 * @param selectedValue the RDP_NEG_RSP selectedProtocol as it came (unknown bits kept; {@code RDP} for a legacy
 *     confirm); empty when the server refused
 * @param responseFlags RDP_NEG_RSP flags (raw), 0 if none
 * @param responseFlagNames names of the set response flags (unknown bits in hex)
 * @param legacyConfirm true if the Connection Confirm carried no negotiation data (a legacy server)
 * @param failure the RDP_NEG_FAILURE code when the server refused, else empty
 */
public record NegotiationFacts(
        SecurityProtocolSet requested,
        Optional<SecurityProtocolSet> selectedValue,
        int responseFlags,
        List<String> responseFlagNames,
        boolean legacyConfirm,
        Optional<NegotiationFailure> failure) {

    public NegotiationFacts {
        Objects.requireNonNull(requested, "requested");
        Objects.requireNonNull(selectedValue, "selectedValue");
        Objects.requireNonNull(failure, "failure");
        responseFlagNames = List.copyOf(responseFlagNames);
    }

    /** The server selected {@code selected} with RDP_NEG_RSP. */
    public static NegotiationFacts selected(SecurityProtocolSet requested, SecurityProtocolSet selected, int responseFlags,
            List<String> responseFlagNames) {
        return new NegotiationFacts(requested, Optional.of(selected), responseFlags, responseFlagNames, false, Optional.empty());
    }

    /** A legacy Connection Confirm without negotiation data: Standard RDP Security. */
    public static NegotiationFacts legacy(SecurityProtocolSet requested) {
        return new NegotiationFacts(requested, Optional.of(SecurityProtocolSet.of(SecurityProtocol.RDP)), 0, List.of(), true,
                Optional.empty());
    }

    /** The server refused with RDP_NEG_FAILURE. */
    public static NegotiationFacts refused(SecurityProtocolSet requested, NegotiationFailure failure) {
        return new NegotiationFacts(requested, Optional.empty(), 0, List.of(), false, Optional.of(failure));
    }

    /**
     * The protocol the server selected; empty when it refused, or when its selectedProtocol is not one known
     * protocol (then {@link #selectedValue()} holds the raw value).
     */
    public Optional<SecurityProtocol> selected() {
        return selectedValue.flatMap(SecurityProtocolSet::single);
    }
}
