/**
 * Hardening tests over whole probes against the fake servers:
 * <ul>
 * <li>{@link dev.rdpprobe.testkit.hardening.FaultMatrixTest}: every phase × {silence, FIN, RST, garbage, one byte
 *     at a time, oversize length, half-close} as one table; writes {@code target/fault-matrix.md}.</li>
 * <li>{@link dev.rdpprobe.testkit.hardening.SoakTest}: mixed outcomes with Netty's leak detector at PARANOID,
 *     file descriptors, threads and an event-loop watchdog. The default build runs 2 000 probes; the full
 *     20 000: {@code ./mvnw -B -pl rdp-probe-testkit -am test -Dgroups=soak -Dtest=SoakTest
 *     -Dsurefire.failIfNoSpecifiedTests=false} (figures in {@code target/soak-report-20000.txt}).</li>
 * <li>{@link dev.rdpprobe.testkit.hardening.SecretsTest}: no credential sent, no NTLM secret in
 *     {@code toString} or in DEBUG logs.</li>
 * <li>{@link dev.rdpprobe.testkit.hardening.FaultMatrixCertificateTest}: the TLS phase × oversize keys, long and
 *     large chains and certificates that do not parse; writes {@code target/fault-matrix-certificates.md}.</li>
 * <li>{@link dev.rdpprobe.testkit.hardening.OversizeKeyTest}: 16384-bit keys probed beside a healthy server on one
 *     event loop, under the watchdog.</li>
 * <li>{@link dev.rdpprobe.testkit.hardening.FileDescriptorExhaustionTest}: a batch in a child JVM under
 *     {@code ulimit -n 64}: every target gets an outcome, those without a socket say OUT_OF_FILE_DESCRIPTORS.</li>
 * <li>{@link dev.rdpprobe.testkit.hardening.DriverExceptionsTest}: an exception in the driver's own code on the
 *     event loop is an internal error of the phase it was in.</li>
 * </ul>
 * The decoders' fuzz targets live in rdp-probe-core ({@code dev.rdpprobe.core.fuzz}, {@code bin/fuzz}).
 */
package dev.rdpprobe.testkit.hardening;
