package dev.rdpprobe.testkit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Chooses the {@link Scenario} of the {@link FakeRdpServerExtension}'s server for one test method, or
 * for every test of a class (a method's annotation wins over its class's). The value is one of:
 * <ul>
 *   <li>a scenario name of {@link Scenario#named} ({@code "nla-healthy"}, {@code "tls-only"}, …);</li>
 *   <li>the name of a static no-argument method of the test class (or an enclosing class) that
 *       returns a {@code Scenario};</li>
 *   <li>{@code "com.example.Scenarios#expiredCertificate"}: such a method of another class.</li>
 * </ul>
 *
 * <pre>{@code
 * @ExtendWith(FakeRdpServerExtension.class)
 * class MyTest {
 *     static Scenario oldServer() { return Scenario.healthy().withTls(TlsStep.versions("TLSv1")); }
 *
 *     @Test @FakeScenario("oldServer") void tls10Only(FakeRdpServer server) { … }
 *     @Test @FakeScenario("nla-required") void refused(FakeRdpServer server) { … }
 * }
 * }</pre>
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface FakeScenario {
    /** A scenario name, a static factory method's name, or {@code Class#method}. */
    String value();
}
