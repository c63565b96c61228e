package dev.rdpprobe.core.outcome;

/**
 * What the start of CredSSP revealed.
 *
 * @param version the CredSSP (TSRequest) version the server answered with
 * @param spnegoWrapped whether the server wrapped its NTLM token in SPNEGO
 * @param ntlm the NTLM CHALLENGE facts, or {@code null} if the server sent none
 * @param errorCode the TSRequest errorCode (unsigned NTSTATUS), or {@code null}
 * @param errorName its name, or {@code null}
 */
public record CredSspFacts(int version, boolean spnegoWrapped, NtlmServerInfo ntlm, Long errorCode, String errorName) {
}
