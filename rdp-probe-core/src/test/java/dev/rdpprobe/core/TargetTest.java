package dev.rdpprobe.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TargetTest {

    @Test
    void aHostLongerThanADnsNameIsRefused() {
        assertThat(Target.parse("a".repeat(Target.MAX_HOST_LENGTH) + ":1").host()).hasSize(Target.MAX_HOST_LENGTH);
        assertThatThrownBy(() -> Target.parse("a".repeat(3000)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("host is 3000 characters long; a host name has at most 253");
    }

    @Test
    void aControlCharacterIsNamedAsOneNotAsWhitespace() {
        assertThatThrownBy(() -> Target.parse("rds\u001b[2J"))
                .hasMessageContaining("contains a control character (U+001B)");
        assertThatThrownBy(() -> Target.of("rds\u0085x"))
                .hasMessageContaining("contains a control character (U+0085)");
        assertThatThrownBy(() -> Target.of("rds 01"))
                .hasMessageContaining("contains whitespace");
        assertThatThrownBy(() -> Target.of("rds/01"))
                .hasMessageContaining("contains '/'");
    }
}
