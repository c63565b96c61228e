/**
 * What to probe: {@link dev.rdpprobe.core.target.Target}, a host (name, IPv4 or IPv6 literal, with a zone
 * where it has one) and a port, parsed and checked before anything leaves the machine. The bottom layer
 * of the API: it depends on nothing else of rdp-probe.
 */
package dev.rdpprobe.core.target;
