package dev.rdpprobe.core.internal.pdu.credssp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class NtStatusTest {

    @Test
    void namesTheStatusesOfTheSpecTable() {
        Map<Long, String> expected = Map.ofEntries(
                Map.entry(0xC000006DL, "STATUS_LOGON_FAILURE"),
                Map.entry(0xC000006AL, "STATUS_WRONG_PASSWORD"),
                Map.entry(0xC0000022L, "STATUS_ACCESS_DENIED"),
                Map.entry(0xC000006EL, "STATUS_ACCOUNT_RESTRICTION"),
                Map.entry(0xC0000072L, "STATUS_ACCOUNT_DISABLED"),
                Map.entry(0xC0000234L, "STATUS_ACCOUNT_LOCKED_OUT"),
                Map.entry(0xC0000193L, "STATUS_ACCOUNT_EXPIRED"),
                Map.entry(0xC0000071L, "STATUS_PASSWORD_EXPIRED"),
                Map.entry(0xC0000224L, "STATUS_PASSWORD_MUST_CHANGE"),
                Map.entry(0xC000015BL, "STATUS_LOGON_TYPE_NOT_GRANTED"),
                Map.entry(0xC0000064L, "STATUS_NO_SUCH_USER"),
                Map.entry(0xC000006FL, "STATUS_INVALID_LOGON_HOURS"),
                Map.entry(0xC0000070L, "STATUS_INVALID_WORKSTATION"),
                Map.entry(0xC000005EL, "STATUS_NO_LOGON_SERVERS"),
                Map.entry(0xC0000133L, "STATUS_TIME_DIFFERENCE_AT_DC"),
                Map.entry(0xC00000BBL, "STATUS_NOT_SUPPORTED"),
                Map.entry(0x80090308L, "SEC_E_INVALID_TOKEN"));
        expected.forEach((code, name) -> {
            assertThat(NtStatus.name(code)).isEqualTo(name);
            assertThat(NtStatus.isKnown(code)).isTrue();
        });
    }

    @Test
    void win32StatusesAndUnknownValues() {
        assertThat(NtStatus.name(0xC00700EAL)).isEqualTo("NTSTATUS_FROM_WIN32(00EA)");
        assertThat(NtStatus.name(0xC0070005L)).isEqualTo("NTSTATUS_FROM_WIN32(0005)");
        assertThat(NtStatus.name(0xC0FFEE01L)).isEqualTo("0xC0FFEE01");
        assertThat(NtStatus.isKnown(0xC0FFEE01L)).isFalse();
        assertThat(NtStatus.name(0x00000001L)).isEqualTo("0x00000001");
        // a sign-extended int is read as its unsigned value
        assertThat(NtStatus.name((int) 0xC000006DL)).isEqualTo("STATUS_LOGON_FAILURE");
    }
}
