package dev.rdpprobe.tls;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rdpprobe.core.tls.Md4Provider;
import dev.rdpprobe.core.internal.pdu.ntlm.NtlmV2;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class BouncyCastleMd4Test {

    @Test
    void rfc1320TestSuite() {
        BouncyCastleMd4 md4 = new BouncyCastleMd4();
        assertThat(HexFormat.of().formatHex(md4.md4(new byte[0]))).isEqualTo("31d6cfe0d16ae931b73c59d7e0c089c0");
        assertThat(HexFormat.of().formatHex(md4.md4("abc".getBytes(StandardCharsets.US_ASCII))))
                .isEqualTo("a448017aaf21d8525fc10ae87aa6729d");
    }

    @Test
    void theNtHashOfTheMsNlmpExampleAndOfFreeRdpsSamExample() {
        Md4Provider md4 = Md4Provider.installed().orElseThrow();
        assertThat(md4).isInstanceOf(BouncyCastleMd4.class);
        // [MS-NLMP] 4.2.2.1.2 NTOWFv1("Password")
        assertThat(HexFormat.of().formatHex(NtlmV2.ntHash("Password".toCharArray(), md4::md4)))
                .isEqualTo("a4f49c406510bdcab6824ee7c30fd852");
        // peers.md: the SAM line for password "pass"
        assertThat(HexFormat.of().formatHex(NtlmV2.ntHash("pass".toCharArray(), md4::md4)))
                .isEqualTo("36aa83bdcab3c9fdaf321ca42a31c3fc");
    }
}
