package dev.rdpprobe.core.internal.sequence;

import dev.rdpprobe.core.outcome.CredSspFacts;
import dev.rdpprobe.core.outcome.NegotiationFacts;
import dev.rdpprobe.core.outcome.Phase;
import dev.rdpprobe.core.outcome.PhaseResult;
import dev.rdpprobe.core.outcome.TlsFacts;
import dev.rdpprobe.core.outcome.UdpFacts;
import java.util.Objects;

/** What a machine reports as it goes ({@link Action.Report}), for the probe's listener. */
public sealed interface ProbeEvent {

    /** A phase began (phases that are skipped or never reached do not begin). */
    record PhaseStarted(Phase phase) implements ProbeEvent {
        public PhaseStarted {
            Objects.requireNonNull(phase, "phase");
        }
    }

    /** A phase's result is known: OK, a problem, or SKIPPED / NOT_REACHED. Reported once per phase. */
    record PhaseEnded(PhaseResult result) implements ProbeEvent {
        public PhaseEnded {
            Objects.requireNonNull(result, "result");
        }
    }

    /** The server answered the X.224 negotiation (a response or a failure code). */
    record Negotiated(NegotiationFacts facts) implements ProbeEvent {
        public Negotiated {
            Objects.requireNonNull(facts, "facts");
        }
    }

    /** The TLS handshake completed and the chain was inspected. */
    record TlsEstablished(TlsFacts facts) implements ProbeEvent {
        public TlsEstablished {
            Objects.requireNonNull(facts, "facts");
        }
    }

    /** The server's first TSRequest was read (a CHALLENGE, an error, or something else). */
    record CredSspAnswered(CredSspFacts facts) implements ProbeEvent {
        public CredSspAnswered {
            Objects.requireNonNull(facts, "facts");
        }
    }

    /** The server answered the RDPEUDP SYN with a valid SYN+ACK. */
    record UdpAnswered(UdpFacts facts) implements ProbeEvent {
        public UdpAnswered {
            Objects.requireNonNull(facts, "facts");
        }
    }
}
