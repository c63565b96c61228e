package dev.rdpprobe.testkit;

import dev.rdpprobe.core.internal.pdu.x224.NegotiationData;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Function;

/** What the fake server does when a Connection Request arrives (or, for {@link Silent}, does not). */
public sealed interface X224Step {

    /**
     * Answer with a Connection Confirm.
     *
     * @param answer computes the negotiation data from the request's requested protocols (bits); {@code null} result = legacy CC without negotiation data
     * @param closeAfter close the connection right after the confirm (what the spec demands after RDP_NEG_FAILURE)
     */
    record Confirm(Function<Integer, NegotiationData> answer, boolean closeAfter) implements X224Step {
        public Confirm {
            Objects.requireNonNull(answer, "answer");
        }
    }

    /** Close the connection (FIN) as soon as the Connection Request arrives. */
    record Close() implements X224Step {
    }

    /** Reset the connection (RST) as soon as the Connection Request arrives. */
    record Reset() implements X224Step {
    }

    /** Read the Connection Request and never answer. */
    record Silent() implements X224Step {
    }

    /** Half-close when the Connection Request arrives: shut down the output (FIN) and keep reading, never closing. */
    record HalfClose() implements X224Step {
    }

    /** Answer with these bytes, then stay silent (or close). */
    record Raw(byte[] bytes, boolean closeAfter) implements X224Step {
        public Raw {
            bytes = bytes.clone();
        }
    }

    /** Send these bytes one at a time, {@code interval} apart, then stay silent. */
    record Trickle(byte[] bytes, Duration interval) implements X224Step {
        public Trickle {
            bytes = bytes.clone();
            Objects.requireNonNull(interval, "interval");
        }
    }
}
