package dev.rdpprobe.core.outcome;

import java.util.Objects;
import java.util.Optional;

/**
 * What the start of CredSSP revealed.
 *
 * @param version the CredSSP (TSRequest) version the server answered with
 * @param spnegoWrapped whether the server wrapped its NTLM token in SPNEGO
 * @param ntlm the NTLM CHALLENGE facts; empty if the server sent none
 * @param errorCode the TSRequest errorCode (unsigned NTSTATUS); empty if none
 * @param errorName its name; empty if there is no errorCode
 */
public record CredSspFacts(int version, boolean spnegoWrapped, Optional<NtlmServerInfo> ntlm, Optional<Long> errorCode,
        Optional<String> errorName) {

    public CredSspFacts {
        Objects.requireNonNull(ntlm, "ntlm");
        Objects.requireNonNull(errorCode, "errorCode");
        Objects.requireNonNull(errorName, "errorName");
    }

    /** The server answered with an NTLM CHALLENGE. */
    public static CredSspFacts challenge(int version, boolean spnegoWrapped, NtlmServerInfo ntlm) {
        return new CredSspFacts(version, spnegoWrapped, Optional.of(ntlm), Optional.empty(), Optional.empty());
    }

    /** The server answered with a TSRequest errorCode. */
    public static CredSspFacts error(int version, long errorCode, String errorName) {
        return new CredSspFacts(version, false, Optional.empty(), Optional.of(errorCode), Optional.of(errorName));
    }
}
