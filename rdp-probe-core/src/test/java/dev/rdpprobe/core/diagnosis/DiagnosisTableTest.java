package dev.rdpprobe.core.diagnosis;

import dev.rdpprobe.core.outcome.DiagnosisCode;
import dev.rdpprobe.core.outcome.DiagnosisEntry;
import dev.rdpprobe.core.outcome.WindowsError;
import dev.rdpprobe.core.outcome.WindowsErrorConfidence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rdpprobe.core.outcome.Phase;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class DiagnosisTableTest {

    private static final DiagnosisTable TABLE = DiagnosisTable.standard();

    @Test
    void hasExactlyOneEntryPerCode() {
        assertThat(TABLE.entries()).extracting(DiagnosisEntry::code).containsExactly(DiagnosisCode.values());
        for (DiagnosisCode code : DiagnosisCode.values()) {
            assertThat(TABLE.entry(code).code()).isEqualTo(code);
        }
    }

    @Test
    void theResourceNamesEveryCodeOnceAndNoOther() {
        List<String> headers = DiagnosisTable.readResource(DiagnosisTable.RESOURCE).stream()
                .map(String::strip).filter(l -> l.startsWith("[")).map(l -> l.substring(1, l.length() - 1)).toList();
        assertThat(headers).doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(Arrays.stream(DiagnosisCode.values()).map(Enum::name).toList());
    }

    @Test
    void everyEntryIsComplete() {
        for (DiagnosisEntry e : TABLE.entries()) {
            assertThat(e.summaryTemplate()).as(e.code() + " summary").isNotBlank().endsWith(".");
            assertThat(e.remedyTemplates()).as(e.code() + " remedies").isNotEmpty();
            if (e.code() != DiagnosisCode.HEALTHY && e.code() != DiagnosisCode.LOCAL_ERROR) {
                assertThat(e.phases()).as(e.code() + " phases").isNotEmpty();
            }
            e.windowsError().ifPresent(w -> assertThat(w.confidence()).isIn(WindowsErrorConfidence.values()));
        }
    }

    @Test
    void everyWindowsPairUsesCodesTheWindowsTableKnows() {
        WindowsCodeTable codes = WindowsCodeTable.standard();
        for (DiagnosisEntry e : TABLE.entries()) {
            for (WindowsError w : e.allWindowsErrors()) {
                assertThat(codes.disconnectReason(w.disconnectReason())).as(e.code() + " " + w.display())
                        .hasValueSatisfying(c -> assertThat(c.documented()).isTrue());
                assertThat(codes.extendedReason(w.extendedReason())).as(e.code() + " " + w.display())
                        .hasValueSatisfying(c -> assertThat(c.documented()).isTrue());
            }
        }
    }

    /** The pairs error-codes.md §4 gives (main pair per code), checked against the data file. */
    @Test
    void windowsPairsMatchErrorCodesSection4() {
        Map<DiagnosisCode, String> expected = Map.ofEntries(
                Map.entry(DiagnosisCode.DNS_FAILED, "0x104 / 0x0 documented"),
                Map.entry(DiagnosisCode.TCP_REFUSED, "0x204 / 0x0 documented"),
                Map.entry(DiagnosisCode.TCP_FILTERED, "0x204 / 0x0 likely"),
                Map.entry(DiagnosisCode.TCP_UNREACHABLE, "0x204 / 0x0 likely"),
                Map.entry(DiagnosisCode.SERVER_DENIED_CONNECTION, "0x904 / 0x0 likely"),
                Map.entry(DiagnosisCode.X224_SILENT, "0x108 / 0x0 likely"),
                Map.entry(DiagnosisCode.NLA_REQUIRED_BY_SERVER, "0xB09 / 0x0 documented"),
                Map.entry(DiagnosisCode.NOT_RDP, "0x904 / 0x0 likely"),
                Map.entry(DiagnosisCode.CERT_EXPIRED, "0x1B07 / 0x0 likely"),
                Map.entry(DiagnosisCode.CLOCK_SKEW, "0x1D07 / 0x0 likely"),
                Map.entry(DiagnosisCode.CREDSSP_CLOSED, "0x904 / 0x7 likely"),
                Map.entry(DiagnosisCode.TLS_CUT, "0x904 / 0x0 likely"));
        expected.forEach((code, pair) -> {
            WindowsError w = TABLE.entry(code).windowsError().orElseThrow();
            assertThat(w.display() + " " + w.confidence().label()).as(code.name()).isEqualTo(pair);
        });
        // §4 "X224: RDP_NEG_FAILURE 3 (no cert) / 1 / 2 / 6: not found" and "UDP blocked: no error at connect".
        for (DiagnosisCode none : List.of(DiagnosisCode.SSL_REQUIRED_BY_SERVER, DiagnosisCode.SSL_NOT_ALLOWED_BY_SERVER,
                DiagnosisCode.SSL_CERT_NOT_ON_SERVER, DiagnosisCode.CLIENT_CERT_REQUIRED, DiagnosisCode.UDP_BLOCKED,
                DiagnosisCode.HEALTHY)) {
            assertThat(TABLE.entry(none).windowsError()).as(none.name()).isEmpty();
        }
        assertThat(TABLE.entry(DiagnosisCode.DNS_FAILED).alsoShows()).extracting(WindowsError::display)
                .containsExactly("0x508 / 0x0", "0x604 / 0x0");
    }

    @Test
    void templatesUseOnlyKnownVariablesAndTheHeaderListsThemAll() {
        for (DiagnosisEntry e : TABLE.entries()) {
            List<String> texts = new ArrayList<>(e.remedyTemplates());
            texts.add(e.summaryTemplate());
            for (String t : texts) {
                assertThat(OutcomeFacts.VARIABLES).containsAll(Templates.placeholders(t));
            }
        }
        String header = DiagnosisTable.readResource(DiagnosisTable.RESOURCE).stream()
                .filter(l -> l.startsWith("#")).collect(Collectors.joining("\n"));
        for (String variable : OutcomeFacts.VARIABLES) {
            assertThat(header).contains("{" + variable + "}");
        }
    }

    private static List<String> valid() {
        List<String> lines = new ArrayList<>();
        for (DiagnosisCode code : DiagnosisCode.values()) {
            lines.add("[" + code + "]");
            lines.add("phases = TCP_CONNECT");
            lines.add("summary = {target} is " + code + ".");
            lines.add("windows = none");
            lines.add("remedy = do something about port {port}");
        }
        return lines;
    }

    @Test
    void parsesAMinimalValidTable() {
        DiagnosisTable t = DiagnosisTable.parse(valid(), "test");
        assertThat(t.entry(DiagnosisCode.TCP_REFUSED).phases()).containsExactly(Phase.TCP_CONNECT);
    }

    @Test
    void rejectsAMissingCode() {
        List<String> lines = valid();
        int at = lines.indexOf("[LOCAL_ERROR]");
        lines.subList(at, at + 5).clear();
        assertThatThrownBy(() -> DiagnosisTable.parse(lines, "test"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no entry for [LOCAL_ERROR]");
    }

    @Test
    void rejectsADuplicateCode() {
        List<String> lines = valid();
        lines.addAll(List.of("[HEALTHY]", "phases = none", "summary = x.", "windows = none", "remedy = y"));
        assertThatThrownBy(() -> DiagnosisTable.parse(lines, "test"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("second entry for HEALTHY");
    }

    @Test
    void rejectsAnUnknownCode() {
        List<String> lines = valid();
        lines.add(0, "[NO_SUCH_CODE]");
        assertThatThrownBy(() -> DiagnosisTable.parse(lines, "test"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("test line 1").hasMessageContaining("NO_SUCH_CODE");
    }

    @Test
    void rejectsBadLines() {
        assertRejected("summary = {target} at {nosuchvar}.", "{nosuchvar} is not a known variable");
        assertRejected("summary = {target unclosed.", "never closed");
        assertRejected("windows = 0x904 0x7 likely", "windows must be");
        assertRejected("windows = 0x904 / 0x7 certain", "neither documented nor likely");
        assertRejected("phases = none", "'phases' given twice");
        assertRejected("colour = blue", "unknown key 'colour'");
        assertRejected("just some prose", "expected \"[CODE]\" or \"key = value\"");
    }

    private static void assertRejected(String replacementForThirdLine, String message) {
        List<String> lines = valid();
        lines.set(2, replacementForThirdLine);
        assertThatThrownBy(() -> DiagnosisTable.parse(lines, "test"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("test line 3").hasMessageContaining(message);
    }

    @Test
    void rejectsAnUnknownPhase() {
        List<String> lines = valid();
        lines.set(1, "phases = TCP_CONNECT, TCP");
        assertThatThrownBy(() -> DiagnosisTable.parse(lines, "test"))
                .hasMessageContaining("test line 2").hasMessageContaining("'TCP' is not a Phase");
    }

    @Test
    void rejectsAnEntryWithoutRemedyOrSummary() {
        List<String> noRemedy = valid();
        noRemedy.remove(4);
        assertThatThrownBy(() -> DiagnosisTable.parse(noRemedy, "test")).hasMessageContaining("has no remedy");
        List<String> noSummary = valid();
        noSummary.remove(2);
        assertThatThrownBy(() -> DiagnosisTable.parse(noSummary, "test")).hasMessageContaining("has no 'summary'");
    }

    @Test
    void phasesOfTheTableCoverEveryPhase() {
        Set<Phase> covered = TABLE.entries().stream().flatMap(e -> e.phases().stream()).collect(Collectors.toSet());
        assertThat(covered).containsExactlyInAnyOrder(Phase.values());
    }
}
