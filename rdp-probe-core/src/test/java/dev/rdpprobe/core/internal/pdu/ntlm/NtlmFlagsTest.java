package dev.rdpprobe.core.internal.pdu.ntlm;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class NtlmFlagsTest {

    @Test
    void probeFlagsAreThoseOfTheSpecTable() {
        assertThat(NtlmFlags.names(NtlmFlags.PROBE_NEGOTIATE)).containsExactly("UNICODE", "OEM", "REQUEST_TARGET",
                "SIGN", "SEAL", "LM_KEY", "NTLM", "ALWAYS_SIGN", "EXTENDED_SESSIONSECURITY", "VERSION", "128",
                "KEY_EXCH", "56");
    }

    @Test
    void unnamedBitsInHex() {
        assertThat(NtlmFlags.names(0x00004000L | NtlmFlags.NEGOTIATE_UNICODE)).containsExactly("UNICODE", "0x4000");
    }
}
