package dev.rdpprobe.testkit;

import dev.rdpprobe.core.outcome.SecurityProtocol;
import dev.rdpprobe.core.internal.pdu.MalformedPduException;
import dev.rdpprobe.core.internal.pdu.credssp.ClientNegotiate;
import dev.rdpprobe.core.internal.pdu.credssp.CredSspMessages;
import dev.rdpprobe.core.internal.pdu.x224.ConnectionRequest;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.Set;
import java.util.EnumSet;

/** Decodes what the client sent into the facts a {@link RecordedConnection} holds: the one place the fake server reads client PDUs. */
final class ClientRequests {

    private ClientRequests() {
    }

    /**
     * Decodes the Connection Request at {@code frame}'s reader index (consuming it).
     *
     * @throws MalformedPduException if it is not one
     */
    static RecordedConnection.Request connectionRequest(ByteBuf frame) {
        ConnectionRequest cr = ConnectionRequest.decode(frame);
        int bits = cr.negotiationRequest() == null ? 0 : cr.negotiationRequest().requestedProtocols().bits();
        int flags = cr.negotiationRequest() == null ? 0 : cr.negotiationRequest().flags();
        return new RecordedConnection.Request(cr.cookie(), cr.routingToken(), cr.negotiationRequest() != null,
                requested(bits), bits, flags, cr.correlationInfo() == null ? null : cr.correlationInfo().id());
    }

    /** The facts of a client's first TSRequest, or {@code null} if it does not decode. */
    static RecordedConnection.ClientTsRequest tsRequest(byte[] bytes) {
        try {
            ClientNegotiate request = CredSspMessages.readClientRequest(Unpooled.wrappedBuffer(bytes));
            return new RecordedConnection.ClientTsRequest(request.request().version(),
                    request.negotiate() == null ? null : request.negotiate().flags(), request.spnegoWrapped());
        } catch (MalformedPduException e) {
            return null;
        }
    }

    /** "NTLMSSP" and a NUL: the signature every NTLM message starts with (MS-NLMP 2.2.1). */
    private static final byte[] NTLM_SIGNATURE = {'N', 'T', 'L', 'M', 'S', 'S', 'P', 0};
    /** MessageType of an AUTHENTICATE_MESSAGE. */
    private static final int NTLM_AUTHENTICATE = 3;
    /** Signature, MessageType, LmChallengeResponseFields (8), then NtChallengeResponseFields' Len (2). */
    private static final int NT_RESPONSE_LENGTH_OFFSET = 20;

    /**
     * Whether these decrypted bytes hold an NTLM AUTHENTICATE_MESSAGE (MS-NLMP 2.2.1.3) with a
     * non-empty NtChallengeResponse, wherever the client's TSRequest (raw or SPNEGO) put it: the
     * client answered the CHALLENGE with credentials. Reads only the signature, type and one length.
     */
    static boolean offersCredentials(byte[] plaintext) {
        for (int at = 0; at + NT_RESPONSE_LENGTH_OFFSET + 2 <= plaintext.length; at++) {
            if (startsWith(plaintext, at, NTLM_SIGNATURE) && le16(plaintext, at + 8) == NTLM_AUTHENTICATE
                    && le16(plaintext, at + 10) == 0 && le16(plaintext, at + NT_RESPONSE_LENGTH_OFFSET) > 0) {
                return true;
            }
        }
        return false;
    }

    private static boolean startsWith(byte[] bytes, int at, byte[] prefix) {
        for (int i = 0; i < prefix.length; i++) {
            if (bytes[at + i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private static int le16(byte[] bytes, int at) {
        return (bytes[at] & 0xFF) | (bytes[at + 1] & 0xFF) << 8;
    }

    /** The protocols whose bit is set (Standard RDP Security, which has none, is not listed). */
    static Set<SecurityProtocol> requested(int bits) {
        Set<SecurityProtocol> out = EnumSet.noneOf(SecurityProtocol.class);
        for (SecurityProtocol p : SecurityProtocol.values()) {
            if (p.bit() != 0 && (bits & p.bit()) != 0) {
                out.add(p);
            }
        }
        return out;
    }
}
