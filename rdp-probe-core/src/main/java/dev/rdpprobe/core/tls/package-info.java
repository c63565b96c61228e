/**
 * The TLS service-provider interface: the core has no TLS engine of its own and reaches one through
 * {@link dev.rdpprobe.core.tls.TlsProvider}, which {@code rdp-probe-tls} implements and registers with
 * {@link java.util.ServiceLoader}. Implement it only to bring another engine. The same module provides
 * {@link dev.rdpprobe.core.tls.Md4Provider}, the one hash of the credential check that the JDK lacks.
 */
package dev.rdpprobe.core.tls;
