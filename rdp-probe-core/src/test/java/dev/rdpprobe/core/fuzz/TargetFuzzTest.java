package dev.rdpprobe.core.fuzz;

import static dev.rdpprobe.core.fuzz.Decoding.check;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.rdpprobe.core.target.IpLiterals;
import dev.rdpprobe.core.target.Target;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;

/**
 * Fuzz target for target parsing, the hostile input of a targets file. Seeds: IPv6 zones (named, numeric,
 * empty, malformed, on an IPv4-mapped address), names and literals with ports. In a plain {@code mvn test}
 * each input file under {@code TargetFuzzTestInputs/targetParse/} runs once as a regression test.
 */
class TargetFuzzTest {

    /**
     * Any text (as UTF-8): {@link Target#parse} refuses it with an IllegalArgumentException, or gives a target
     * that prints and parses back to itself, and whose IP literal always becomes an address: a probe never
     * starts from a literal it cannot connect to (an IPv6 zone that Netty validates but turns into
     * {@code null} hung the probe).
     */
    @FuzzTest
    void targetParse(byte[] input) {
        String text = new String(input, StandardCharsets.UTF_8);
        Target target;
        try {
            target = Target.parse(text);
        } catch (IllegalArgumentException refused) {
            check(refused.getMessage() != null && !refused.getMessage().isBlank(), "a refusal without a message");
            return;
        }
        check(Target.parse(target.toString()).equals(target), target + " does not parse back to itself");
        if (target.isIpLiteral()) {
            InetAddress address;
            try {
                address = IpLiterals.toAddress(target.host());
            } catch (UnknownHostException e) {
                throw new IllegalStateException("'" + text + "' parsed as the IP literal " + target + " that has no address: "
                        + e.getMessage(), e);
            }
            check(address != null, "no address for the literal " + target);
        }
    }
}
