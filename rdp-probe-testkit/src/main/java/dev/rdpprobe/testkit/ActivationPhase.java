package dev.rdpprobe.testkit;

import java.util.Locale;

/**
 * How far a client got in the part of the connection sequence that follows the MCS Connect Response
 * ([MS-RDPBCGR] 1.3.1.1), as the fake server records it ({@link RecordedConnection#activationPhase()}) and where an
 * {@link ActivationStep.Act} acts. In order: a later phase means every earlier one passed.
 */
public enum ActivationPhase {
    /** The client's Erect Domain Request arrived. */
    ERECT_DOMAIN,
    /** The client's Attach User Request arrived (the server answers with its user id). */
    ATTACH_USER,
    /** The client joined a channel (its user channel first, then the I/O channel, the message channel, the static ones). */
    CHANNEL_JOIN,
    /** The client's Client Info PDU arrived (the server answers with its licensing PDU and the Demand Active). */
    CLIENT_INFO,
    /** The client's Confirm Active PDU arrived: it accepted the server's capabilities. */
    CONFIRM_ACTIVE,
    /** A finalisation PDU of the client arrived (Synchronize, Control, Persistent Key List). */
    FINALIZATION,
    /** The client's Font List arrived and the server's Font Map went out: the connection is active. */
    ACTIVE;

    /** The phase's name as JSON writes it: lower case, hyphens ({@code client-info}). */
    public String jsonName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
