package dev.rdpprobe.core.internal.pdu;

/**
 * The one exception a PDU decoder throws: the bytes do not form the named PDU. It says which PDU,
 * which field, and at which byte offset (from the start of that PDU).
 */
public final class MalformedPduException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String pdu;
    private final String field;
    private final int offset;
    private final String detail;

    /**
     * @param pdu the PDU being decoded, e.g. "X.224 Connection Confirm"
     * @param field the field that is wrong, e.g. "LI"
     * @param offset byte offset of that field from the start of the PDU
     * @param detail what is wrong with it
     */
    public MalformedPduException(String pdu, String field, int offset, String detail) {
        super("malformed " + pdu + ": " + field + " at offset " + offset + ": " + detail, null, false, false);
        this.pdu = pdu;
        this.field = field;
        this.offset = offset;
        this.detail = detail;
    }

    public String pdu() {
        return pdu;
    }

    public String field() {
        return field;
    }

    public int offset() {
        return offset;
    }

    public String detail() {
        return detail;
    }
}
