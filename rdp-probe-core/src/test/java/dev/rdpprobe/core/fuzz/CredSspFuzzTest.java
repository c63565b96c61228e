package dev.rdpprobe.core.fuzz;

import static dev.rdpprobe.core.fuzz.Decoding.check;
import static dev.rdpprobe.core.fuzz.Decoding.decodeOrNull;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.rdpprobe.core.outcome.CredSspFacts;
import dev.rdpprobe.core.internal.pdu.MalformedPduException;
import dev.rdpprobe.core.internal.pdu.credssp.ClientNegotiate;
import dev.rdpprobe.core.internal.pdu.credssp.CredSspAnswer;
import dev.rdpprobe.core.internal.sequence.CodecReadings;
import dev.rdpprobe.core.internal.pdu.credssp.CredSspMessages;
import dev.rdpprobe.core.internal.pdu.credssp.DerFraming;
import dev.rdpprobe.core.internal.pdu.credssp.NegTokenInit;
import dev.rdpprobe.core.internal.pdu.credssp.NegTokenResp;
import dev.rdpprobe.core.internal.pdu.credssp.TsRequest;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.time.Instant;

/**
 * Fuzz targets for the CredSSP layer: DER framing, TSRequest, SPNEGO NegTokenInit/NegTokenResp, and
 * the two message readers built on them (the probe's {@code readServerAnswer}, the fake server's
 * {@code readClientRequest}). Seeds: vectors.md C1–C3, D1–D5, plus SPNEGO and nmap-fallback wrappings.
 */
class CredSspFuzzTest {

    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

    /** The framer never moves the index, answers -1 only while the header is incomplete, and respects its cap. */
    @FuzzTest
    void derFraming(byte[] input) {
        ByteBuf buf = Unpooled.wrappedBuffer(input);
        int cap = input.length == 0 ? 16 : 16 + (input[0] & 0xFF) * 256;
        try {
            int length = DerFraming.frameLength(buf, cap);
            check(length == -1 || (length >= 2 && length <= cap), "frame length " + length + " with cap " + cap);
            check(length != -1 || input.length < 6, "-1 although a full header is present");
        } catch (MalformedPduException e) {
            Decoding.checkWellFormed(e);
        }
        check(buf.readerIndex() == 0, "frameLength moved the reader index");
    }

    /** Any bytes: a TSRequest or MalformedPdu; a decoded one re-encodes to an equal one; toString prints sizes only. */
    @FuzzTest
    void tsRequest(byte[] input) {
        TsRequest request = decodeOrNull(input, TsRequest::decode);
        if (request == null) {
            return;
        }
        TsRequest again = TsRequest.decode(Unpooled.wrappedBuffer(request.toBytes()));
        check(again.equals(request), "round trip changed " + request + " into " + again);
        check(request.toString().length() < 200 + 12 * request.negoTokens().size(), "toString is not sizes-only");
    }

    /** The probe's reader: an answer or MalformedPdu, with facts that agree with the answer's kind. */
    @FuzzTest
    void readServerAnswer(byte[] input) {
        CredSspAnswer answer = decodeOrNull(input, CredSspMessages::readServerAnswer);
        if (answer == null) {
            return;
        }
        CredSspFacts facts = CodecReadings.credSspFacts(answer, NOW);
        check(facts.version() >= 1, "version " + facts.version());
        if (answer instanceof CredSspAnswer.Error error) {
            check(facts.errorCode().equals(java.util.Optional.of(error.ntStatus())), "error facts disagree");
            check(error.ntStatus() >= 0 && error.ntStatus() <= 0xFFFFFFFFL, "status out of range");
        } else if (answer instanceof CredSspAnswer.Challenge) {
            check(facts.errorCode().isEmpty() && facts.ntlm().isPresent(), "challenge facts disagree");
            check(facts.ntlm().orElseThrow().toString() != null, "toString");
        } else {
            check(facts.ntlm().isEmpty(), "no-challenge with NTLM facts");
        }
    }

    /** The fake server's reader of a client's first TSRequest. */
    @FuzzTest
    void readClientRequest(byte[] input) {
        ClientNegotiate request = decodeOrNull(input, CredSspMessages::readClientRequest);
        if (request != null) {
            check(request.spnegoWrapped() || request.mechTypes().isEmpty(), "mechTypes without SPNEGO");
        }
    }

    /** Any bytes: a NegTokenResp or MalformedPdu; a decoded token re-encodes to an equal one. */
    @FuzzTest
    void negTokenResp(byte[] input) {
        NegTokenResp token = decodeOrNull(input, NegTokenResp::decode);
        if (token != null) {
            NegTokenResp again = NegTokenResp.decode(Unpooled.wrappedBuffer(token.toBytes()));
            check(again.equals(token), "round trip changed " + token + " into " + again);
        }
    }

    /** Any bytes: a NegTokenInit or MalformedPdu; a decoded token re-encodes to an equal one. */
    @FuzzTest
    void negTokenInit(byte[] input) {
        NegTokenInit token = decodeOrNull(input, NegTokenInit::decode);
        if (token != null) {
            NegTokenInit again = NegTokenInit.decode(Unpooled.wrappedBuffer(token.toBytes()));
            check(again.equals(token), "round trip changed " + token + " into " + again);
        }
    }
}
