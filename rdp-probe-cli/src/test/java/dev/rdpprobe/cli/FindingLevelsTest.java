package dev.rdpprobe.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rdpprobe.core.outcome.FindingCode;
import org.junit.jupiter.api.Test;

class FindingLevelsTest {

    @Test
    void defaultsFollowEachFindingsSeverity() {
        FindingLevels d = FindingLevels.defaults();
        assertThat(d.of(FindingCode.CERT_EXPIRED)).isEqualTo(PluginState.CRITICAL);
        assertThat(d.of(FindingCode.CLOCK_SKEW)).isEqualTo(PluginState.CRITICAL);
        assertThat(d.of(FindingCode.NLA_NOT_REQUIRED)).isEqualTo(PluginState.WARNING);
        assertThat(d.of(FindingCode.UDP_BLOCKED)).isEqualTo(PluginState.WARNING);
        assertThat(d.of(FindingCode.CERT_SELF_SIGNED)).isEqualTo(PluginState.OK);
        assertThat(d.of(FindingCode.CERT_UNTRUSTED)).isEqualTo(PluginState.OK);
        for (FindingCode code : FindingCode.values()) {
            assertThat(d.of(code)).as(code.name()).isNotNull().isNotEqualTo(PluginState.UNKNOWN);
        }
    }

    @Test
    void eachListMovesTheCodesItNames() {
        FindingLevels l = FindingLevels.parse("nla_not_required, CERT_UNTRUSTED", "CERT_EXPIRED", "CERT_NAME_MISMATCH");
        assertThat(l.of(FindingCode.NLA_NOT_REQUIRED)).isEqualTo(PluginState.CRITICAL);
        assertThat(l.of(FindingCode.CERT_UNTRUSTED)).isEqualTo(PluginState.CRITICAL);
        assertThat(l.of(FindingCode.CERT_EXPIRED)).isEqualTo(PluginState.WARNING);
        assertThat(l.of(FindingCode.CERT_NAME_MISMATCH)).isEqualTo(PluginState.OK);
        assertThat(l.of(FindingCode.CLOCK_SKEW)).as("unnamed codes keep their default").isEqualTo(PluginState.CRITICAL);
        assertThat(FindingLevels.parse(null, null, null).of(FindingCode.UDP_BLOCKED)).isEqualTo(PluginState.WARNING);
    }

    @Test
    void refusesUnknownEmptyAndContradictoryCodes() {
        assertThatThrownBy(() -> FindingLevels.parse("CERT_EXPRED", null, null)).hasMessageContaining("--crit-on")
                .hasMessageContaining("unknown finding code 'CERT_EXPRED'").hasMessageContaining("CERT_EXPIRED");
        assertThatThrownBy(() -> FindingLevels.parse(null, "CERT_EXPIRED,,CLOCK_SKEW", null)).hasMessageContaining("--warn-on").hasMessageContaining("empty");
        assertThatThrownBy(() -> FindingLevels.parse("NLA_NOT_REQUIRED", null, "NLA_NOT_REQUIRED"))
                .hasMessageContaining("NLA_NOT_REQUIRED is named by both --crit-on and --ok-on");
    }
}
