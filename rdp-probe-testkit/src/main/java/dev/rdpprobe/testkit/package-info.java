/**
 * FakeRdpServer: a scriptable RDP server on loopback for tests, in the spirit of OkHttp's
 * MockWebServer. {@link dev.rdpprobe.testkit.FakeRdpServer} serves {@link dev.rdpprobe.testkit.Scenario}s
 * (X.224, TLS and CredSSP steps, each an answer or a {@link dev.rdpprobe.testkit.ConnectionEffect})
 * and records what each client sent ({@link dev.rdpprobe.testkit.FakeRdpServer#takeConnection}); the
 * JUnit 5 {@link dev.rdpprobe.testkit.FakeRdpServerExtension} starts a healthy one per test, or the one
 * a {@link dev.rdpprobe.testkit.FakeScenario} names. Scenario values are the model's and the testkit's own
 * ({@link dev.rdpprobe.core.outcome.SecurityProtocol}, {@link dev.rdpprobe.testkit.NegotiationRefusal},
 * {@link dev.rdpprobe.testkit.NtlmIdentity}): no test needs a codec type to build one.
 */
package dev.rdpprobe.testkit;
