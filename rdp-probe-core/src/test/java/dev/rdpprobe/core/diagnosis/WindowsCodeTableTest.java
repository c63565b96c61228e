package dev.rdpprobe.core.diagnosis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rdpprobe.core.outcome.Phase;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class WindowsCodeTableTest {

    private static final WindowsCodeTable CODES = WindowsCodeTable.standard();

    @Test
    void holdsTheCodesOfErrorCodesMd() {
        assertThat(CODES.disconnectReason(0x904)).hasValueSatisfying(c -> {
            assertThat(c.name()).isEqualTo("disconnectReasonAtClientWinsockFDCLOSE");
            assertThat(c.meaning()).containsIgnoringCase("socket closed");
            assertThat(c.sources()).containsExactly("AX", "NANA", "MSG");
        });
        assertThat(CODES.disconnectReason(0x204)).hasValueSatisfying(c -> assertThat(c.name()).isEqualTo("disconnectReasonSocketConnectFailed"));
        assertThat(CODES.disconnectReason(0x708)).hasValueSatisfying(c -> assertThat(c.name()).isNull());
        assertThat(CODES.extendedReason(7)).hasValueSatisfying(c -> assertThat(c.name()).isEqualTo("exDiscReasonServerDeniedConnection"));
        assertThat(CODES.extendedReason(0x105)).hasValueSatisfying(c -> assertThat(c.isRange()).isTrue());
        assertThat(CODES.disconnectReason(0x999)).isEmpty();
        assertThat(CODES.disconnectReasons()).hasSizeGreaterThan(60);
        assertThat(CODES.extendedReasons()).hasSizeGreaterThan(15);
    }

    @Test
    void everyNtStatusMapsToAListedDisconnectReason() {
        for (long status : new long[] {0xC000006DL, 0xC0000064L, 0xC0000072L, 0xC000006EL, 0xC0000234L, 0xC0000193L,
                0xC0000071L, 0xC0000224L, 0xC000006FL, 0xC0000070L, 0xC000015BL}) {
            WindowsCodeTable.NtStatusMapping m = CODES.ntStatus(status).orElseThrow();
            assertThat(CODES.disconnectReason(m.disconnectReason())).as(m.name()).isPresent();
        }
    }

    @Test
    void everyPhaseHasAProbeHintAndFamiliesAreTheFourObserved() {
        for (Phase p : Phase.values()) {
            assertThat(CODES.probeHint(p)).as(p.name()).contains(p.name());
        }
        assertThat(CODES.families()).containsOnlyKeys(0x04, 0x06, 0x07, 0x08);
    }

    @Test
    void combinationsPreferTheExactPair() {
        assertThat(CODES.combination(0x904, 7)).hasValueSatisfying(c -> assertThat(c.extendedReason()).isEqualTo(7L));
        assertThat(CODES.combination(0x108, 0x1234)).hasValueSatisfying(c -> assertThat(c.extendedReason()).isNull());
        assertThat(CODES.combination(0x904, 0x5)).isEmpty();
    }

    private static List<String> valid() {
        List<String> lines = new ArrayList<>();
        lines.add("disconnect | 0x904 | name | meaning | AX");
        lines.add("extended | 0x7 | name | meaning | EXT");
        for (Phase p : Phase.values()) {
            lines.add("probe | " + p + " | hint");
        }
        for (String step : WindowsCodeTable.STEPS) {
            lines.add("step | " + step + " | text {disconnect}");
        }
        return lines;
    }

    @Test
    void parsesAMinimalValidTable() {
        assertThat(WindowsCodeTable.parse(valid(), "t").disconnectReason(0x904)).isPresent();
    }

    @Test
    void rejectsMalformedRecords() {
        assertRejected("disconnect | 0x904 | name | meaning", "has 5 fields");
        assertRejected("disconnect | 904 | name | meaning | AX", "not a 0x-prefixed hex");
        assertRejected("disconnect | 0x904 | name | meaning | AX", "given twice");
        assertRejected("colour | 0x1 | x", "unknown record kind 'colour'");
        assertRejected("disconnect | 0x10-0x1 | - | m | -", "reversed");
        assertRejected("probe | NOWHERE | x", "not a Phase");
        assertRejected("ntstatus | 0xC000006D | X | 0x807 | maybe", "neither documented nor likely");
        assertRejected("disconnect |  | name | meaning | AX", "field 2 is empty");
        assertRejected("step | first | {nosuch}", "not a step variable");
    }

    @Test
    void rejectsMissingHints() {
        List<String> lines = valid();
        lines.removeIf(l -> l.startsWith("probe | CREDSSP"));
        assertThatThrownBy(() -> WindowsCodeTable.parse(lines, "t")).hasMessageContaining("no probe hint for phase CREDSSP");
    }

    private static void assertRejected(String line, String message) {
        List<String> lines = valid();
        lines.add(line);
        assertThatThrownBy(() -> WindowsCodeTable.parse(lines, "t"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(message);
    }
}
