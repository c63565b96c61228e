package dev.rdpprobe.testkit;

import java.util.Optional;

/**
 * What the fake NLA server found when it checked a client's AUTHENTICATE for real
 * ({@link RecordedConnection#nlaVerification()}).
 *
 * @param user the user name the client sent
 * @param domain the domain the client sent
 * @param knownUser whether the user table has that account
 * @param responseValid whether the NTLMv2 response verifies against the account's password
 * @param micValid whether the MIC verifies over NEGOTIATE, CHALLENGE and AUTHENTICATE (false without a MIC)
 * @param channelBindingsValid whether MsvAvChannelBindings is the MD5 of the server certificate's
 *     tls-server-end-point binding (false without one)
 * @param targetName the MsvAvTargetName the client sent, if any
 * @param pubKeyAuthValid whether the client's pubKeyAuth unseals to the value of [MS-CSSP] 3.1.5 for the server's key
 * @param credsspVersion the TSRequest version of the client's AUTHENTICATE
 * @param channelBindingsSent whether the client sent channel bindings at all: an MsvAvChannelBindings that is not
 *     all zeros (FreeRDP 2 sends sixteen zero bytes, older clients none)
 * @param micSent whether the client declared a MIC (MsvAvFlags bit 0x2 in its NTLMv2 response)
 */
public record NlaVerification(String user, String domain, boolean knownUser, boolean responseValid, boolean micValid,
        boolean channelBindingsValid, Optional<String> targetName, boolean pubKeyAuthValid, int credsspVersion,
        boolean channelBindingsSent, boolean micSent) {

    /**
     * A verification of a client that sent channel bindings and a MIC exactly when they are valid (the record's first
     * form).
     */
    public NlaVerification(String user, String domain, boolean knownUser, boolean responseValid, boolean micValid,
            boolean channelBindingsValid, Optional<String> targetName, boolean pubKeyAuthValid, int credsspVersion) {
        this(user, domain, knownUser, responseValid, micValid, channelBindingsValid, targetName, pubKeyAuthValid, credsspVersion,
                channelBindingsValid, micValid);
    }

    /** Whether everything verified, channel bindings included. */
    public boolean allValid() {
        return knownUser && responseValid && micValid && channelBindingsValid && pubKeyAuthValid;
    }

    /**
     * Whether the server lets the client in, as Windows does by default ([MS-NLMP] 3.2.5.1.2; Extended Protection
     * "when supported"): the response and the pubKeyAuth verified, the MIC verified if the client declared one, the
     * channel bindings verified if it sent any. A declared MIC that does not verify, or bindings that do not match the
     * server's certificate (a TLS-terminating machine in between), fail.
     */
    public boolean passes() {
        return knownUser && responseValid && (micValid || !micSent) && (channelBindingsValid || !channelBindingsSent)
                && pubKeyAuthValid;
    }
}
