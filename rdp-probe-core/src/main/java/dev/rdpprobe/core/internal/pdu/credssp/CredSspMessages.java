package dev.rdpprobe.core.internal.pdu.credssp;

import dev.rdpprobe.core.internal.pdu.MalformedPduException;
import dev.rdpprobe.core.internal.pdu.PduBytes;
import dev.rdpprobe.core.internal.pdu.PduCursor;
import dev.rdpprobe.core.internal.pdu.ntlm.NtlmChallenge;
import dev.rdpprobe.core.internal.pdu.ntlm.NtlmMessages;
import dev.rdpprobe.core.internal.pdu.ntlm.NtlmNegotiate;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.util.List;
import java.util.Locale;

/**
 * The CredSSP messages the probe writes and reads (and the reader of a client's first request, which
 * the fake server uses), on top of {@link TsRequest},
 * {@link NegTokenInit}/{@link NegTokenResp} and the NTLM codecs. Pure: no I/O, no clock.
 */
public final class CredSspMessages {

    /** The TSRequest version the probe sends (what FreeRDP, sspi-rs and pyspnego send). */
    public static final int PROBE_VERSION = 6;
    /** Size of a clientNonce. */
    public static final int NONCE_SIZE = 32;
    /** At most this many start positions are tried when searching a token for an NTLM CHALLENGE. */
    public static final int MAX_SEARCH = TsRequest.MAX_SIZE;

    private CredSspMessages() {
    }

    /**
     * The probe's first TSRequest: version 6, negoTokens = the raw NTLM NEGOTIATE of
     * {@link NtlmNegotiate#probe()} (flags 0xE20882B7 with VERSION, Version 10.0.17763), and the
     * clientNonce if non-null. Never any credential.
     *
     * @param out where to write the DER bytes
     * @param clientNonceOrNull 32 random bytes, or {@code null} to omit the field
     * @throws IllegalArgumentException if the nonce is not 32 bytes
     */
    public static void writeProbeRequest(ByteBuf out, byte[] clientNonceOrNull) {
        checkNonce(clientNonceOrNull);
        if (clientNonceOrNull == null) {
            out.writeBytes(ProbeRequestTemplates.WITHOUT_NONCE);
        } else {
            // clientNonce [5] is the last field, so the nonce is the template's last 32 bytes
            out.writeBytes(ProbeRequestTemplates.WITH_NONCE, 0, ProbeRequestTemplates.WITH_NONCE.length - NONCE_SIZE);
            out.writeBytes(clientNonceOrNull);
        }
    }

    /**
     * The probe's first TSRequest as {@link #writeProbeRequest} writes it, in a new array of exactly its size.
     *
     * @param clientNonceOrNull 32 random bytes, or {@code null} to omit the field
     * @return the DER bytes (a fresh array the caller owns)
     * @throws IllegalArgumentException if the nonce is not 32 bytes
     */
    public static byte[] probeRequest(byte[] clientNonceOrNull) {
        int size = clientNonceOrNull == null ? ProbeRequestTemplates.WITHOUT_NONCE.length : ProbeRequestTemplates.WITH_NONCE.length;
        return PduBytes.encode(size, out -> writeProbeRequest(out, clientNonceOrNull));
    }

    private static void checkNonce(byte[] clientNonceOrNull) {
        if (clientNonceOrNull != null && clientNonceOrNull.length != NONCE_SIZE) {
            throw new IllegalArgumentException("clientNonce must be " + NONCE_SIZE + " bytes, not "
                    + clientNonceOrNull.length);
        }
    }

    /**
     * The probe's request is the same for every probe but for the nonce: encoded once, by the general
     * {@link TsRequest} encoder, then copied (a probe allocates nothing to build it).
     */
    private static final class ProbeRequestTemplates {
        static final byte[] WITHOUT_NONCE = encode(null);
        static final byte[] WITH_NONCE = encode(new byte[NONCE_SIZE]);

        private static byte[] encode(byte[] nonce) {
            return new TsRequest(PROBE_VERSION, List.of(NtlmNegotiate.probe().toBytes()), null, null, null, nonce).toBytes();
        }
    }

    /**
     * Reads one DER-framed server TSRequest, consuming it.
     * An errorCode wins (→ {@link CredSspAnswer.Error}); else the first negoToken is read as a raw
     * NTLM CHALLENGE, a SPNEGO NegTokenResp carrying one, or — failing both — searched for
     * {@code "NTLMSSP\0"} + type 2 as nmap does (→ {@link CredSspAnswer.Challenge}); otherwise
     * {@link CredSspAnswer.NoChallenge}. {@code spnegoWrapped()} is true whenever the CHALLENGE was
     * not the raw token.
     *
     * @param message the bytes of one TSRequest (reader index at its first byte)
     * @return the answer
     * @throws MalformedPduException if the TSRequest, or a CHALLENGE found in it, is malformed
     */
    public static CredSspAnswer readServerAnswer(ByteBuf message) {
        TsRequest.ServerFields request = TsRequest.decodeServerFields(message);
        ByteBuf token = request.firstToken();
        if (request.errorCode() != null) {
            long status = request.errorCode();
            String name = NtStatus.name(status);
            Found found = null;
            if (token != null) {
                try {
                    found = findChallenge(token);
                } catch (MalformedPduException ignored) {
                    // the errorCode is the answer; a broken token next to it adds nothing
                }
            }
            return new CredSspAnswer.Error(request.version(), found != null && found.wrapped,
                    found == null ? null : found.challenge, status, name);
        }
        if (token == null) {
            return new CredSspAnswer.NoChallenge(request.version(), "a TSRequest with neither negoTokens nor errorCode");
        }
        Found found = findChallenge(token);
        if (found == null) {
            return new CredSspAnswer.NoChallenge(request.version(), describeToken(ByteBufUtil.getBytes(token)));
        }
        return new CredSspAnswer.Challenge(request.version(), found.wrapped, found.challenge);
    }

    /**
     * The client's second TSRequest ([MS-CSSP] 3.1.5 step 2): negoTokens = the NTLM AUTHENTICATE,
     * pubKeyAuth, and the clientNonce from version 5. Never authInfo: the probe does not delegate.
     *
     * @param version the CredSSP version to send
     * @param authenticate the AUTHENTICATE_MESSAGE
     * @param pubKeyAuth the sealed pubKeyAuth
     * @param clientNonceOrNull the 32-byte nonce, or {@code null} to omit it
     */
    public static byte[] authenticateRequest(int version, byte[] authenticate, byte[] pubKeyAuth, byte[] clientNonceOrNull) {
        checkNonce(clientNonceOrNull);
        return new TsRequest(version, List.of(authenticate), null, pubKeyAuth, null, clientNonceOrNull).toBytes();
    }

    /**
     * Reads the server's answer to the AUTHENTICATE, consuming it.
     *
     * @throws MalformedPduException if it is not a well-formed TSRequest
     */
    public static CredSspAuthAnswer readAuthAnswer(ByteBuf message) {
        TsRequest request = TsRequest.decode(message);
        if (request.errorCode() != null) {
            return new CredSspAuthAnswer.Error(request.version(), request.errorCode(), NtStatus.name(request.errorCode()));
        }
        byte[] pubKeyAuth = request.pubKeyAuth();
        if (pubKeyAuth != null) {
            return new CredSspAuthAnswer.PubKeyAuth(request.version(), pubKeyAuth);
        }
        return new CredSspAuthAnswer.Neither(request.version(), request.negoTokens().isEmpty()
                ? "a TSRequest with neither pubKeyAuth nor errorCode"
                : "a TSRequest with a negoToken but neither pubKeyAuth nor errorCode");
    }

    /**
     * Fake-server side: reads a client's first TSRequest, consuming it. The first negoToken may be a raw
     * NTLM NEGOTIATE or a SPNEGO NegTokenInit wrapping one.
     *
     * @throws MalformedPduException if the TSRequest or its token is malformed, or the token is neither form
     */
    public static ClientNegotiate readClientRequest(ByteBuf message) {
        TsRequest request = TsRequest.decode(message);
        byte[] token = request.firstNegoToken();
        if (token == null) {
            return new ClientNegotiate(request, false, List.of(), null);
        }
        ByteBuf buf = Unpooled.wrappedBuffer(token);
        if (NtlmMessages.startsWithSignature(buf, 0)) {
            return new ClientNegotiate(request, false, List.of(), NtlmNegotiate.decode(buf));
        }
        if (token.length == 0) {
            throw new MalformedPduException(TsRequest.PDU, "negoTokens[0].negoToken", 0, "empty token");
        }
        int first = PduCursor.over(TsRequest.PDU, token).peekU8();
        if (first != DerReader.APPLICATION_0 && first != DerReader.context(0)) {
            throw new MalformedPduException(TsRequest.PDU, "negoTokens[0].negoToken", 0, String.format(Locale.ROOT,
                    "neither NTLM nor SPNEGO NegTokenInit (first byte 0x%02X)", first));
        }
        NegTokenInit init = NegTokenInit.decode(buf);
        byte[] mechToken = init.mechToken();
        NtlmNegotiate negotiate = null;
        if (mechToken != null && NtlmMessages.startsWithSignature(Unpooled.wrappedBuffer(mechToken), 0)) {
            negotiate = NtlmNegotiate.decode(Unpooled.wrappedBuffer(mechToken));
        }
        return new ClientNegotiate(request, true, init.mechTypes(), negotiate);
    }

    private record Found(NtlmChallenge challenge, boolean wrapped) {
    }

    /** Raw, SPNEGO, then a bounded search; null when there is no CHALLENGE at all. */
    private static Found findChallenge(ByteBuf tokenSlice) {
        if (NtlmMessages.startsWithSignature(tokenSlice, 0)) {
            // the common case, a raw CHALLENGE: decoded in place, the token is never copied
            return new Found(NtlmChallenge.decode(tokenSlice), false);
        }
        return findWrappedChallenge(ByteBufUtil.getBytes(tokenSlice));
    }

    /** SPNEGO, then a bounded search; null when there is no CHALLENGE at all. */
    private static Found findWrappedChallenge(byte[] token) {
        ByteBuf buf = Unpooled.wrappedBuffer(token);
        if (token.length > 0 && (token[0] & 0xFF) == DerReader.context(1)) {
            byte[] inner = null;
            try {
                inner = NegTokenResp.decode(buf.duplicate()).responseToken();
            } catch (MalformedPduException notSpnego) {
                // fall through to the search, as nmap does
            }
            if (inner != null && NtlmMessages.startsWithSignature(Unpooled.wrappedBuffer(inner), 0)) {
                return new Found(NtlmChallenge.decode(Unpooled.wrappedBuffer(inner)), true);
            }
        }
        int at = NtlmMessages.findChallenge(buf, MAX_SEARCH);
        if (at < 0) {
            return null;
        }
        return new Found(NtlmChallenge.decode(buf.slice(at, token.length - at)), true);
    }

    private static String describeToken(byte[] token) {
        if (token.length > 0 && (token[0] & 0xFF) == DerReader.context(1)) {
            try {
                NegTokenResp resp = NegTokenResp.decode(Unpooled.wrappedBuffer(token));
                return "a SPNEGO NegTokenResp without an NTLM CHALLENGE (negState "
                        + (resp.negState() == null ? "absent" : Spnego.negStateName(resp.negState()))
                        + ", supportedMech " + resp.supportedMech() + ")";
            } catch (MalformedPduException ignored) {
                // described below
            }
        }
        boolean allZero = true;
        for (byte b : token) {
            allZero &= b == 0;
        }
        return String.format(Locale.ROOT, "a %d-byte negoToken that is neither NTLM nor SPNEGO (%s)", token.length,
                allZero ? "all zeros" : String.format(Locale.ROOT, "first byte 0x%02X", token.length == 0 ? 0 : token[0]));
    }
}
