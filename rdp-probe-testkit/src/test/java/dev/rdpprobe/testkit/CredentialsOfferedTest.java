package dev.rdpprobe.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** {@link RecordedConnection#credentialsOffered()}: an NTLM AUTHENTICATE with an NT response, wherever it sits. */
class CredentialsOfferedTest {

    @Test
    void anAuthenticateWithAnNtResponseIsAnOffer() {
        assertThat(ClientRequests.offersCredentials(inTsRequest(authenticate(24)))).isTrue();
    }

    @Test
    void anAnonymousAuthenticateIsNot() {
        assertThat(ClientRequests.offersCredentials(inTsRequest(authenticate(0)))).isFalse();
    }

    @Test
    void aNegotiateIsNot() {
        byte[] negotiate = authenticate(24);
        negotiate[8] = 1;
        assertThat(ClientRequests.offersCredentials(inTsRequest(negotiate))).isFalse();
    }

    @Test
    void aSignatureCutShortAtTheEndIsNotReadPastTheBuffer() {
        byte[] whole = inTsRequest(authenticate(24));
        for (int cut = 0; cut < whole.length; cut++) {
            byte[] part = Arrays.copyOf(whole, cut);
            assertThat(ClientRequests.offersCredentials(part)).as("cut at %d", cut).isEqualTo(cut >= 16 + 22);
        }
    }

    @Test
    void aRecordKeepsAtMostItsPlaintextLimit() {
        RecordedConnection c = new RecordedConnection(null);
        byte[] chunk = new byte[100_000];
        for (int i = 0; i < 5; i++) {
            c.plaintext(chunk);
        }
        assertThat(c.plaintextAfterX224().stream().mapToInt(b -> b.length).sum()).isEqualTo(RecordedConnection.PLAINTEXT_LIMIT);
    }

    /** An AUTHENTICATE_MESSAGE header (MS-NLMP 2.2.1.3) whose NtChallengeResponseFields.Len is {@code ntLength}. */
    private static byte[] authenticate(int ntLength) {
        byte[] m = new byte[64];
        System.arraycopy("NTLMSSP\0".getBytes(java.nio.charset.StandardCharsets.US_ASCII), 0, m, 0, 8);
        m[8] = 3;
        m[20] = (byte) ntLength;
        m[22] = (byte) ntLength;
        return m;
    }

    /** {@code message} after 16 bytes of TSRequest DER, as a client's second TSRequest carries it. */
    private static byte[] inTsRequest(byte[] message) {
        byte[] out = new byte[16 + message.length];
        Arrays.fill(out, 0, 16, (byte) 0x30);
        System.arraycopy(message, 0, out, 16, message.length);
        return out;
    }
}
