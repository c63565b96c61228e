package dev.rdpprobe.testkit;

import dev.rdpprobe.core.internal.pdu.MalformedPduException;
import dev.rdpprobe.core.internal.pdu.credssp.PubKeyAuth;
import dev.rdpprobe.core.internal.pdu.credssp.ServerCertificate;
import dev.rdpprobe.core.internal.pdu.credssp.TsRequest;
import dev.rdpprobe.core.internal.pdu.ntlm.AvPair;
import dev.rdpprobe.core.internal.pdu.ntlm.ChannelBindings;
import dev.rdpprobe.core.internal.pdu.ntlm.NtlmAuthenticate;
import dev.rdpprobe.core.internal.pdu.ntlm.NtlmChallenge;
import dev.rdpprobe.core.internal.pdu.ntlm.NtlmFlags;
import dev.rdpprobe.core.internal.pdu.ntlm.NtlmPrimitives;
import dev.rdpprobe.core.internal.pdu.ntlm.NtlmSessionKeys;
import dev.rdpprobe.core.internal.pdu.ntlm.NtlmV2;
import dev.rdpprobe.core.tls.Md4Provider;
import dev.rdpprobe.testkit.wire.CredSspAnswers;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The server side of NLA for one connection of the fake server ({@link CredSspStep.Nla}): the CHALLENGE,
 * then a real check of the client's AUTHENTICATE ([MS-NLMP] 3.2.5.1.2: NTProofStr, session key, MIC;
 * MsvAvChannelBindings) and of its pubKeyAuth ([MS-CSSP] 3.1.5), then the answer the scenario asks for.
 */
final class FakeNlaSession {

    private static final long STATUS_LOGON_FAILURE = 0xC000006DL;
    /** MsvAvFlags 0x2: the AUTHENTICATE carries a MIC ([MS-NLMP] 2.2.2.1). */
    private static final int MIC_PRESENT = 0x2;
    /** MD4 for the accounts' NT hashes: rdp-probe-tls's provider, which the test kit depends on. */
    private static final Md4Provider MD4 = Md4Provider.installed()
            .orElseThrow(() -> new IllegalStateException("no MD4 provider: rdp-probe-tls is missing"));

    /** The reply to the AUTHENTICATE: bytes to send (inside TLS), or none for a close or silence. */
    record Reply(NlaAnswer answer, byte[] bytes) {
    }

    private final CredSspStep.Nla step;
    private final byte[] certificateDer;
    private byte[] negotiate;
    private byte[] challengeBytes;
    private NtlmChallenge challenge;
    private NlaVerification verification;

    FakeNlaSession(CredSspStep.Nla step, byte[] certificateDer) {
        this.step = step;
        this.certificateDer = certificateDer.clone();
    }

    /** Whether the CHALLENGE was sent and the AUTHENTICATE is awaited. */
    boolean awaitingAuthenticate() {
        return challenge != null && verification == null;
    }

    /** What the check found, once the AUTHENTICATE arrived. */
    NlaVerification verification() {
        return verification;
    }

    /** The answer to the client's first TSRequest (its raw NTLM NEGOTIATE kept for the MIC): the CHALLENGE. */
    byte[] challenge(TsRequest first, Instant now) {
        negotiate = first.firstNegoToken();
        byte[] tsRequest = ServerAnswers.credSsp(step.challenge(), now);
        challengeBytes = TsRequest.decode(Unpooled.wrappedBuffer(tsRequest)).firstNegoToken();
        challenge = NtlmChallenge.decode(Unpooled.wrappedBuffer(challengeBytes));
        return tsRequest;
    }

    /** Checks the AUTHENTICATE TSRequest and says what to answer. */
    Reply authenticate(TsRequest request) {
        byte[] token = request.firstNegoToken();
        NtlmAuthenticate auth = decodeAuthenticate(token);
        if (auth == null) {
            verification = new NlaVerification("", "", false, false, false, false, Optional.empty(), false, request.version(), false, false);
            return reply(step.onFailure(), request, null, null);
        }
        NlaAccount account = step.accounts().stream().filter(a -> a.matches(auth.user(), auth.domain())).findFirst().orElse(null);
        byte[] ntHash = NtlmV2.ntHash((account == null ? "" : account.password()).toCharArray(), MD4::md4);
        byte[] responseKey = NtlmV2.responseKey(ntHash, auth.user(), auth.domain());
        byte[] nt = auth.ntChallengeResponse();
        boolean responseValid = false;
        NtlmSessionKeys keys = null;
        boolean micValid = false;
        if (nt.length > 16 + 28) {
            byte[] proof = Arrays.copyOf(nt, 16);
            byte[] blob = Arrays.copyOfRange(nt, 16, nt.length);
            responseValid = account != null && NtlmPrimitives.same(proof,
                    NtlmPrimitives.hmacMd5(responseKey, challenge.serverChallenge(), blob));
            byte[] sessionBaseKey = NtlmPrimitives.hmacMd5(responseKey, proof);
            byte[] exported = NtlmFlags.has(auth.flags(), NtlmFlags.NEGOTIATE_KEY_EXCH)
                    ? NtlmPrimitives.rc4(sessionBaseKey, auth.encryptedRandomSessionKey()) : sessionBaseKey;
            micValid = auth.mic() != null && NtlmPrimitives.same(auth.mic(),
                    NtlmPrimitives.hmacMd5(exported, negotiate, challengeBytes, NtlmAuthenticate.withMicZeroed(token)));
            keys = NtlmSessionKeys.derive(exported, auth.flags());
        }
        List<AvPair> pairs = clientPairs(nt);
        ServerCertificate certificate = ServerCertificate.read(certificateDer);
        byte[] bindings = value(pairs, AvPair.MSV_AV_CHANNEL_BINDINGS);
        boolean bindingsValid = bindings != null
                && Arrays.equals(bindings, ChannelBindings.hash(certificate.tlsServerEndPoint()));
        boolean bindingsSent = bindings != null && !Arrays.equals(bindings, new byte[bindings.length]);
        byte[] avFlags = value(pairs, AvPair.MSV_AV_FLAGS);
        boolean micSent = avFlags != null && avFlags.length == 4 && (avFlags[0] & MIC_PRESENT) != 0;
        byte[] target = value(pairs, AvPair.MSV_AV_TARGET_NAME);
        byte[] nonce = request.clientNonce();
        boolean pubKeyAuthValid = false;
        if (keys != null && request.pubKeyAuth() != null && (nonce != null || !PubKeyAuth.hashed(request.version()))) {
            byte[] value = keys.clientToServer().unseal(request.pubKeyAuth());
            pubKeyAuthValid = NtlmPrimitives.same(value, PubKeyAuth.clientValue(request.version(), certificate.subjectPublicKey(), nonce));
        }
        verification = new NlaVerification(auth.user(), auth.domain(), account != null, responseValid, micValid, bindingsValid,
                Optional.ofNullable(target == null ? null : new String(target, StandardCharsets.UTF_16LE)), pubKeyAuthValid,
                request.version(), bindingsSent, micSent);
        NtlmPrimitives.wipe(ntHash, responseKey);
        if (!verification.passes()) {
            return reply(step.onFailure(), request, null, null);
        }
        return reply(account.answer(), request, keys, certificate);
    }

    private NtlmAuthenticate decodeAuthenticate(byte[] token) {
        try {
            return token == null || negotiate == null ? null : NtlmAuthenticate.decode(Unpooled.wrappedBuffer(token));
        } catch (MalformedPduException e) {
            return null;
        }
    }

    private static Reply reply(NlaAnswer answer, TsRequest request, NtlmSessionKeys keys, ServerCertificate certificate) {
        int version = request.version();
        if (answer instanceof NlaAnswer.Status s) {
            return new Reply(answer, error(version, s.ntStatus()));
        }
        if (answer instanceof NlaAnswer.Close || answer instanceof NlaAnswer.Silent) {
            return new Reply(answer, null);
        }
        if (keys == null) {
            return new Reply(answer, error(version, STATUS_LOGON_FAILURE));
        }
        if (answer instanceof NlaAnswer.NoPubKeyAuth) {
            return new Reply(answer, new TsRequest(version, List.of(), null, null, null, null).toBytes());
        }
        byte[] key = certificate.subjectPublicKey();
        if (answer instanceof NlaAnswer.WrongPubKeyAuth) {
            key[key.length - 1] ^= 0x01;
        }
        byte[] proof = keys.serverToClient().seal(PubKeyAuth.serverExpected(version, key, request.clientNonce())).signatureThenData();
        return new Reply(answer, new TsRequest(version, List.of(), null, proof, null, null).toBytes());
    }

    private static byte[] error(int version, long ntStatus) {
        ByteBuf out = Unpooled.buffer(32);
        try {
            CredSspAnswers.writeError(out, version, ntStatus);
            byte[] bytes = new byte[out.readableBytes()];
            out.readBytes(bytes);
            return bytes;
        } finally {
            out.release();
        }
    }

    /** The AV pairs of the client's NTLMv2 blob (after NTProofStr and the 28 fixed bytes), up to MsvAvEOL. */
    private static List<AvPair> clientPairs(byte[] nt) {
        List<AvPair> pairs = new java.util.ArrayList<>();
        int at = 16 + 28;
        while (at + 4 <= nt.length) {
            int id = (nt[at] & 0xFF) | (nt[at + 1] & 0xFF) << 8;
            int len = (nt[at + 2] & 0xFF) | (nt[at + 3] & 0xFF) << 8;
            if (id == AvPair.MSV_AV_EOL || at + 4 + len > nt.length) {
                break;
            }
            pairs.add(new AvPair(id, Arrays.copyOfRange(nt, at + 4, at + 4 + len)));
            at += 4 + len;
        }
        return pairs;
    }

    private static byte[] value(List<AvPair> pairs, int id) {
        return pairs.stream().filter(p -> p.id() == id).findFirst().map(AvPair::value).orElse(null);
    }
}
