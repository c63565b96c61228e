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
 */
public record NlaVerification(String user, String domain, boolean knownUser, boolean responseValid, boolean micValid,
        boolean channelBindingsValid, Optional<String> targetName, boolean pubKeyAuthValid, int credsspVersion) {

    /** Whether everything verified. */
    public boolean allValid() {
        return knownUser && responseValid && micValid && channelBindingsValid && pubKeyAuthValid;
    }
}
