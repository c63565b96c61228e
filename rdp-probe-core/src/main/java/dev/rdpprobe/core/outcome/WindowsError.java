package dev.rdpprobe.core.outcome;

/**
 * The error pair the Windows Remote Desktop client most likely shows for a diagnosis:
 * "Error code: 0x{disconnectReason}, Extended error code: 0x{extendedReason}".
 *
 * @param disconnectReason the disconnect reason (IMsTscAxEvents::OnDisconnected)
 * @param extendedReason the extended disconnect reason (ExtendedDisconnectReasonCode)
 * @param confidence "documented" where the code's documented meaning matches the event, "likely" where it is an inference
 */
public record WindowsError(int disconnectReason, int extendedReason, String confidence) {

    /** As mstsc shows it, e.g. "0x904 / 0x7". */
    public String display() {
        return "0x" + Integer.toHexString(disconnectReason).toUpperCase(java.util.Locale.ROOT)
                + " / 0x" + Integer.toHexString(extendedReason).toUpperCase(java.util.Locale.ROOT);
    }
}
