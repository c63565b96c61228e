package dev.rdpprobe.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rdpprobe.core.target.Target;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.AssertionFailedError;

/**
 * How the realserver tests find their servers, and that they fail (never skip) without them.
 * Untagged: runs in the default build, needs no server.
 */
class RealServersTest {

    @Test
    void missingPropertyFailsNamingThePropertyAndTheScript() {
        assertThatThrownBy(() -> RealServers.load(null))
                .isInstanceOf(AssertionFailedError.class)
                .hasMessageContaining(RealServers.PROPERTY)
                .hasMessageContaining(".ci/realservers/start.sh");
    }

    @Test
    void missingFileFails(@TempDir Path dir) {
        Path none = dir.resolve("servers.properties");
        assertThatThrownBy(() -> RealServers.load(none.toString()))
                .isInstanceOf(AssertionFailedError.class)
                .hasMessageContaining(none.toString());
    }

    @Test
    void readsNamePortLines(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("servers.properties"), "xrdp.tls=33891\nfreerdp.nla=33895\n");
        RealServers servers = RealServers.load(file.toString());
        assertThat(servers.target(RealServers.XRDP_TLS)).isEqualTo(Target.of("127.0.0.1", 33891));
        assertThat(servers.target(RealServers.FREERDP_NLA)).isEqualTo(Target.of("127.0.0.1", 33895));
    }

    @Test
    void unlistedServerFailsNamingWhatIsListed(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("servers.properties"), "xrdp.tls=33891\n");
        RealServers servers = RealServers.load(file.toString());
        assertThatThrownBy(() -> servers.target(RealServers.FREERDP_NLA))
                .isInstanceOf(AssertionFailedError.class)
                .hasMessageContaining("freerdp.nla")
                .hasMessageContaining("xrdp.tls");
    }

    @Test
    void aValueThatIsNoPortFails(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("servers.properties"), "xrdp.tls=70000\n");
        assertThatThrownBy(() -> RealServers.load(file.toString()))
                .isInstanceOf(AssertionFailedError.class)
                .hasMessageContaining("xrdp.tls=70000");
    }

    @Test
    void shortHostNameHasNoDomain() {
        assertThat(RealServers.shortHostName()).isNotBlank().doesNotContain(".");
    }
}
