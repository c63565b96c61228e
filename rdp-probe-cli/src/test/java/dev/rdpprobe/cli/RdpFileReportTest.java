package dev.rdpprobe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rdpprobe.core.outcome.ConnectionOutcome;
import dev.rdpprobe.testkit.SampleOutcomes;
import org.junit.jupiter.api.Test;

/** What the file section says beside an outcome: each setting's meaning, and only the settings that explain it. */
class RdpFileReportTest {

    static String render(ConnectionOutcome outcome, String... lines) {
        return new RdpFileReport(RdpFileClientTest.client(lines), false, false).render(outcome, false);
    }

    @Test
    void eachAuthenticationLevelIsReadBesideACertificateProblem() {
        ConnectionOutcome expired = SampleOutcomes.everything();
        assertThat(render(expired, "full address:s:h", "authentication level:i:0")).contains("authentication level 0: this client connects to this server without a warning");
        assertThat(render(expired, "full address:s:h", "authentication level:i:1")).contains("authentication level 1: this client does not connect to this server");
        assertThat(render(expired, "full address:s:h", "authentication level:i:2")).contains("authentication level 2: this client warns");
        assertThat(render(expired, "full address:s:h", "authentication level:i:3")).contains("authentication level 3: no requirement is specified");
        assertThat(render(expired, "full address:s:h")).contains("authentication level absent (the default, as 2): this client warns");
        assertThat(render(expired, "full address:s:h", "authentication level:i:7")).contains("not a level Remote Desktop Connection knows");
    }

    @Test
    void withoutACertificateProblemTheLevelIsOnlyDescribed() {
        String text = render(SampleOutcomes.silent(), "full address:s:h", "authentication level:i:1");
        assertThat(text).contains("authentication level:i:1: if server authentication fails, do not connect")
                .doesNotContain("What this file means");
    }

    @Test
    void theGatewayIsReportedByItsUsageMethod() {
        ConnectionOutcome o = SampleOutcomes.silent();
        assertThat(render(o, "full address:s:h", "gatewayhostname:s:gw", "gatewayusagemethod:i:1"))
                .contains("gw (gatewayusagemethod:i:1: always used); the probe went direct").contains("This file connects through the RD Gateway gw");
        assertThat(render(o, "full address:s:h", "gatewayhostname:s:gw", "gatewayusagemethod:i:2"))
                .contains("used when a direct connection fails").contains("This file tries h:3389 directly, as the probe did");
        for (int unused : new int[] {0, 4}) {
            assertThat(render(o, "full address:s:h", "gatewayhostname:s:gw", "gatewayusagemethod:i:" + unused))
                    .contains("not used)").doesNotContain("gateway probing is not built");
        }
        assertThat(render(o, "full address:s:h", "gatewayhostname:s:", "gatewayusagemethod:i:1")).doesNotContain("gateway");
    }

    @Test
    void theNlaSentenceNeedsBothTheFileAndTheServer() {
        assertThat(render(SampleOutcomes.silent(), "full address:s:h", "enablecredsspsupport:i:0")).doesNotContain("This file turns NLA off");
    }

    @Test
    void unknownSettingsAreCountedNotListed() {
        assertThat(render(SampleOutcomes.silent(), "full address:s:h", "screen mode id:i:2", "desktopwidth:i:1920", "x\u001bname:s:v"))
                .contains("other settings   3 ignored").doesNotContain("desktopwidth").doesNotContain("\u001b");
    }
}
