package dev.rdpprobe.core.outcome;

import java.util.Objects;
import java.util.Optional;

/**
 * The server's answer to a request for exactly one security protocol (security-layer enumeration).
 *
 * @param protocol the protocol requested alone
 * @param accepted whether the server selected exactly that protocol
 * @param selected what the server selected (also when it is {@code protocol}); empty when it selected nothing
 * @param failure the RDP_NEG_FAILURE if it refused, else empty
 * @param detail anything else (selected another protocol, closed, timed out …), else empty
 */
public record SecurityLayerSupport(SecurityProtocol protocol, boolean accepted, Optional<SecurityProtocolSet> selected,
        Optional<NegotiationFailure> failure, Optional<String> detail) {

    public SecurityLayerSupport {
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(selected, "selected");
        Objects.requireNonNull(failure, "failure");
        Objects.requireNonNull(detail, "detail");
    }

    /** The request for {@code protocol} ended without a negotiation answer, for the reason {@code detail}. */
    public static SecurityLayerSupport unanswered(SecurityProtocol protocol, String detail) {
        return new SecurityLayerSupport(protocol, false, Optional.empty(), Optional.empty(), Optional.of(detail));
    }
}
