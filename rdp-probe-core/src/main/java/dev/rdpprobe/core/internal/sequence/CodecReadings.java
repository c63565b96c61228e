package dev.rdpprobe.core.internal.sequence;

import dev.rdpprobe.core.internal.pdu.MalformedPduException;
import dev.rdpprobe.core.internal.pdu.credssp.CredSspAnswer;
import dev.rdpprobe.core.internal.pdu.ntlm.AvPair;
import dev.rdpprobe.core.internal.pdu.ntlm.NtlmChallenge;
import dev.rdpprobe.core.internal.pdu.ntlm.NtlmVersion;
import dev.rdpprobe.core.internal.pdu.ntlm.WindowsRelease;
import dev.rdpprobe.core.outcome.CredSspFacts;
import dev.rdpprobe.core.outcome.Failure;
import dev.rdpprobe.core.outcome.NtlmServerInfo;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The mapping from what the codecs read (wire-level values) to the outcome model. Codecs do not
 * know the model; the layer that reads them translates here, in one place.
 */
public final class CodecReadings {

    private CodecReadings() {
    }

    /** A decoder's complaint as an outcome failure (same PDU, field, offset and detail). */
    public static Failure.MalformedPdu failure(MalformedPduException e) {
        return new Failure.MalformedPdu(e.pdu(), e.field(), e.offset(), e.detail());
    }

    /**
     * What the server's CredSSP answer revealed.
     *
     * @param answer the decoded answer
     * @param receivedAt when it arrived, for the clock skew
     */
    public static CredSspFacts credSspFacts(CredSspAnswer answer, Instant receivedAt) {
        Objects.requireNonNull(receivedAt, "receivedAt");
        if (answer instanceof CredSspAnswer.Challenge challenge) {
            return CredSspFacts.challenge(challenge.version(), challenge.spnegoWrapped(),
                    serverInfo(challenge.challenge(), receivedAt));
        }
        if (answer instanceof CredSspAnswer.Error error) {
            NtlmServerInfo ntlm = error.challenge() == null ? null : serverInfo(error.challenge(), receivedAt);
            return new CredSspFacts(error.version(), error.spnegoWrapped(), Optional.ofNullable(ntlm),
                    Optional.of(error.ntStatus()), Optional.of(error.name()));
        }
        return new CredSspFacts(answer.version(), false, Optional.empty(), Optional.empty(), Optional.empty());
    }

    /**
     * The facts of an NTLM CHALLENGE received at {@code receivedAt}: names from the AV pairs, the
     * OS version (only when the VERSION field is present and non-zero), server time and clock skew
     * (server time minus arrival time).
     */
    public static NtlmServerInfo serverInfo(NtlmChallenge challenge, Instant receivedAt) {
        NtlmVersion version = challenge.version();
        boolean hasVersion = version != null && !version.isZero();
        Instant serverTime = challenge.timestamp();
        String targetName = challenge.targetName().isEmpty() ? null : challenge.targetName();
        return new NtlmServerInfo(
                targetName,
                challenge.avString(AvPair.MSV_AV_NB_COMPUTER_NAME),
                challenge.avString(AvPair.MSV_AV_NB_DOMAIN_NAME),
                challenge.avString(AvPair.MSV_AV_DNS_COMPUTER_NAME),
                challenge.avString(AvPair.MSV_AV_DNS_DOMAIN_NAME),
                challenge.avString(AvPair.MSV_AV_DNS_TREE_NAME),
                hasVersion ? version.osVersion() : null,
                hasVersion ? version.build() : null,
                hasVersion ? WindowsRelease.forVersion(version) : null,
                serverTime,
                serverTime == null ? null : Duration.between(receivedAt, serverTime),
                challenge.flags());
    }
}
