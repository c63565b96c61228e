package dev.rdpprobe.testkit;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Objects;
import java.util.Optional;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit 5 extension that gives each test a started {@link FakeRdpServer} and closes it afterwards.
 *
 * <p>As {@code @ExtendWith(FakeRdpServerExtension.class)}, with a {@code FakeRdpServer} test-method
 * parameter: the server is healthy ({@link Scenario#healthy()}: NLA with HYBRID_EX or HYBRID
 * selected, TLS with a generated localhost certificate, an NTLM CHALLENGE), so a probe of it ends
 * with CredSSP OK. Choose another scenario per method or class with {@link FakeScenario}:
 * <pre>{@code
 * @ExtendWith(FakeRdpServerExtension.class)
 * class MyTest {
 *     @Test void healthy(FakeRdpServer server) { prober.probe(server.target()).join(); … }
 *     @Test @FakeScenario("nla-required") void refused(FakeRdpServer server) { … }
 * }
 * }</pre>
 * Or as a field, with the scenario for every test of the class:
 * <pre>{@code
 * @RegisterExtension
 * final FakeRdpServerExtension rdp = new FakeRdpServerExtension(Scenario.refusing(NegotiationRefusal.HYBRID_REQUIRED_BY_SERVER));
 *
 * @Test void nlaRequired() { prober.probe(rdp.server().target()).join(); … }
 * }</pre>
 * A running test can still change its server with {@link FakeRdpServer#setDefault} or
 * {@link FakeRdpServer#enqueue}.
 */
public final class FakeRdpServerExtension implements BeforeEachCallback, AfterEachCallback, ParameterResolver {

    private final Scenario scenario;
    private FakeRdpServer server;

    /** Used by {@code @ExtendWith}: the server is {@link Scenario#healthy()} unless {@link FakeScenario} says otherwise. */
    public FakeRdpServerExtension() {
        this(Scenario.healthy());
    }

    /** @param scenario what the server does on every connection (unless {@link FakeScenario} says otherwise, or the test changes it) */
    public FakeRdpServerExtension(Scenario scenario) {
        this.scenario = Objects.requireNonNull(scenario, "scenario");
    }

    /** The server of the running test. */
    public FakeRdpServer server() {
        if (server == null) {
            throw new IllegalStateException("the fake server runs only during a test (between beforeEach and afterEach)");
        }
        return server;
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        server = FakeRdpServer.start(annotated(context).orElse(scenario));
    }

    @Override
    public void afterEach(ExtensionContext context) {
        if (server != null) {
            server.close();
            server = null;
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == FakeRdpServer.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return server();
    }

    /** The scenario a {@link FakeScenario} on the test method, else on its class or an enclosing class, names. */
    private static Optional<Scenario> annotated(ExtensionContext context) {
        Optional<FakeScenario> found = context.getTestMethod().map(m -> m.getAnnotation(FakeScenario.class));
        for (Class<?> c = context.getRequiredTestClass(); found.isEmpty() && c != null; c = c.getEnclosingClass()) {
            found = Optional.ofNullable(c.getAnnotation(FakeScenario.class));
        }
        return found.map(a -> resolve(a.value(), context.getRequiredTestClass()));
    }

    static Scenario resolve(String value, Class<?> testClass) {
        int hash = value.indexOf('#');
        if (hash >= 0) {
            String className = value.substring(0, hash);
            try {
                Class<?> owner = Class.forName(className, true, testClass.getClassLoader());
                return invoke(factory(owner, value.substring(hash + 1))
                        .orElseThrow(() -> new ExtensionConfigurationException("@FakeScenario(\"" + value + "\"): " + className
                                + " has no static no-argument method " + value.substring(hash + 1) + "() returning Scenario")), value);
            } catch (ClassNotFoundException e) {
                throw new ExtensionConfigurationException("@FakeScenario(\"" + value + "\"): no class " + className, e);
            }
        }
        for (Class<?> c = testClass; c != null; c = c.getEnclosingClass()) {
            Optional<Method> method = factory(c, value);
            if (method.isPresent()) {
                return invoke(method.get(), value);
            }
        }
        try {
            return Scenario.named(value);
        } catch (IllegalArgumentException e) {
            throw new ExtensionConfigurationException("@FakeScenario(\"" + value + "\"): neither a static no-argument method of "
                    + testClass.getName() + " returning Scenario nor a scenario name " + Scenario.NAMES, e);
        }
    }

    private static Optional<Method> factory(Class<?> owner, String name) {
        try {
            Method m = owner.getDeclaredMethod(name);
            boolean usable = Modifier.isStatic(m.getModifiers()) && Scenario.class.isAssignableFrom(m.getReturnType());
            return usable ? Optional.of(m) : Optional.empty();
        } catch (NoSuchMethodException e) {
            return Optional.empty();
        }
    }

    private static Scenario invoke(Method factory, String value) {
        try {
            factory.setAccessible(true);
            return Objects.requireNonNull((Scenario) factory.invoke(null), "@FakeScenario(\"" + value + "\") returned null");
        } catch (ReflectiveOperationException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new ExtensionConfigurationException("@FakeScenario(\"" + value + "\"): " + factory + " failed: " + cause, cause);
        }
    }
}
