package dev.rdpprobe.tls;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rdpprobe.core.tls.TlsInspection;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** inspect() never throws for what a server may send; minted certificates are tested in the testkit. */
class InspectMalformedTest {

    private static final RdpTlsProvider PROVIDER = new RdpTlsProvider();
    private static final Instant NOW = Instant.parse("2026-11-22T12:00:00Z");

    @Test
    void garbageDerIsReportedWithItsLengthThumbprintsAndReason() throws Exception {
        byte[] garbage = {0x30, (byte) 0x82, 0x7f, 0x7f, 1, 2, 3};
        TlsInspection inspection = PROVIDER.inspect(List.of(garbage), "h", NOW, null);
        assertThat(inspection.chain()).singleElement().satisfies(c -> {
            assertThat(c.derLength()).isEqualTo(7);
            assertThat(c.parseError().orElseThrow()).startsWith("not an X.509 certificate: ");
            assertThat(c.sha256Thumbprint()).isEqualTo(HexFormat.of().withUpperCase()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(garbage)));
            assertThat(c.sha1Thumbprint()).hasSize(40);
            assertThat(c.subject()).isEmpty();
            assertThat(c.notAfter()).isEmpty();
            assertThat(c.hostnameMatches()).isEmpty();
        });
        assertThat(inspection.trusted()).isFalse();
        assertThat(inspection.trustDetail()).startsWith("certificate #1 of the chain (7 bytes) could not be parsed (not an X.509 certificate");
    }

    @Test
    void emptyAndNullEntriesAreReportedNotThrown() {
        List<byte[]> chain = new ArrayList<>();
        chain.add(null);
        TlsInspection missing = PROVIDER.inspect(chain, "h", NOW, null);
        assertThat(missing.chain()).singleElement().satisfies(c -> assertThat(c.parseError()).contains("the server sent an empty certificate"));
        assertThat(missing.trustDetail()).contains("certificate #1");
        assertThat(PROVIDER.inspect(List.of(new byte[0]), "h", NOW, null).chain()).singleElement()
                .satisfies(c -> assertThat(c.derLength()).isZero());
    }

    @Test
    void anEmptyChainSaysSo() {
        TlsInspection inspection = PROVIDER.inspect(List.of(), "h", NOW, null);
        assertThat(inspection.chain()).isEmpty();
        assertThat(inspection.trusted()).isFalse();
        assertThat(inspection.trustDetail()).isEqualTo("the server sent no certificate");
    }

    @Test
    void randomBytesNeverThrow() {
        java.util.Random random = new java.util.Random(42);
        for (int i = 0; i < 500; i++) {
            byte[] der = new byte[random.nextInt(300)];
            random.nextBytes(der);
            if (der.length > 0 && random.nextBoolean()) {
                der[0] = 0x30;
            }
            TlsInspection inspection = PROVIDER.inspect(List.of(der), "h", NOW, null);
            assertThat(inspection.trusted()).isFalse();
            assertThat(inspection.chain()).singleElement().satisfies(c -> assertThat(c.parseError()).isPresent());
        }
    }
}
