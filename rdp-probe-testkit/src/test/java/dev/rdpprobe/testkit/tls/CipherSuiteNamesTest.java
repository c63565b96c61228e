package dev.rdpprobe.testkit.tls;

import static org.assertj.core.api.Assertions.assertThat;

import org.bouncycastle.tls.CipherSuite;
import org.junit.jupiter.api.Test;

/** The names the fake server records for a ClientHello's cipher suites. */
class CipherSuiteNamesTest {

    @Test
    void knownSuitesByIanaNameInTheClientsOrderOthersAsHex() {
        assertThat(CipherSuiteNames.of(new int[] {0x0A0A, CipherSuite.TLS_AES_128_GCM_SHA256, CipherSuite.TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384,
                CipherSuite.TLS_EMPTY_RENEGOTIATION_INFO_SCSV, 0xFFFF}))
                .containsExactly("0x0a0a", "TLS_AES_128_GCM_SHA256", "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
                        "TLS_EMPTY_RENEGOTIATION_INFO_SCSV", "0xffff");
    }

    @Test
    void noSuitesReadIsAnEmptyList() {
        assertThat(CipherSuiteNames.of(null)).isEmpty();
    }
}
