package dev.rdpprobe.core.fuzz;

import static dev.rdpprobe.core.fuzz.Decoding.check;
import static dev.rdpprobe.core.fuzz.Decoding.decodeOrNull;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.rdpprobe.core.internal.pdu.ntlm.AvPair;
import dev.rdpprobe.core.internal.pdu.ntlm.NtlmChallenge;
import dev.rdpprobe.core.internal.pdu.ntlm.NtlmFlags;
import dev.rdpprobe.core.internal.pdu.ntlm.NtlmNegotiate;
import dev.rdpprobe.core.internal.pdu.ntlm.WindowsRelease;
import io.netty.buffer.Unpooled;
import java.util.Objects;

/** Fuzz targets for the NTLM decoders. Seeds: vectors.md D1–D3 (CHALLENGE), C1–C2 (NEGOTIATE). */
class NtlmFuzzTest {

    /**
     * Any bytes: a CHALLENGE or MalformedPdu. A decoded CHALLENGE's derived facts never throw, and it
     * re-encodes to one with the same flags, challenge, version and AV pairs.
     */
    @FuzzTest
    void ntlmChallenge(byte[] input) {
        NtlmChallenge challenge = decodeOrNull(input, NtlmChallenge::decode);
        if (challenge == null) {
            return;
        }
        challenge.timestamp();
        challenge.avString(AvPair.MSV_AV_DNS_COMPUTER_NAME);
        if (challenge.version() != null) {
            WindowsRelease.forVersion(challenge.version());
        }
        NtlmChallenge again = NtlmChallenge.decode(Unpooled.wrappedBuffer(challenge.toBytes()));
        check(again.flags() == challenge.flags(), "flags changed");
        check(java.util.Arrays.equals(again.serverChallenge(), challenge.serverChallenge()), "challenge changed");
        check(Objects.equals(again.version(), challenge.version()), "version changed");
        if (NtlmFlags.has(challenge.flags(), NtlmFlags.NEGOTIATE_TARGET_INFO)) {
            check(again.targetInfo().equals(challenge.targetInfo()), "AV pairs changed");
        }
        if (!NtlmFlags.has(challenge.flags(), NtlmFlags.NEGOTIATE_UNICODE)) {
            check(again.targetName().equals(challenge.targetName()), "OEM target name changed");
        }
    }

    /** Any bytes: a NEGOTIATE or MalformedPdu; a decoded one re-encodes to an equal one. */
    @FuzzTest
    void ntlmNegotiate(byte[] input) {
        NtlmNegotiate negotiate = decodeOrNull(input, NtlmNegotiate::decode);
        if (negotiate != null) {
            NtlmNegotiate again = NtlmNegotiate.decode(Unpooled.wrappedBuffer(negotiate.toBytes()));
            check(again.equals(negotiate), "round trip changed " + negotiate + " into " + again);
        }
    }
}
