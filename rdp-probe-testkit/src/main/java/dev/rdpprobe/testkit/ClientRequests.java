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
        return new RecordedConnection.Request(cr.cookie(), cr.routingToken(), cr.negotiationRequest() != null,
                requested(bits), bits, cr.correlationInfo() == null ? null : cr.correlationInfo().id());
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
