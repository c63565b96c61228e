package dev.rdpprobe.core.outcome;

import java.util.Locale;
import java.util.Objects;

/**
 * The error pair the Windows Remote Desktop client most likely shows for a diagnosis:
 * "Error code: 0x{disconnectReason}, Extended error code: 0x{extendedReason}".
 *
 * @param disconnectReason the disconnect reason (IMsTscAxEvents::OnDisconnected)
 * @param extendedReason the extended disconnect reason (ExtendedDisconnectReasonCode)
 * @param confidence whether the codes' documented meaning matches the event or the pair is an inference
 */
public record WindowsError(int disconnectReason, int extendedReason, WindowsErrorConfidence confidence) {

    public WindowsError {
        Objects.requireNonNull(confidence, "confidence");
    }

    /** As mstsc shows it, e.g. "0x904 / 0x7". */
    public String display() {
        return "0x" + Integer.toHexString(disconnectReason).toUpperCase(Locale.ROOT)
                + " / 0x" + Integer.toHexString(extendedReason).toUpperCase(Locale.ROOT);
    }
}
