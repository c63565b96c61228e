package dev.rdpprobe.core.internal.pdu.x224;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** The rdpNegData of a Connection Confirm: RDP_NEG_RSP or RDP_NEG_FAILURE. */
public sealed interface NegotiationData {

    /**
     * RDP_NEG_RSP ([MS-RDPBCGR] 2.2.1.2.1).
     *
     * @param flags raw response flags; unknown bits kept
     * @param selectedProtocol the selected protocol
     */
    record Response(int flags, SecurityProtocols selectedProtocol) implements NegotiationData {
        public static final int TYPE = 0x02;
        public static final int EXTENDED_CLIENT_DATA_SUPPORTED = 0x01;
        public static final int DYNVC_GFX_PROTOCOL_SUPPORTED = 0x02;
        public static final int NEGRSP_FLAG_RESERVED = 0x04;
        public static final int RESTRICTED_ADMIN_MODE_SUPPORTED = 0x08;
        public static final int REDIRECTED_AUTHENTICATION_MODE_SUPPORTED = 0x10;

        private static final int[] KNOWN = {EXTENDED_CLIENT_DATA_SUPPORTED, DYNVC_GFX_PROTOCOL_SUPPORTED,
            NEGRSP_FLAG_RESERVED, RESTRICTED_ADMIN_MODE_SUPPORTED, REDIRECTED_AUTHENTICATION_MODE_SUPPORTED};
        private static final String[] NAMES = {"EXTENDED_CLIENT_DATA_SUPPORTED", "DYNVC_GFX_PROTOCOL_SUPPORTED",
            "NEGRSP_FLAG_RESERVED", "RESTRICTED_ADMIN_MODE_SUPPORTED", "REDIRECTED_AUTHENTICATION_MODE_SUPPORTED"};

        public Response {
            Objects.requireNonNull(selectedProtocol, "selectedProtocol");
            if (flags < 0 || flags > 0xFF) {
                throw new IllegalArgumentException("RDP_NEG_RSP flags are one byte, got " + flags);
            }
        }

        /** Names of the set flags; unknown bits as hex. */
        public List<String> flagNames() {
            List<String> out = new ArrayList<>();
            int rest = flags;
            for (int i = 0; i < KNOWN.length; i++) {
                if ((flags & KNOWN[i]) != 0) {
                    out.add(NAMES[i]);
                    rest &= ~KNOWN[i];
                }
            }
            if (rest != 0) {
                out.add(String.format("0x%02X", rest));
            }
            return out;
        }
    }

    /**
     * RDP_NEG_FAILURE ([MS-RDPBCGR] 2.2.1.2.2).
     *
     * @param code the failure code (open value)
     */
    record Failure(NegotiationFailureCode code) implements NegotiationData {
        public static final int TYPE = 0x03;

        public Failure {
            Objects.requireNonNull(code, "code");
        }
    }
}
