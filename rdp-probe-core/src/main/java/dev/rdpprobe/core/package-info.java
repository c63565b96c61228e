/**
 * The prober: {@link dev.rdpprobe.core.RdpProber} performs the client side of the RDP connection
 * sequence for a {@link dev.rdpprobe.core.target.Target} and completes a future with a
 * {@link dev.rdpprobe.core.outcome.ConnectionOutcome}; {@link dev.rdpprobe.core.ProbeOptions} shape it.
 *
 * <p>This package is the top of the library's layers. It also holds the Netty driver that pumps the
 * sans-I/O machines of {@code dev.rdpprobe.core.internal}; the driver's classes are package-private.
 */
package dev.rdpprobe.core;
