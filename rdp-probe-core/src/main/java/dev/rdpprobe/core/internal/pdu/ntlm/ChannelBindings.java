package dev.rdpprobe.core.internal.pdu.ntlm;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The value of MsvAvChannelBindings ([MS-NLMP] 2.2.2.1): MD5 of a {@code gss_channel_bindings_struct}
 * ([RFC 2744] 3.11, serialised as Windows does: five little-endian 32-bit fields, no addresses) whose
 * application data is, for TLS, {@code "tls-server-end-point:"} followed by the certificate hash of
 * [RFC 5929] 4.1.
 */
public final class ChannelBindings {

    /** Size of the value. */
    public static final int SIZE = 16;

    private ChannelBindings() {
    }

    /**
     * MD5(initiator_addrtype 0, initiator_address length 0, acceptor_addrtype 0, acceptor_address
     * length 0, application_data length, application_data).
     */
    public static byte[] hash(byte[] applicationData) {
        ByteBuffer struct = ByteBuffer.allocate(20 + applicationData.length).order(ByteOrder.LITTLE_ENDIAN);
        struct.putInt(0).putInt(0).putInt(0).putInt(0).putInt(applicationData.length).put(applicationData);
        return NtlmPrimitives.md5(struct.array());
    }
}
