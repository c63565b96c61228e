package dev.rdpprobe.core.outcome;

/**
 * The server's answer to a request for exactly one security protocol (security-layer enumeration).
 *
 * @param protocol the protocol requested alone: RDP, SSL, HYBRID, HYBRID_EX or RDSTLS
 * @param accepted whether the server selected exactly that protocol
 * @param selected what the server selected instead, or {@code null}
 * @param failureCode the RDP_NEG_FAILURE name if it refused, or {@code null}
 * @param detail anything else (closed, timed out …), or {@code null}
 */
public record SecurityLayerSupport(String protocol, boolean accepted, String selected, String failureCode, String detail) {
}
