package dev.rdpprobe.core.target;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.Serializable;
import org.junit.jupiter.api.Test;

class CredentialsTest {

    @Test
    void accountsAsPeopleWriteThem() {
        Credentials domain = Credentials.parse("LAB\\alice", "pw".toCharArray());
        assertThat(domain.user()).isEqualTo("alice");
        assertThat(domain.domain()).isEqualTo("LAB");
        assertThat(domain.account()).isEqualTo("LAB\\alice");
        Credentials upn = Credentials.parse("alice@lab.example.com", "pw".toCharArray());
        assertThat(upn.user()).isEqualTo("alice@lab.example.com");
        assertThat(upn.domain()).isEmpty();
        assertThat(Credentials.parse("alice", "pw".toCharArray()).account()).isEqualTo("alice");
        for (String bad : new String[] {"", "\\alice", "LAB\\", "A\\B\\C", "ali\nce"}) {
            assertThatThrownBy(() -> Credentials.parse(bad, "pw".toCharArray())).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void thePasswordIsCopiedHandedOutAsACopyNeverPrintedAndWipedByDestroy() {
        char[] given = "s3cret".toCharArray();
        Credentials c = Credentials.of("alice", "", given);
        given[0] = 'X';
        char[] copy = c.copyPassword();
        assertThat(copy).containsExactly('s', '3', 'c', 'r', 'e', 't');
        copy[0] = 'Y';
        assertThat(c.copyPassword()[0]).isEqualTo('s');
        assertThat(c.toString()).doesNotContain("s3cret").contains("alice");
        assertThat(c).isNotInstanceOf(Serializable.class);
        assertThat(c).isNotEqualTo(Credentials.of("alice", "", "s3cret".toCharArray()));
        c.destroy();
        assertThat(c.isDestroyed()).isTrue();
        assertThatThrownBy(c::copyPassword).isInstanceOf(IllegalStateException.class).hasMessageNotContaining("s3cret");
    }
}
