package dev.rdpprobe.core.internal.pdu.x224;

import java.util.Objects;

/**
 * RDP_NEG_REQ ([MS-RDPBCGR] 2.2.1.1.1).
 *
 * @param flags raw flags (RESTRICTED_ADMIN_MODE_REQUIRED 0x01, REDIRECTED_AUTHENTICATION_MODE_REQUIRED 0x02, CORRELATION_INFO_PRESENT 0x08); unknown bits kept
 * @param requestedProtocols the requested protocols
 */
public record NegotiationRequest(int flags, SecurityProtocols requestedProtocols) {
    public static final int TYPE = 0x01;
    public static final int LENGTH = 8;
    public static final int RESTRICTED_ADMIN_MODE_REQUIRED = 0x01;
    public static final int REDIRECTED_AUTHENTICATION_MODE_REQUIRED = 0x02;
    public static final int CORRELATION_INFO_PRESENT = 0x08;

    public NegotiationRequest {
        Objects.requireNonNull(requestedProtocols, "requestedProtocols");
        if (flags < 0 || flags > 0xFF) {
            throw new IllegalArgumentException("RDP_NEG_REQ flags are one byte, got " + flags);
        }
    }
}
