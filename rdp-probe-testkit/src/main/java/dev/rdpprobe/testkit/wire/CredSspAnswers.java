package dev.rdpprobe.testkit.wire;

import dev.rdpprobe.core.internal.pdu.credssp.Spnego;
import dev.rdpprobe.core.internal.pdu.credssp.TsRequest;
import io.netty.buffer.ByteBuf;
import java.util.List;

/** The fake server's CredSSP answers: the TSRequests a server sends back to a client's first one. */
public final class CredSspAnswers {

    private CredSspAnswers() {
    }

    /**
     * A TSRequest carrying the CHALLENGE built from {@code spec}, raw or inside a SPNEGO NegTokenResp
     * (accept-incomplete, supportedMech NTLM).
     */
    public static void writeChallenge(ByteBuf out, int tsRequestVersion, ChallengeSpec spec, boolean spnegoWrapped) {
        byte[] challenge = spec.toChallenge().toBytes();
        byte[] token = spnegoWrapped ? Spnego.wrapNtlmChallenge(challenge) : challenge;
        new TsRequest(tsRequestVersion, List.of(token), null, null, null, null).encode(out);
    }

    /** A TSRequest carrying only an errorCode (an unsigned 32-bit NTSTATUS). */
    public static void writeError(ByteBuf out, int tsRequestVersion, long ntStatus) {
        new TsRequest(tsRequestVersion, List.of(), null, null, ntStatus, null).encode(out);
    }
}
