package dev.rdpprobe.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rdpprobe.core.target.Target;
import java.io.IOException;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class TargetsFileTest {

    static List<Target> parse(String text) throws IOException {
        return TargetsFile.parse(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), "hosts.txt");
    }

    @Test
    void everyForm() throws IOException {
        String text = String.join("\n",
                "# RDP hosts",
                "rds01.example.com",
                "rds02.example.com:3390   # a comment after a target",
                "",
                "   ",
                "127.0.2.10",
                "127.0.2.11:13389",
                "[2001:db8::1]:3389",
                "[2001:db8::2]",
                "2001:db8::3",
                "\tlocalhost:1\t",
                "rds01.example.com");
        assertThat(parse(text)).containsExactly(
                Target.of("rds01.example.com", 3389),
                Target.of("rds02.example.com", 3390),
                Target.of("127.0.2.10", 3389),
                Target.of("127.0.2.11", 13389),
                Target.of("2001:db8::1", 3389),
                Target.of("2001:db8::2", 3389),
                Target.of("2001:db8::3", 3389),
                Target.of("localhost", 1),
                Target.of("rds01.example.com", 3389));
    }

    @Test
    void windowsLineEndingsAndEmptyInput() throws IOException {
        assertThat(parse("a\r\nb:1\r\n")).containsExactly(Target.of("a"), Target.of("b", 1));
        assertThat(parse("a\rb:1\r\rc")).as("old Mac line ends").containsExactly(Target.of("a"), Target.of("b", 1), Target.of("c"));
        assertThat(parse("")).isEmpty();
        assertThat(parse("# only comments\n\n")).isEmpty();
    }

    @Test
    void badLinesAreNamedByNumberWithWhatToFix() {
        assertThatThrownBy(() -> parse("good\nhost:70000\n"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("hosts.txt line 2")
                .hasMessageContaining("out of range; use 1..65535");
        assertThatThrownBy(() -> parse("host:abc"))
                .hasMessageContaining("line 1").hasMessageContaining("not a number");
        assertThatThrownBy(() -> parse("\n\n2001:db8::1:3389:x"))
                .hasMessageContaining("line 3").hasMessageContaining("[IPv6]:PORT");
        assertThatThrownBy(() -> parse("[2001:db8::1:3389"))
                .hasMessageContaining("line 1").hasMessageContaining("never closes");
        assertThatThrownBy(() -> parse("host1 host2"))
                .hasMessageContaining("line 1").hasMessageContaining("one target a line");
        assertThatThrownBy(() -> parse("[nothost]:1"))
                .hasMessageContaining("not an IPv6 address");
    }

    @Test
    void manyBadLinesAreCounted() {
        String text = "x:0\n".repeat(8);
        assertThatThrownBy(() -> parse(text))
                .hasMessageContaining("line 1").hasMessageContaining("line 5")
                .hasMessageNotContaining("line 6")
                .hasMessageContaining("and 3 more bad lines");
    }
}
