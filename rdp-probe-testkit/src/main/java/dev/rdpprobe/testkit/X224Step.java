package dev.rdpprobe.testkit;

import dev.rdpprobe.core.outcome.SecurityProtocol;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/** What the fake server does when a Connection Request arrives: answer with a Connection Confirm, or perform an effect. */
public sealed interface X224Step {

    /**
     * Answer with a Connection Confirm.
     *
     * @param answer computes the confirm's negotiation data from the protocols the client requested
     *     (empty for a request without RDP_NEG_REQ)
     * @param closeAfterRefusal close the connection right after an RDP_NEG_FAILURE (what the spec demands),
     *     or keep it open and silent (FreeRDP's behaviour)
     */
    record Confirm(Function<Set<SecurityProtocol>, Answer> answer, boolean closeAfterRefusal) implements X224Step {
        /** Checks the function is there. */
        public Confirm {
            Objects.requireNonNull(answer, "answer");
        }
    }

    /** Perform {@code effect} when the Connection Request arrives (close, reset, half-close, stall, raw bytes, trickle). */
    record Act(ConnectionEffect effect) implements X224Step {
        /** Checks the effect is there. */
        public Act {
            Objects.requireNonNull(effect, "effect");
        }
    }

    /** The negotiation data of a Connection Confirm. */
    sealed interface Answer {
        /** RDP_NEG_RSP selecting {@code protocol}; TLS follows unless it is {@link SecurityProtocol#RDP}. */
        record Select(SecurityProtocol protocol) implements Answer {
            /** Checks the protocol is there. */
            public Select {
                Objects.requireNonNull(protocol, "protocol");
            }
        }

        /** RDP_NEG_FAILURE with {@code refusal}'s code. */
        record Refuse(NegotiationRefusal refusal) implements Answer {
            /** Checks the refusal is there. */
            public Refuse {
                Objects.requireNonNull(refusal, "refusal");
            }
        }

        /** No negotiation data at all: a legacy server that knows only Standard RDP Security. */
        record Legacy() implements Answer {
        }
    }
}
