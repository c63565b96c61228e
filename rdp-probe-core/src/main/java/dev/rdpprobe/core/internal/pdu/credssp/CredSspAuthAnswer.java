package dev.rdpprobe.core.internal.pdu.credssp;

import java.util.Objects;

/**
 * How a server answered the client's TSRequest with the AUTHENTICATE and pubKeyAuth, as read by
 * {@link CredSspMessages#readAuthAnswer}: wire-level values only.
 */
public sealed interface CredSspAuthAnswer {

    /** The TSRequest version the server answered with. */
    int version();

    /**
     * The server answered with an errorCode (which wins over anything next to it).
     *
     * @param version the TSRequest version
     * @param ntStatus the errorCode as an unsigned 32-bit NTSTATUS
     * @param name its name from {@link NtStatus#name(long)}
     */
    record Error(int version, long ntStatus, String name) implements CredSspAuthAnswer {
        /** Requires the name. */
        public Error {
            Objects.requireNonNull(name, "name");
        }
    }

    /**
     * The server answered with a pubKeyAuth (sealed; the caller unseals and checks it).
     *
     * @param version the TSRequest version
     * @param pubKeyAuth the sealed value: NTLM signature then encrypted data
     */
    record PubKeyAuth(int version, byte[] pubKeyAuth) implements CredSspAuthAnswer {
        /** Copies the value. */
        public PubKeyAuth {
            pubKeyAuth = pubKeyAuth.clone();
        }

        /** A copy of the sealed value. */
        @Override
        public byte[] pubKeyAuth() {
            return pubKeyAuth.clone();
        }
    }

    /**
     * A well-formed TSRequest with neither an errorCode nor a pubKeyAuth.
     *
     * @param version the TSRequest version
     * @param what what it carried instead, in words
     */
    record Neither(int version, String what) implements CredSspAuthAnswer {
        /** Requires a description. */
        public Neither {
            Objects.requireNonNull(what, "what");
        }
    }
}
