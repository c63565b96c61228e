package dev.rdpprobe.core.internal.pdu.credssp;

import dev.rdpprobe.core.internal.pdu.MalformedPduException;
import io.netty.buffer.ByteBuf;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * SPNEGO NegTokenInit (RFC 4178 4.2.1) inside the GSS-API InitialContextToken wrapper:
 *
 * <pre>
 * 60 L  06 06 2B 06 01 05 05 02           thisMech = SPNEGO
 *       A0 L 30 L                         negTokenInit
 *          A0 L 30 L (06 L oid)*          mechTypes [0]
 *          A1 ...                         reqFlags [1] (skipped)
 *          A2 L 04 L token                mechToken [2]
 *          A3 ...                         mechListMIC / negHints [3] (skipped)
 * </pre>
 *
 * Decoding also accepts the bare {@code A0} form without the GSS wrapper.
 *
 * @param mechTypes the offered mechanism OIDs in dotted form, preferred first
 * @param mechToken the optimistic token of the first mechanism, or {@code null}
 */
public record NegTokenInit(List<String> mechTypes, byte[] mechToken) {

    /** PDU name in errors. */
    public static final String PDU = "SPNEGO NegTokenInit";

    /** Copies the inputs. */
    public NegTokenInit {
        mechTypes = List.copyOf(mechTypes);
        mechToken = mechToken == null ? null : mechToken.clone();
    }

    /** A copy of mechToken, or {@code null}. */
    @Override
    public byte[] mechToken() {
        return mechToken == null ? null : mechToken.clone();
    }

    /** The encoding, GSS wrapper included. */
    public byte[] toBytes() {
        byte[][] oids = new byte[mechTypes.size()][];
        for (int i = 0; i < oids.length; i++) {
            oids[i] = DerWriter.oid(mechTypes.get(i));
        }
        List<byte[]> fields = new ArrayList<>();
        fields.add(DerWriter.tlv(DerReader.context(0), DerWriter.tlv(DerReader.SEQUENCE, oids)));
        if (mechToken != null) {
            fields.add(DerWriter.tlv(DerReader.context(2), DerWriter.tlv(DerReader.OCTET_STRING, mechToken)));
        }
        byte[] init = DerWriter.tlv(DerReader.context(0), DerWriter.tlv(DerReader.SEQUENCE, fields.toArray(new byte[0][])));
        return DerWriter.tlv(DerReader.APPLICATION_0, DerWriter.oid(Spnego.OID_SPNEGO), init);
    }

    /**
     * Decodes one token at the reader index (readable bytes bound it) and moves the reader index past it.
     *
     * @throws MalformedPduException naming the field and its offset from the token start
     */
    public static NegTokenInit decode(ByteBuf in) {
        Objects.requireNonNull(in, "in");
        int start = in.readerIndex();
        DerReader top = DerReader.over(PDU, in, start, in.writerIndex());
        DerReader choice;
        if (top.peekTag() == DerReader.APPLICATION_0) {
            DerReader gss = top.enter(DerReader.APPLICATION_0, "InitialContextToken");
            int oidAt = gss.offset();
            String mech = gss.oid("thisMech");
            if (!Spnego.OID_SPNEGO.equals(mech)) {
                throw new MalformedPduException(PDU, "thisMech", oidAt, "mechanism " + mech + " is not SPNEGO");
            }
            choice = gss.enter(DerReader.context(0), "negTokenInit");
            gss.expectEnd("InitialContextToken");
        } else {
            choice = top.enter(DerReader.context(0), "negTokenInit");
        }
        int consumed = top.offset();
        DerReader seq = choice.enter(DerReader.SEQUENCE, "negTokenInit");
        choice.expectEnd("negTokenInit");
        List<String> mechs = new ArrayList<>();
        byte[] token = null;
        int lastTag = -1;
        while (seq.hasMore()) {
            int number = Spnego.nextContextTag(seq, lastTag, PDU);
            lastTag = number;
            if (number == 0) {
                DerReader field = seq.enter(DerReader.context(0), "mechTypes");
                DerReader list = field.enter(DerReader.SEQUENCE, "mechTypes");
                field.expectEnd("mechTypes");
                while (list.hasMore()) {
                    mechs.add(list.oid("mechTypes[" + mechs.size() + "]"));
                }
            } else if (number == 2) {
                DerReader field = seq.enter(DerReader.context(2), "mechToken");
                token = field.octetString("mechToken");
                field.expectEnd("mechToken");
            } else {
                seq.skip("[" + number + "]");
            }
        }
        in.readerIndex(start + consumed);
        return new NegTokenInit(mechs, token);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof NegTokenInit that && mechTypes.equals(that.mechTypes)
                && Arrays.equals(mechToken, that.mechToken);
    }

    @Override
    public int hashCode() {
        return 31 * mechTypes.hashCode() + Arrays.hashCode(mechToken);
    }

    @Override
    public String toString() {
        return "NegTokenInit[mechTypes=" + mechTypes + ", mechToken=" + (mechToken == null ? "none" : mechToken.length + " bytes") + "]";
    }
}
