package dev.rdpprobe.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rdpprobe.core.ProbeOptions;
import dev.rdpprobe.core.RdpProber;
import dev.rdpprobe.core.outcome.SecurityProtocol;
import dev.rdpprobe.core.outcome.SecurityProtocolSet;
import dev.rdpprobe.core.target.Target;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/** Each key of a connection file mapped into the probe's options, as mstsc would connect. */
class RdpFileClientTest {

    static RdpFileClient client(String... lines) {
        try {
            return RdpFileClient.of(RdpFile.parse(new ByteArrayInputStream(RdpFiles.mstsc(lines)), "Work.rdp"));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void fullAddressInEveryFormTheClientAccepts() {
        assertThat(client("full address:s:rds01.example.com").target()).isEqualTo(Target.of("rds01.example.com", 3389));
        assertThat(client("full address:s:rds01.example.com:3390").target()).isEqualTo(Target.of("rds01.example.com", 3390));
        assertThat(client("full address:s:[::1]:3391").target()).isEqualTo(Target.of("::1", 3391));
        assertThat(client("full address:s:::1").target()).isEqualTo(Target.of("::1", 3389));
        assertThat(client("full address:s:[::1]").target()).isEqualTo(Target.of("::1", 3389));
    }

    @Test
    void serverPortGivesThePortOnlyWhenTheFullAddressHasNone() {
        assertThat(client("full address:s:rds01", "server port:i:3390").target()).isEqualTo(Target.of("rds01", 3390));
        assertThat(client("full address:s:::1", "server port:i:3390").target()).isEqualTo(Target.of("::1", 3390));
        assertThat(client("full address:s:rds01:4000", "server port:i:3390").target()).isEqualTo(Target.of("rds01", 4000));
        assertThat(client("full address:s:[::1]:4000", "server port:i:3390").target()).isEqualTo(Target.of("::1", 4000));
    }

    @Test
    void aFileWithoutAUsableAddressSaysWhatToFix() {
        assertThatThrownBy(() -> client("username:s:alice")).hasMessage("Work.rdp has no 'full address:s:' line; it names no computer to connect to");
        assertThatThrownBy(() -> client("username:s:alice", "full address:s:h:70000"))
                .hasMessageStartingWith("Work.rdp line 2: full address: port 70000");
        assertThatThrownBy(() -> client("full address:s:h", "server port:i:0")).hasMessageContaining("line 2: server port 0 is out of range");
        assertThatThrownBy(() -> client("full address:s:h", "server port:s:3390")).hasMessageContaining("line 2: 'server port' must be an integer");
        assertThatThrownBy(() -> client("full address:i:5")).hasMessageContaining("line 1: 'full address' must be a string");
        assertThatThrownBy(() -> client("full address:s:h", "gatewayusagemethod:s:1")).hasMessageContaining("'gatewayusagemethod' must be an integer");
    }

    @Test
    void credSspOffRequestsSslAloneOtherwiseWhatMstscAsks() {
        assertThat(client("full address:s:h", "enablecredsspsupport:i:0").requestedProtocols()).isEqualTo(SecurityProtocolSet.of(SecurityProtocol.SSL));
        assertThat(client("full address:s:h", "enablecredsspsupport:i:0", "negotiate security layer:i:0").requestedProtocols())
                .isEqualTo(SecurityProtocolSet.of(SecurityProtocol.SSL));
        assertThat(client("full address:s:h", "enablecredsspsupport:i:1").requestedProtocols()).isEqualTo(SecurityProtocolSet.DEFAULT_REQUEST);
        assertThat(client("full address:s:h").requestedProtocols()).isEqualTo(SecurityProtocolSet.DEFAULT_REQUEST);
    }

    @Test
    void theUserNameBecomesTheCookieAsWindowsClientsMakeIt() {
        assertThat(client("full address:s:h", "username:s:alice").cookie()).contains("alice");
        assertThat(client("full address:s:h", "username:s:CORP\\alice").cookie()).contains("alice");
        assertThat(client("full address:s:h", "username:s:administrator").cookie()).contains("administr");
        assertThat(client("full address:s:h", "username:s:alice@corp.example").cookie()).contains("alice@cor");
        assertThat(client("full address:s:h", "username:s:").cookie()).isEmpty();
        RdpFileClient umlaut = client("full address:s:h", "username:s:J\u00fcrgen");
        assertThat(umlaut.cookie()).isEmpty();
        assertThat(umlaut.cookieProblem()).get().asString().contains("printable ASCII");
        assertThat(client("full address:s:h", "username:s:two words").cookie()).isEmpty();
    }

    @Test
    void theFileSetsTheBuilderButExplicitOptionsWin() {
        RdpFileClient c = client("full address:s:h", "enablecredsspsupport:i:0", "username:s:CORP\\alice");

        RdpProber.Builder fromFile = RdpProber.builder();
        c.applyTo(fromFile, false, false);
        ProbeOptions o = fromFile.options();
        assertThat(o.requestedProtocols()).isEqualTo(SecurityProtocolSet.of(SecurityProtocol.SSL));
        assertThat(o.cookie()).isEqualTo("alice");

        RdpProber.Builder explicit = RdpProber.builder().requestedProtocols(SecurityProtocolSet.DEFAULT_REQUEST).cookie("bob");
        c.applyTo(explicit, true, true);
        assertThat(explicit.options().requestedProtocols()).isEqualTo(SecurityProtocolSet.DEFAULT_REQUEST);
        assertThat(explicit.options().cookie()).isEqualTo("bob");
    }

    @Test
    void aUserNameThatCannotBeACookieLeavesTheDefault() {
        RdpProber.Builder b = RdpProber.builder();
        client("full address:s:h", "username:s:J\u00fcrgen").applyTo(b, false, false);
        assertThat(b.options().cookie()).isEqualTo(ProbeOptions.DEFAULTS.cookie());
    }
}
