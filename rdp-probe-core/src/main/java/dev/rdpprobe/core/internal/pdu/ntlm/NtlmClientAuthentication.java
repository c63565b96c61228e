package dev.rdpprobe.core.internal.pdu.ntlm;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The client's AUTHENTICATE_MESSAGE for a CHALLENGE, as a current Windows client builds it for CredSSP
 * ([MS-NLMP] 3.1.5.1.2): NTLMv2 responses over the server's AV pairs plus MsvAvFlags (MIC present),
 * MsvAvChannelBindings and MsvAvTargetName; the time from the CHALLENGE's MsvAvTimestamp when there is
 * one (and then no LMv2 response), else the client's; key exchange; and the MIC over
 * NEGOTIATE ‖ CHALLENGE ‖ AUTHENTICATE. Pure: the random values and the time come in.
 *
 * <p>Requires extended session security (what every CredSSP server negotiates); a CHALLENGE without
 * it is refused with {@link IllegalArgumentException}, since its NTLMv1 session security is not spoken.
 */
public final class NtlmClientAuthentication {

    /** MsvAvFlags bit: the message carries a MIC. */
    public static final int AV_FLAG_MIC_PRESENT = 0x2;

    /** The flags of the probe's NEGOTIATE the AUTHENTICATE may echo, plus TARGET_INFO (which a client echoes). */
    private static final long ECHOED = NtlmFlags.PROBE_NEGOTIATE | NtlmFlags.NEGOTIATE_TARGET_INFO;

    private NtlmClientAuthentication() {
    }

    /**
     * What the client needs besides the CHALLENGE.
     *
     * @param user the user name
     * @param domain the user's domain ("" for a local account)
     * @param workstation the client's name as sent ("" for none)
     * @param ntHash the NT hash of the password (not retained)
     * @param channelBindings the 16-byte MsvAvChannelBindings value, or {@code null} to send none
     * @param targetName the SPN for MsvAvTargetName (e.g. {@code TERMSRV/host}), or {@code null} to send none
     * @param clientChallenge 8 random bytes
     * @param exportedSessionKey 16 random bytes (the key exchange's RandomSessionKey)
     * @param fileTime the client's time as 8 little-endian FILETIME bytes, used when the CHALLENGE has no timestamp
     */
    public record Inputs(String user, String domain, String workstation, byte[] ntHash, byte[] channelBindings,
            String targetName, byte[] clientChallenge, byte[] exportedSessionKey, byte[] fileTime) {
        /** Checks presence; arrays are not copied (the caller wipes them). */
        public Inputs {
            Objects.requireNonNull(user, "user");
            Objects.requireNonNull(ntHash, "ntHash");
            Objects.requireNonNull(clientChallenge, "clientChallenge");
            Objects.requireNonNull(exportedSessionKey, "exportedSessionKey");
            Objects.requireNonNull(fileTime, "fileTime");
            domain = domain == null ? "" : domain;
            workstation = workstation == null ? "" : workstation;
        }

        /** Never prints a secret. */
        @Override
        public String toString() {
            return "Inputs[user=" + user + ", domain=" + domain + ", secrets not shown]";
        }
    }

    /**
     * The result.
     *
     * @param message the encoded AUTHENTICATE_MESSAGE (its NT response is crackable offline: never log it)
     * @param flags the flags it carries
     * @param keys the session's signing and sealing keys
     */
    public record Result(byte[] message, long flags, NtlmSessionKeys keys) {
        /** Sizes only. */
        @Override
        public String toString() {
            return "Result[message=" + message.length + " bytes, not shown]";
        }
    }

    /**
     * Builds the AUTHENTICATE_MESSAGE.
     *
     * @param negotiate the NEGOTIATE_MESSAGE as sent
     * @param challengeBytes the CHALLENGE_MESSAGE as received
     * @param challenge its decoding
     * @param in the client's values
     * @throws IllegalArgumentException if the CHALLENGE does not negotiate extended session security
     */
    public static Result authenticate(byte[] negotiate, byte[] challengeBytes, NtlmChallenge challenge, Inputs in) {
        if (!NtlmFlags.has(challenge.flags(), NtlmFlags.EXTENDED_SESSIONSECURITY)) {
            throw new IllegalArgumentException("the CHALLENGE does not negotiate extended session security");
        }
        long flags = challenge.flags() & ECHOED | NtlmFlags.NEGOTIATE_VERSION;
        if (NtlmFlags.has(flags, NtlmFlags.NEGOTIATE_UNICODE)) {
            flags &= ~NtlmFlags.NEGOTIATE_OEM;
        }
        flags &= ~NtlmFlags.NEGOTIATE_LM_KEY;
        AvPair timestamp = challenge.av(AvPair.MSV_AV_TIMESTAMP);
        byte[] time = timestamp != null ? timestamp.value() : in.fileTime();
        byte[] targetInfo = clientTargetInfo(challenge.targetInfo(), in.channelBindings(), in.targetName());
        byte[] responseKey = NtlmV2.responseKey(in.ntHash(), in.user(), in.domain());
        byte[] blob = NtlmV2.clientBlob(time, in.clientChallenge(), targetInfo);
        NtlmV2.Responses responses = NtlmV2.compute(responseKey, challenge.serverChallenge(), blob, in.clientChallenge(),
                timestamp == null);
        boolean keyExchange = NtlmFlags.has(flags, NtlmFlags.NEGOTIATE_KEY_EXCH);
        byte[] exported = keyExchange ? in.exportedSessionKey().clone() : responses.sessionBaseKey().clone();
        byte[] encryptedKey = keyExchange ? NtlmPrimitives.rc4(responses.sessionBaseKey(), exported) : new byte[0];
        try {
            NtlmAuthenticate unsigned = new NtlmAuthenticate(responses.lmChallengeResponse(), responses.ntChallengeResponse(),
                    in.domain(), in.user(), in.workstation(), encryptedKey, flags, NtlmVersion.WINDOWS_10_1809,
                    new byte[NtlmAuthenticate.MIC_SIZE]);
            byte[] mic = NtlmPrimitives.hmacMd5(exported, negotiate, challengeBytes, unsigned.toBytes());
            byte[] message = unsigned.withMic(mic).toBytes();
            return new Result(message, flags, NtlmSessionKeys.derive(exported, flags));
        } finally {
            NtlmPrimitives.wipe(responseKey, blob, exported);
            responses.wipe();
        }
    }

    /**
     * The AV pairs the client sends: the server's, minus MsvAvEOL, with MsvAvFlags ORed with "MIC present"
     * (added when absent), then MsvAvChannelBindings and MsvAvTargetName, then MsvAvEOL.
     */
    static byte[] clientTargetInfo(List<AvPair> serverPairs, byte[] channelBindings, String targetName) {
        List<AvPair> pairs = new ArrayList<>();
        boolean flagsSeen = false;
        for (AvPair pair : serverPairs) {
            if (pair.id() == AvPair.MSV_AV_FLAGS && pair.length() == 4) {
                byte[] v = pair.value();
                int value = (v[0] & 0xFF | (v[1] & 0xFF) << 8 | (v[2] & 0xFF) << 16 | (v[3] & 0xFF) << 24) | AV_FLAG_MIC_PRESENT;
                pairs.add(new AvPair(AvPair.MSV_AV_FLAGS, le32(value)));
                flagsSeen = true;
            } else if (pair.id() != AvPair.MSV_AV_CHANNEL_BINDINGS && pair.id() != AvPair.MSV_AV_TARGET_NAME) {
                pairs.add(pair);
            }
        }
        if (!flagsSeen) {
            pairs.add(new AvPair(AvPair.MSV_AV_FLAGS, le32(AV_FLAG_MIC_PRESENT)));
        }
        if (channelBindings != null) {
            pairs.add(new AvPair(AvPair.MSV_AV_CHANNEL_BINDINGS, channelBindings));
        }
        if (targetName != null) {
            pairs.add(AvPair.ofString(AvPair.MSV_AV_TARGET_NAME, targetName));
        }
        return encodeAvPairs(pairs);
    }

    /** The AV pairs followed by MsvAvEOL. */
    public static byte[] encodeAvPairs(List<AvPair> pairs) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (AvPair pair : pairs) {
            out.writeBytes(le16(pair.id()));
            out.writeBytes(le16(pair.length()));
            out.writeBytes(pair.value());
        }
        out.writeBytes(new byte[4]);
        return out.toByteArray();
    }

    private static byte[] le16(int v) {
        return new byte[] {(byte) v, (byte) (v >>> 8)};
    }

    private static byte[] le32(int v) {
        return new byte[] {(byte) v, (byte) (v >>> 8), (byte) (v >>> 16), (byte) (v >>> 24)};
    }
}
