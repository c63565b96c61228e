package dev.rdpprobe.core.internal.pdu.credssp;

import dev.rdpprobe.core.outcome.CredSspFacts;
import java.util.Objects;

/**
 * How a server answered the probe's first TSRequest, as read by
 * {@link CredSspMessages#readServerAnswer}.
 */
public sealed interface CredSspAnswer {

    /** What was learned, in every case. */
    CredSspFacts facts();

    /**
     * The server sent an NTLM CHALLENGE: the start of CredSSP works. {@code facts().ntlm()} is filled.
     *
     * @param facts the facts
     */
    record Challenge(CredSspFacts facts) implements CredSspAnswer {
        /** Requires facts with NTLM information. */
        public Challenge {
            Objects.requireNonNull(facts, "facts");
            Objects.requireNonNull(facts.ntlm(), "facts.ntlm");
        }
    }

    /**
     * The server answered with an errorCode (which wins over any token next to it).
     *
     * @param facts the facts (errorCode and errorName filled; ntlm filled only if a valid CHALLENGE came too)
     * @param ntStatus the errorCode as an unsigned 32-bit NTSTATUS
     * @param name its name from {@link NtStatus#name(long)}
     */
    record Error(CredSspFacts facts, long ntStatus, String name) implements CredSspAnswer {
        /** Requires facts and name. */
        public Error {
            Objects.requireNonNull(facts, "facts");
            Objects.requireNonNull(name, "name");
        }
    }

    /**
     * A well-formed TSRequest that carries neither a CHALLENGE nor an errorCode.
     *
     * @param facts the facts (version only)
     * @param what what the server sent instead, in words
     */
    record NoChallenge(CredSspFacts facts, String what) implements CredSspAnswer {
        /** Requires facts and a description. */
        public NoChallenge {
            Objects.requireNonNull(facts, "facts");
            Objects.requireNonNull(what, "what");
        }
    }
}
