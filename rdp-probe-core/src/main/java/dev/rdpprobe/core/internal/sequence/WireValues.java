package dev.rdpprobe.core.internal.sequence;

import dev.rdpprobe.core.internal.pdu.x224.NegotiationFailureCode;
import dev.rdpprobe.core.internal.pdu.x224.SecurityProtocols;
import dev.rdpprobe.core.outcome.NegotiationFailure;
import dev.rdpprobe.core.outcome.SecurityProtocolSet;

/**
 * The one mapping between the X.224 codec's wire-level values and the outcome model's typed values: the
 * codec keeps its own types, the model never sees them.
 */
public final class WireValues {

    private WireValues() {
    }

    /** The model's protocol set for a codec value (unknown bits kept). */
    public static SecurityProtocolSet model(SecurityProtocols wire) {
        return SecurityProtocolSet.fromBits(wire.bits());
    }

    /** The codec value to encode a model protocol set. */
    public static SecurityProtocols wire(SecurityProtocolSet model) {
        return SecurityProtocols.of(model.bits());
    }

    /** The model's negotiation failure for a codec failureCode (unknown codes kept). */
    public static NegotiationFailure model(NegotiationFailureCode wire) {
        return new NegotiationFailure(wire.value());
    }
}
