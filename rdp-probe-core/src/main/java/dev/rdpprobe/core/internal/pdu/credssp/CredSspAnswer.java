package dev.rdpprobe.core.internal.pdu.credssp;

import dev.rdpprobe.core.internal.pdu.ntlm.NtlmChallenge;
import java.util.Objects;

/**
 * How a server answered the probe's first TSRequest, as read by
 * {@link CredSspMessages#readServerAnswer}: wire-level values only (what they mean for the outcome
 * is decided by the layer that reads codecs).
 */
public sealed interface CredSspAnswer {

    /** The TSRequest version the server answered with. */
    int version();

    /**
     * The server sent an NTLM CHALLENGE: the start of CredSSP works.
     *
     * @param version the TSRequest version
     * @param spnegoWrapped whether the CHALLENGE was not the raw negoToken (SPNEGO or found by search)
     * @param challenge the decoded CHALLENGE
     */
    record Challenge(int version, boolean spnegoWrapped, NtlmChallenge challenge) implements CredSspAnswer {
        /** Requires the challenge. */
        public Challenge {
            Objects.requireNonNull(challenge, "challenge");
        }
    }

    /**
     * The server answered with an errorCode (which wins over any token next to it).
     *
     * @param version the TSRequest version
     * @param spnegoWrapped whether a CHALLENGE next to the errorCode was wrapped (false without one)
     * @param challenge a valid CHALLENGE sent next to the errorCode, or {@code null}
     * @param ntStatus the errorCode as an unsigned 32-bit NTSTATUS
     * @param name its name from {@link NtStatus#name(long)}
     */
    record Error(int version, boolean spnegoWrapped, NtlmChallenge challenge, long ntStatus, String name)
            implements CredSspAnswer {
        /** Requires the name. */
        public Error {
            Objects.requireNonNull(name, "name");
        }
    }

    /**
     * A well-formed TSRequest that carries neither a CHALLENGE nor an errorCode.
     *
     * @param version the TSRequest version
     * @param what what the server sent instead, in words
     */
    record NoChallenge(int version, String what) implements CredSspAnswer {
        /** Requires a description. */
        public NoChallenge {
            Objects.requireNonNull(what, "what");
        }
    }
}
