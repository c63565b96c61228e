package dev.rdpprobe.testkit;

/**
 * How the fake NLA server answers a client's AUTHENTICATE ({@link CredSspStep.Nla}): accept with a valid
 * {@code pubKeyAuth}, an errorCode, a wrong or missing {@code pubKeyAuth}, a close, or silence.
 */
public sealed interface NlaAnswer {

    /** Accept: a TSRequest whose pubKeyAuth proves the server holds the TLS key ([MS-CSSP] 3.1.5 step 3). */
    record Accept() implements NlaAnswer {
    }

    /** A TSRequest with this errorCode (an NTSTATUS such as 0xC000006D STATUS_LOGON_FAILURE). */
    record Status(long ntStatus) implements NlaAnswer {
    }

    /** Accept, but with a pubKeyAuth over another key: what a TLS-terminating machine in between would send. */
    record WrongPubKeyAuth() implements NlaAnswer {
    }

    /** Accept, but send a TSRequest without pubKeyAuth (and without errorCode). */
    record NoPubKeyAuth() implements NlaAnswer {
    }

    /** Close the connection without an answer (what FreeRDP's shadow server does for a wrong password). */
    record Close() implements NlaAnswer {
    }

    /** Read the AUTHENTICATE and never answer. */
    record Silent() implements NlaAnswer {
    }

    /** Accept. */
    static NlaAnswer accept() {
        return new Accept();
    }

    /** Answer with this NTSTATUS. */
    static NlaAnswer status(long ntStatus) {
        return new Status(ntStatus);
    }
}
