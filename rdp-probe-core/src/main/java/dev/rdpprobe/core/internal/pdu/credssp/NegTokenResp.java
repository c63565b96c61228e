package dev.rdpprobe.core.internal.pdu.credssp;

import dev.rdpprobe.core.internal.pdu.MalformedPduException;
import io.netty.buffer.ByteBuf;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * SPNEGO NegTokenResp (RFC 4178 4.2.2), the server's answer:
 *
 * <pre>
 * A1 L 30 L
 *    A0 03 0A 01 nn          negState [0] (ENUMERATED)
 *    A1 L 06 L oid           supportedMech [1]
 *    A2 L 04 L token         responseToken [2]
 *    A3 L 04 L mic           mechListMIC [3]
 * </pre>
 *
 * Every field is optional.
 *
 * @param negState negState ({@link Spnego#ACCEPT_INCOMPLETE} etc.), or {@code null}
 * @param supportedMech the chosen mechanism OID in dotted form, or {@code null}
 * @param responseToken the mechanism token (an NTLM CHALLENGE), or {@code null}
 * @param mechListMic mechListMIC, or {@code null}
 */
public record NegTokenResp(Integer negState, String supportedMech, byte[] responseToken, byte[] mechListMic) {

    /** PDU name in errors. */
    public static final String PDU = "SPNEGO NegTokenResp";

    /** Checks negState's range and copies the arrays. */
    public NegTokenResp {
        if (negState != null && (negState < 0 || negState > 0xFF)) {
            throw new IllegalArgumentException("negState out of range: " + negState);
        }
        responseToken = responseToken == null ? null : responseToken.clone();
        mechListMic = mechListMic == null ? null : mechListMic.clone();
    }

    /** A copy of responseToken, or {@code null}. */
    @Override
    public byte[] responseToken() {
        return responseToken == null ? null : responseToken.clone();
    }

    /** A copy of mechListMIC, or {@code null}. */
    @Override
    public byte[] mechListMic() {
        return mechListMic == null ? null : mechListMic.clone();
    }

    /** The encoding. */
    public byte[] toBytes() {
        List<byte[]> fields = new ArrayList<>();
        if (negState != null) {
            fields.add(DerWriter.tlv(DerReader.context(0), DerWriter.integer(DerReader.ENUMERATED, negState)));
        }
        if (supportedMech != null) {
            fields.add(DerWriter.tlv(DerReader.context(1), DerWriter.oid(supportedMech)));
        }
        if (responseToken != null) {
            fields.add(DerWriter.tlv(DerReader.context(2), DerWriter.tlv(DerReader.OCTET_STRING, responseToken)));
        }
        if (mechListMic != null) {
            fields.add(DerWriter.tlv(DerReader.context(3), DerWriter.tlv(DerReader.OCTET_STRING, mechListMic)));
        }
        return DerWriter.tlv(DerReader.context(1), DerWriter.tlv(DerReader.SEQUENCE, fields.toArray(new byte[0][])));
    }

    /**
     * Decodes one token at the reader index (readable bytes bound it) and moves the reader index past it.
     *
     * @throws MalformedPduException naming the field and its offset from the token start
     */
    public static NegTokenResp decode(ByteBuf in) {
        Objects.requireNonNull(in, "in");
        int start = in.readerIndex();
        DerReader top = DerReader.over(PDU, in, start, in.writerIndex());
        DerReader choice = top.enter(DerReader.context(1), "negTokenResp");
        DerReader seq = choice.enter(DerReader.SEQUENCE, "negTokenResp");
        choice.expectEnd("negTokenResp");
        Integer negState = null;
        String mech = null;
        byte[] token = null;
        byte[] mic = null;
        int lastTag = -1;
        while (seq.hasMore()) {
            int at = seq.offset();
            int number = Spnego.nextContextTag(seq, lastTag, PDU);
            lastTag = number;
            DerReader field = seq.enter(DerReader.context(number), fieldName(number));
            switch (number) {
                case 0 -> {
                    long state = field.integer("negState", DerReader.ENUMERATED, 4);
                    if (state < 0 || state > 0xFF) {
                        throw new MalformedPduException(PDU, "negState", at, "value " + state + " out of range");
                    }
                    negState = (int) state;
                }
                case 1 -> mech = field.oid("supportedMech");
                case 2 -> token = field.octetString("responseToken");
                case 3 -> mic = field.octetString("mechListMIC");
                default -> field.skipRest();
            }
            field.expectEnd(fieldName(number));
        }
        in.readerIndex(start + top.offset());
        return new NegTokenResp(negState, mech, token, mic);
    }

    private static String fieldName(int number) {
        switch (number) {
            case 0: return "negState";
            case 1: return "supportedMech";
            case 2: return "responseToken";
            case 3: return "mechListMIC";
            default: return "[" + number + "]";
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof NegTokenResp that && Objects.equals(negState, that.negState)
                && Objects.equals(supportedMech, that.supportedMech) && Arrays.equals(responseToken, that.responseToken)
                && Arrays.equals(mechListMic, that.mechListMic);
    }

    @Override
    public int hashCode() {
        return Objects.hash(negState, supportedMech, Arrays.hashCode(responseToken), Arrays.hashCode(mechListMic));
    }

    @Override
    public String toString() {
        return "NegTokenResp[negState=" + (negState == null ? "none" : Spnego.negStateName(negState))
                + ", supportedMech=" + supportedMech + ", responseToken="
                + (responseToken == null ? "none" : responseToken.length + " bytes")
                + ", mechListMIC=" + (mechListMic == null ? "none" : mechListMic.length + " bytes") + "]";
    }
}
