package dev.rdpprobe.testkit;

import dev.rdpprobe.core.internal.pdu.MalformedPduException;
import dev.rdpprobe.testkit.wire.ClientInfoFacts;
import dev.rdpprobe.testkit.wire.ClientMcsPdu;
import dev.rdpprobe.testkit.wire.ClientSharePdu;
import dev.rdpprobe.testkit.wire.LicensingWriters;
import dev.rdpprobe.testkit.wire.McsDomainWriters;
import dev.rdpprobe.testkit.wire.McsWriters;
import dev.rdpprobe.testkit.wire.ServerCapabilitySets;
import dev.rdpprobe.testkit.wire.SharePduWriters;
import io.netty.buffer.ByteBuf;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The server side of the connection sequence after the MCS Connect Response, for one connection ({@link ActivationStep}),
 * without I/O: each client PDU (one TPKT frame) in, the server's answer out. Inside TLS with no RDP encryption, so no
 * security header but Client Info's and licensing's. Records how far the client got; never reads Client Info's strings.
 */
final class ActivationSession {

    /** The server's own MCS channel, the source of its share PDUs and the initiator of its Send Data Indications. */
    static final int SERVER_CHANNEL_ID = 1002;
    /** The share id, as Windows forms it (0x10000 + the server channel). */
    static final long SHARE_ID = 0x0001_0000L + SERVER_CHANNEL_ID;
    /** The session id the Demand Active names. */
    static final long SESSION_ID = 1;
    /** T.125 Result rt-no-such-channel. */
    private static final int RT_NO_SUCH_CHANNEL = 3;

    /**
     * What the server does after one client PDU: send {@code out} in order, then perform {@code effect} if there is one,
     * or close if {@code close}.
     */
    record Reply(List<byte[]> out, ConnectionEffect effect, boolean close) {
        static final Reply NOTHING = new Reply(List.of(), null, false);

        static Reply send(List<byte[]> out) {
            return new Reply(List.copyOf(out), null, false);
        }

        static Reply act(ConnectionEffect effect) {
            return new Reply(List.of(), effect, false);
        }

        static Reply closing() {
            return new Reply(List.of(), null, true);
        }
    }

    private final ActivationStep step;
    private final RecordedConnection record;
    private final int userId;
    private final int messageChannelId;
    private final Set<Integer> joinable = new TreeSet<>();
    private boolean attached;
    private boolean clientInfoSeen;
    private boolean active;

    /**
     * @param step what to serve
     * @param staticChannels how many static channels the client's CS_NET asked for (the Connect Response gave them
     *     1004 and up, then the message channel)
     * @param record where the facts go
     */
    ActivationSession(ActivationStep step, int staticChannels, RecordedConnection record) {
        this.step = step;
        this.record = record;
        this.messageChannelId = ServerAnswers.messageChannelId(staticChannels);
        this.userId = messageChannelId + 1;
        joinable.add(userId);
        joinable.add(McsWriters.IO_CHANNEL_ID);
        joinable.add(messageChannelId);
        joinable.addAll(McsWriters.staticChannelIds(staticChannels));
    }

    /** The user id the Attach User Confirm gives the client. */
    int userId() {
        return userId;
    }

    /** Whether the connection became active. */
    boolean active() {
        return active;
    }

    /** The answer to one client frame; a malformed or unexpected PDU is recorded and closes the connection. */
    Reply onFrame(ByteBuf frame) {
        try {
            return onPdu(ClientMcsPdu.decode(frame));
        } catch (MalformedPduException e) {
            return fail(e.getMessage());
        }
    }

    /** A frame that could not be cut from the stream: recorded, and the connection closes. */
    Reply onUnframeable(MalformedPduException error) {
        return fail(error.getMessage());
    }

    private Reply fail(String why) {
        record.activationError(why);
        return Reply.closing();
    }

    private Reply onPdu(ClientMcsPdu pdu) {
        if (pdu instanceof ClientMcsPdu.ErectDomainRequest) {
            record.activationReached(ActivationPhase.ERECT_DOMAIN);
            return Reply.NOTHING;
        }
        if (pdu instanceof ClientMcsPdu.AttachUserRequest) {
            record.activationReached(ActivationPhase.ATTACH_USER);
            ConnectionEffect effect = actsAt(ActivationPhase.ATTACH_USER);
            if (effect != null) {
                return Reply.act(effect);
            }
            attached = true;
            return Reply.send(List.of(McsDomainWriters.attachUserConfirm(0, userId)));
        }
        if (pdu instanceof ClientMcsPdu.ChannelJoinRequest join) {
            if (!attached) {
                return fail("Channel Join Request for " + join.channelId() + " before an Attach User Request");
            }
            record.activationReached(ActivationPhase.CHANNEL_JOIN);
            boolean known = joinable.contains(join.channelId());
            if (known) {
                record.joinedChannel(join.channelId());
            }
            return Reply.send(List.of(McsDomainWriters.channelJoinConfirm(known ? 0 : RT_NO_SUCH_CHANNEL, userId,
                    join.channelId(), join.channelId())));
        }
        if (pdu instanceof ClientMcsPdu.SendDataRequest data) {
            if (data.channelId() != McsWriters.IO_CHANNEL_ID) {
                return Reply.NOTHING; // virtual channel or message channel data: nothing served there
            }
            return clientInfoSeen ? onSharePdu(data.userData()) : onClientInfo(data.userData());
        }
        // a Disconnect Provider Ultimatum or an X.224 Disconnect Request: the client leaves
        return Reply.closing();
    }

    private Reply onClientInfo(byte[] userData) {
        ClientInfoFacts facts;
        try {
            facts = ClientInfoFacts.decode(userData);
        } catch (MalformedPduException e) {
            return fail(e.getMessage());
        }
        clientInfoSeen = true;
        record.clientInfo(new ClientInfo(facts.codePage(), facts.flags()));
        record.activationReached(ActivationPhase.CLIENT_INFO);
        ConnectionEffect effect = actsAt(ActivationPhase.CLIENT_INFO);
        if (effect != null) {
            return Reply.act(effect);
        }
        ActivationStep.Serve serve = step instanceof ActivationStep.Serve s ? s : ActivationStep.serve();
        byte[] demandActive = SharePduWriters.demandActive(SHARE_ID, SERVER_CHANNEL_ID,
                ServerCapabilitySets.windowsLike(serve.desktopWidth(), serve.desktopHeight(), serve.colorDepth()), SESSION_ID);
        return Reply.send(List.of(indication(LicensingWriters.validClient()), indication(demandActive)));
    }

    private Reply onSharePdu(byte[] userData) {
        ClientSharePdu pdu;
        try {
            pdu = ClientSharePdu.decode(userData);
        } catch (MalformedPduException e) {
            return fail(e.getMessage());
        }
        if (pdu instanceof ClientSharePdu.ConfirmActive confirm) {
            record.activationReached(ActivationPhase.CONFIRM_ACTIVE);
            if (confirm.shareId() != SHARE_ID) {
                return fail(String.format("Confirm Active for share 0x%08X, not the Demand Active's 0x%08X", confirm.shareId(), SHARE_ID));
            }
            ConnectionEffect effect = actsAt(ActivationPhase.CONFIRM_ACTIVE);
            if (effect != null) {
                return Reply.act(effect);
            }
            return Reply.NOTHING;
        }
        if (!(pdu instanceof ClientSharePdu.Data data)) {
            return Reply.NOTHING; // flow control, or another share PDU that needs no answer
        }
        List<byte[]> out = new ArrayList<>();
        switch (data.pduType2()) {
            case SharePduWriters.PDUTYPE2_SYNCHRONIZE -> {
                finalization();
                out.add(dataPdu(SharePduWriters.PDUTYPE2_SYNCHRONIZE, SharePduWriters.synchronize(userId)));
            }
            case SharePduWriters.PDUTYPE2_CONTROL -> {
                finalization();
                if (data.controlAction() == SharePduWriters.CTRLACTION_COOPERATE) {
                    out.add(dataPdu(SharePduWriters.PDUTYPE2_CONTROL, SharePduWriters.control(SharePduWriters.CTRLACTION_COOPERATE, 0, 0)));
                } else if (data.controlAction() == SharePduWriters.CTRLACTION_REQUEST_CONTROL) {
                    out.add(dataPdu(SharePduWriters.PDUTYPE2_CONTROL,
                            SharePduWriters.control(SharePduWriters.CTRLACTION_GRANTED_CONTROL, userId, SERVER_CHANNEL_ID)));
                }
            }
            case SharePduWriters.PDUTYPE2_BITMAPCACHE_PERSISTENT_LIST -> finalization();
            case SharePduWriters.PDUTYPE2_FONTLIST -> {
                finalization();
                out.add(dataPdu(SharePduWriters.PDUTYPE2_FONTMAP, SharePduWriters.fontMap()));
                active = true;
                record.activationReached(ActivationPhase.ACTIVE);
            }
            case SharePduWriters.PDUTYPE2_SHUTDOWN_REQUEST ->
                    out.add(dataPdu(SharePduWriters.PDUTYPE2_SHUTDOWN_DENIED, new byte[0]));
            default -> {
                // input, refresh rect, suppress output …: the session is held, nothing is drawn
            }
        }
        return Reply.send(out);
    }

    private void finalization() {
        if (!active) {
            record.activationReached(ActivationPhase.FINALIZATION);
        }
    }

    private ConnectionEffect actsAt(ActivationPhase phase) {
        return step instanceof ActivationStep.Act act && act.at() == phase ? act.effect() : null;
    }

    private byte[] dataPdu(int pduType2, byte[] payload) {
        return indication(SharePduWriters.dataPdu(SHARE_ID, SERVER_CHANNEL_ID, pduType2, payload));
    }

    private static byte[] indication(byte[] userData) {
        return McsDomainWriters.sendDataIndication(SERVER_CHANNEL_ID, McsWriters.IO_CHANNEL_ID, userData);
    }
}
