package dev.rdpprobe.core.diagnosis;

import dev.rdpprobe.core.outcome.DiagnosisCode;
import dev.rdpprobe.core.outcome.DiagnosisEntry;
import dev.rdpprobe.core.outcome.WindowsError;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rdpprobe.core.outcome.Phase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ErrorCodeExplainerTest {

    @Test
    void explainsTheClassic0x904Slash0x7() {
        Explanation e = ErrorCodeExplainer.explain(0x904, 0x7);
        assertThat(e.pair()).isEqualTo("0x904 / 0x7");
        assertThat(e.disconnect().known()).isTrue();
        assertThat(e.disconnect().name()).isEqualTo("disconnectReasonAtClientWinsockFDCLOSE");
        assertThat(e.disconnect().sources()).contains("AX");
        assertThat(e.extended().name()).isEqualTo("exDiscReasonServerDeniedConnection");
        assertThat(e.combination()).contains("server denied").contains("not documented");
        assertThat(e.phases()).contains(Phase.X224_NEGOTIATION, Phase.CREDSSP).doesNotContain(Phase.UDP_TRANSPORT, Phase.RESOLVE);
        assertThat(e.diagnoses().get(0)).isEqualTo(DiagnosisCode.CREDSSP_CLOSED);
        assertThat(e.diagnoses()).contains(DiagnosisCode.SERVER_DENIED_CONNECTION, DiagnosisCode.TLS_CUT);
        String text = e.toText();
        assertThat(text).containsIgnoringCase("socket closed").containsIgnoringCase("server denied")
                .contains("CREDSSP", "X224_NEGOTIATION", "rdp-probe HOST");
        assertThat(e.nextSteps().get(0)).contains("rdp-probe HOST");
    }

    @Test
    void decimalInputGivesTheSameExplanation() {
        Explanation decimal = ErrorCodeExplainer.explain(ErrorCodeExplainer.parseCode("2308"), ErrorCodeExplainer.parseCode("7"));
        assertThat(decimal).isEqualTo(ErrorCodeExplainer.explain(0x904, 7));
    }

    @Test
    void phasesAndDiagnosesAreDerivedFromTheDiagnosisTable() {
        Explanation e = ErrorCodeExplainer.explain(0x204, 0);
        for (DiagnosisCode code : e.diagnoses()) {
            assertThat(DiagnosisTable.standard().entry(code).showsDisconnectReason(0x204)).isTrue();
        }
        assertThat(e.diagnoses()).containsExactly(DiagnosisCode.TCP_REFUSED, DiagnosisCode.TCP_FILTERED, DiagnosisCode.TCP_UNREACHABLE);
        assertThat(e.phases()).containsExactly(Phase.TCP_CONNECT);
        assertThat(e.combination()).contains("socket connect failed");
        assertThat(ErrorCodeExplainer.explain(0x508, 0).diagnoses()).containsExactly(DiagnosisCode.DNS_FAILED);
    }

    @Test
    void everyPairOfTheTableExplainsBackToItsDiagnosis() {
        for (DiagnosisEntry entry : DiagnosisTable.standard().entries()) {
            for (WindowsError w : entry.allWindowsErrors()) {
                Explanation e = ErrorCodeExplainer.explain(w.disconnectReason(), w.extendedReason());
                assertThat(e.diagnoses()).as(w.display()).contains(entry.code());
                assertThat(e.phases()).as(w.display()).containsAll(entry.phases());
            }
        }
    }

    @Test
    void credSspStatusCodesPointAtTheAccount() {
        Explanation e = ErrorCodeExplainer.explain(0x807, 0);
        assertThat(e.disconnect().name()).isEqualTo("SSL_ERR_LOGON_FAILURE");
        assertThat(e.credSspStatuses()).containsExactlyInAnyOrder("STATUS_LOGON_FAILURE (0xC000006D, likely)",
                "STATUS_WRONG_PASSWORD (0xC000006A, likely)");
        // the first CredSSP errorCode, the credential check's refusal, and (as a plausible second pair) its close
        assertThat(e.diagnoses()).containsExactlyInAnyOrder(DiagnosisCode.CREDSSP_ERROR, DiagnosisCode.CREDENTIALS_REJECTED,
                DiagnosisCode.CREDSSP_AUTH_CLOSED);
        assertThat(e.nextSteps()).anySatisfy(s -> assertThat(s).contains("never sends"));
    }

    @Test
    void unknownCodesSaySoWithTheLowByteObservation() {
        Explanation e = ErrorCodeExplainer.explain(0x2A07, 0x9999);
        assertThat(e.disconnect().known()).isFalse();
        assertThat(e.disconnect().name()).isNull();
        assertThat(e.disconnect().meaning()).contains("unknown");
        assertThat(e.disconnect().observation()).contains("Observation, not documentation", "0x07", "CredSSP");
        assertThat(e.extended().known()).isFalse();
        assertThat(e.extended().meaning()).contains("unknown");
        assertThat(e.diagnoses()).isEmpty();
        assertThat(e.phases()).isEmpty();
        assertThat(e.nextSteps()).anySatisfy(s -> assertThat(s).contains("GetErrorDescription(10759, 39321)"));
        assertThat(e.nextSteps()).anySatisfy(s -> assertThat(s).contains("No probe phase is known"));
        assertThat(e.toText()).contains("unknown");
    }

    @Test
    void aLowByteOfNoFamilySaysSo() {
        CodeMeaning m = ErrorCodeExplainer.explain(0x1234, 0).disconnect();
        assertThat(m.known()).isFalse();
        assertThat(m.observation()).contains("0x34", "matches none", "0x04", "0x07");
    }

    @Test
    void the0x507ThatNoSourceListsIsUnknown() {
        CodeMeaning m = ErrorCodeExplainer.explain(0x507, 0).disconnect();
        assertThat(m.known()).isFalse();
        assertThat(m.meaning()).contains("unknown", "not in any source");
        assertThat(m.observation()).contains("CredSSP");
    }

    @Test
    void rangesAndSpecificCodesWithinThem() {
        assertThat(ErrorCodeExplainer.explain(0x3, 0x112F).extended().name()).isEqualTo("exDiscReasonProtocolRangeStart..End");
        assertThat(ErrorCodeExplainer.explain(0x3000046, 0).disconnect().meaning()).contains("no resources");
        assertThat(ErrorCodeExplainer.explain(0x3000010, 0).disconnect().meaning()).contains("RD Gateway");
        assertThat(ErrorCodeExplainer.explain(0x3, 0x7).combination()).contains("server ended the connection");
    }

    @ParameterizedTest
    @CsvSource({"0x904, 2308", "0X904, 2308", "2308, 2308", " 7 , 7", "0x0, 0", "0, 0", "0xFFFFFFFF, 4294967295",
            "4294967295, 4294967295", "0x00000904, 2308", "007, 7"})
    void parsesHexAndDecimal(String text, long expected) {
        assertThat(ErrorCodeExplainer.parseCode(text)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"904h", "0x", "-1", "abc", "0x904g", "9 04", "0b101", "+7", "0x1.5"})
    void rejectsOtherNotationsWithAHint(String text) {
        assertThatThrownBy(() -> ErrorCodeExplainer.parseCode(text))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(text.strip()).hasMessageContaining("0x904").hasMessageContaining("2308");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0x100000000", "4294967296", "99999999999999999999999"})
    void rejectsCodesAbove32Bits(String text) {
        assertThatThrownBy(() -> ErrorCodeExplainer.parseCode(text))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("32-bit");
    }

    @Test
    void rejectsEmptyInputAndOutOfRangeNumbers() {
        assertThatThrownBy(() -> ErrorCodeExplainer.parseCode("  ")).hasMessageContaining("missing");
        assertThatThrownBy(() -> ErrorCodeExplainer.parseCode(null)).hasMessageContaining("missing");
        assertThatThrownBy(() -> ErrorCodeExplainer.explain(-1, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ErrorCodeExplainer.explain(0, 0x1_0000_0000L)).isInstanceOf(IllegalArgumentException.class);
    }
}
