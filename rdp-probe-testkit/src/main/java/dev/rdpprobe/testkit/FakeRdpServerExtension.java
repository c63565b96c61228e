package dev.rdpprobe.testkit;

import java.util.Objects;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit 5 extension that gives each test a started {@link FakeRdpServer} and closes it afterwards.
 *
 * <p>As a field, with the scenario for every connection:
 * <pre>{@code
 * @RegisterExtension
 * final FakeRdpServerExtension rdp = new FakeRdpServerExtension(Scenario.refusing(NegotiationFailureCode.HYBRID_REQUIRED_BY_SERVER));
 *
 * @Test void nlaRequired() { prober.probe(rdp.server().target()).join(); … }
 * }</pre>
 * Or as {@code @ExtendWith(FakeRdpServerExtension.class)}, with a {@code FakeRdpServer} test-method
 * parameter: that server starts healthy (selecting PROTOCOL_SSL); change it with
 * {@link FakeRdpServer#setDefault} or {@link FakeRdpServer#enqueue}.
 */
public final class FakeRdpServerExtension implements BeforeEachCallback, AfterEachCallback, ParameterResolver {

    private final Scenario scenario;
    private FakeRdpServer server;

    /** Used by {@code @ExtendWith}: the server starts selecting PROTOCOL_SSL. */
    public FakeRdpServerExtension() {
        this(Scenario.selecting(dev.rdpprobe.core.internal.pdu.x224.SecurityProtocols.SSL));
    }

    /** @param scenario what the server does on every connection (until changed) */
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
        server = FakeRdpServer.start(scenario);
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
}
