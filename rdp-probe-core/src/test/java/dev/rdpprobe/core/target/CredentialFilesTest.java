package dev.rdpprobe.core.target;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CredentialFilesTest {

    @TempDir
    Path dir;

    private Path ownerOnly(String name, byte[] content) throws IOException {
        Path file = dir.resolve(name);
        Files.write(file, content);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        return file;
    }

    private Path ownerOnly(String name, String content) throws IOException {
        return ownerOnly(name, content.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void thePasswordIsTheFirstLineWhateverItsLineBreak() throws IOException {
        assertThat(CredentialFiles.readPassword(ownerOnly("lf", "S3cret é\nignored\n"))).containsExactly("S3cret é".toCharArray());
        assertThat(CredentialFiles.readPassword(ownerOnly("crlf", "S3cret\r\n"))).containsExactly("S3cret".toCharArray());
        assertThat(CredentialFiles.readPassword(ownerOnly("none", "S3cret"))).containsExactly("S3cret".toCharArray());
        assertThat(CredentialFiles.readPassword(ownerOnly("empty", ""))).isEmpty();
    }

    @Test
    void credentialsAreTheAccountThenThePassword() throws IOException {
        Credentials c = CredentialFiles.readCredentials(ownerOnly("creds", " LAB\\alice \r\nS3cret\r\n"));
        assertThat(c.user()).isEqualTo("alice");
        assertThat(c.domain()).isEqualTo("LAB");
        assertThat(c.copyPassword()).containsExactly("S3cret".toCharArray());
        Credentials upn = CredentialFiles.readCredentials(ownerOnly("upn", "alice@lab.example\nS3cret"));
        assertThat(upn.user()).isEqualTo("alice@lab.example");
    }

    @Test
    void aFileOthersMayReadIsRefusedWithTheChmodThatMendsIt() throws IOException {
        Path file = ownerOnly("shared", "LAB\\alice\nS3cret\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        for (var read : new Runnable[] {() -> CredentialFiles.readPassword(file), () -> CredentialFiles.readCredentials(file)}) {
            assertThatThrownBy(read::run).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage(file + " is readable or writable by others (rw-r--r--); run chmod 600 " + file);
        }
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-----w-"));
        assertThatThrownBy(() -> CredentialFiles.readPassword(file)).hasMessageContaining("run chmod 600");
    }

    @Test
    void eachMistakeSaysWhatToFixAndNeverShowsThePassword() throws IOException {
        assertThatThrownBy(() -> CredentialFiles.readPassword(dir.resolve("missing")))
                .hasMessage(dir.resolve("missing") + " is not a readable file");
        assertThatThrownBy(() -> CredentialFiles.readPassword(dir)).hasMessage(dir + " is not a readable file");
        Path big = ownerOnly("big", "x".repeat(CredentialFiles.MAX_SIZE + 1));
        assertThatThrownBy(() -> CredentialFiles.readPassword(big)).hasMessage(big + " is over 4096 bytes; it should hold one password");
        assertThatThrownBy(() -> CredentialFiles.readCredentials(big))
                .hasMessage(big + " is over 4096 bytes; it holds two lines, the account and the password");
        Path latin1 = ownerOnly("latin1", new byte[] {'p', 'w', (byte) 0xE9});
        assertThatThrownBy(() -> CredentialFiles.readPassword(latin1)).hasMessage(latin1 + " is not UTF-8 text");
        for (String oneLine : new String[] {"LAB\\alice", "LAB\\alice\n", "LAB\\alice\n\nS3cret", "\nS3cret"}) {
            Path file = ownerOnly("one", oneLine);
            assertThatThrownBy(() -> CredentialFiles.readCredentials(file)).hasMessageContaining(" needs two lines")
                    .hasMessageNotContaining("S3cret");
        }
        Path badAccount = ownerOnly("bad", "LAB\\\nS3cret");
        assertThatThrownBy(() -> CredentialFiles.readCredentials(badAccount))
                .hasMessageStartingWith(badAccount + ": the account on its first line: ").hasMessageNotContaining("S3cret");
    }
}
