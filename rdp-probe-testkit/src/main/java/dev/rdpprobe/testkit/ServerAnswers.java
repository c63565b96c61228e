package dev.rdpprobe.testkit;

import dev.rdpprobe.core.internal.pdu.x224.NegotiationData;
import dev.rdpprobe.core.internal.pdu.x224.NegotiationFailureCode;
import dev.rdpprobe.core.internal.pdu.x224.SecurityProtocols;
import dev.rdpprobe.testkit.wire.ChallengeSpec;
import dev.rdpprobe.testkit.wire.CredSspAnswers;
import dev.rdpprobe.testkit.wire.McsWriters;
import dev.rdpprobe.testkit.wire.X224Writers;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import dev.rdpprobe.core.outcome.EncryptionLevel;
import dev.rdpprobe.core.outcome.EncryptionMethod;
import dev.rdpprobe.core.outcome.SecurityProtocol;
import java.time.Instant;

/**
 * The bytes of the fake server's answers, from the testkit's scenario values: the one place where
 * scenario values meet the server-side PDU writers.
 */
final class ServerAnswers {

    /** The destination reference of every Connection Confirm the fake server sends. */
    private static final int DST_REF = 0x1234;
    /** RDP_NEG_RSP flags: every flag a current Windows server sets. */
    private static final int RESPONSE_FLAGS = 0x1F;

    private ServerAnswers() {
    }

    /** A whole Connection Confirm (TPKT, X.224 CC, negotiation data). */
    static byte[] confirm(X224Step.Answer answer) {
        return confirm(answer, RESPONSE_FLAGS);
    }

    /** A whole Connection Confirm whose RDP_NEG_RSP carries these flags. */
    static byte[] confirm(X224Step.Answer answer, int responseFlags) {
        return X224Writers.connectionConfirm(DST_REF, negotiationData(answer, responseFlags));
    }

    private static NegotiationData negotiationData(X224Step.Answer answer, int responseFlags) {
        if (answer instanceof X224Step.Answer.Select select) {
            return new NegotiationData.Response(responseFlags, SecurityProtocols.of(select.protocol().bit()));
        }
        if (answer instanceof X224Step.Answer.Refuse refuse) {
            return new NegotiationData.Failure(new NegotiationFailureCode(refuse.refusal().code()));
        }
        return null;
    }

    /**
     * The server's reply to a Connect Initial that offered {@code offeredMethods}: a Connect Response, or (Standard
     * RDP Security with no acceptable method) a Disconnect Provider Ultimatum. Each of the client's {@code staticChannels}
     * gets an id, 1004 and up, then the message channel.
     */
    static byte[] connectResponse(McsStep.Answer answer, SecurityProtocol selected, int requestedProtocols, int offeredMethods,
            int staticChannels) {
        boolean standard = selected == SecurityProtocol.RDP;
        java.util.List<Integer> ids = McsWriters.staticChannelIds(staticChannels);
        int messageChannel = messageChannelId(staticChannels);
        if (!standard) {
            return McsWriters.connectResponse(answer.result(), new McsWriters.ServerBlocks(answer.version(), requestedProtocols,
                    0, 0, null, null, answer.multitransportFlags(), ids, messageChannel));
        }
        EncryptionMethod method = answer.choose(offeredMethods);
        if (method == null) {
            return McsWriters.disconnectProviderUltimatum();
        }
        byte[] random = new byte[32];
        java.util.Arrays.fill(random, (byte) 0x5A);
        boolean none = answer.level() == EncryptionLevel.NONE;
        return McsWriters.connectResponse(answer.result(), new McsWriters.ServerBlocks(answer.version(), requestedProtocols,
                method.wire(), answer.level().wire(), none ? null : random,
                none ? null : McsWriters.proprietaryCertificate(answer.keyBits()), answer.multitransportFlags(), ids, messageChannel));
    }

    /** The message channel's id when the client asked for {@code staticChannels} static channels: the next after theirs. */
    static int messageChannelId(int staticChannels) {
        return McsWriters.IO_CHANNEL_ID + 1 + staticChannels;
    }

    /**
     * The Early User Authorization Result PDU ([MS-RDPBCGR] 2.2.10.2) a server sends after CredSSP when HYBRID_EX was
     * selected: AUTHZ_SUCCESS, four zero bytes.
     */
    static byte[] earlyUserAuthorizationSuccess() {
        return new byte[4];
    }

    /** The whole TSRequest answering with {@code answer}, a CHALLENGE stamped {@code now} unless it has its own time. */
    static byte[] credSsp(CredSspStep.Answer answer, Instant now) {
        ByteBuf out = Unpooled.buffer(512);
        try {
            write(out, answer, now);
            byte[] bytes = new byte[out.readableBytes()];
            out.readBytes(bytes);
            return bytes;
        } finally {
            out.release();
        }
    }

    /** Writes the TSRequest answering with {@code answer} to {@code out}. */
    static void write(ByteBuf out, CredSspStep.Answer answer, Instant now) {
        if (answer instanceof CredSspStep.Challenge c) {
            Instant timestamp = c.timestamp() != null ? c.timestamp() : now.plus(c.clockOffset());
            CredSspAnswers.writeChallenge(out, c.tsRequestVersion(), spec(c, timestamp), c.spnegoWrapped());
        } else {
            CredSspStep.Error e = (CredSspStep.Error) answer;
            CredSspAnswers.writeError(out, e.tsRequestVersion(), e.ntStatus());
        }
    }

    private static ChallengeSpec spec(CredSspStep.Challenge c, Instant timestamp) {
        NtlmIdentity id = c.identity();
        return new ChallengeSpec(id.targetName(), id.netbiosComputerName(), id.netbiosDomainName(), id.dnsComputerName(),
                id.dnsDomainName(), id.dnsTreeName(), id.osMajor(), id.osMinor(), id.osBuild(), timestamp,
                ChallengeSpec.WINDOWS_SERVER_FLAGS, c.serverChallenge());
    }
}
