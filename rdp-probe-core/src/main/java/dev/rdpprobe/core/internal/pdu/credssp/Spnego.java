package dev.rdpprobe.core.internal.pdu.credssp;

import dev.rdpprobe.core.internal.pdu.MalformedPduException;
import java.util.List;
import java.util.Locale;

/**
 * SPNEGO (RFC 4178) object identifiers and shortcuts for wrapping NTLM tokens, as Windows'
 * Negotiate package does. The tokens themselves are {@link NegTokenInit} (client, inside the GSS
 * {@code 60} wrapper) and {@link NegTokenResp} (server, {@code A1}).
 */
public final class Spnego {

    /** 1.3.6.1.5.5.2, SPNEGO itself (thisMech of the GSS wrapper). */
    public static final String OID_SPNEGO = "1.3.6.1.5.5.2";
    /** 1.3.6.1.4.1.311.2.2.10, NTLM. */
    public static final String OID_NTLM = "1.3.6.1.4.1.311.2.2.10";
    /** 1.2.840.113554.1.2.2, Kerberos 5. */
    public static final String OID_KERBEROS = "1.2.840.113554.1.2.2";
    /** 1.2.840.48018.1.2.2, Microsoft's historical Kerberos OID. */
    public static final String OID_MS_KERBEROS = "1.2.840.48018.1.2.2";
    /** 1.3.6.1.4.1.311.2.2.30, NegoEx. */
    public static final String OID_NEGOEX = "1.3.6.1.4.1.311.2.2.30";

    /** negState accept-completed. */
    public static final int ACCEPT_COMPLETED = 0;
    /** negState accept-incomplete: what a server answers with its NTLM CHALLENGE. */
    public static final int ACCEPT_INCOMPLETE = 1;
    /** negState reject. */
    public static final int REJECT = 2;
    /** negState request-mic. */
    public static final int REQUEST_MIC = 3;

    private Spnego() {
    }

    /** A client NTLM NEGOTIATE wrapped in a NegTokenInit offering NTLM only (the C3 shape). */
    public static byte[] wrapNtlmNegotiate(byte[] ntlmNegotiate) {
        return new NegTokenInit(List.of(OID_NTLM), ntlmNegotiate).toBytes();
    }

    /** A server NTLM CHALLENGE wrapped in a NegTokenResp: accept-incomplete, supportedMech NTLM. */
    public static byte[] wrapNtlmChallenge(byte[] ntlmChallenge) {
        return new NegTokenResp(ACCEPT_INCOMPLETE, OID_NTLM, ntlmChallenge, null).toBytes();
    }

    /** The RFC 4178 name of a negState, or "unknown(n)". */
    public static String negStateName(int negState) {
        switch (negState) {
            case ACCEPT_COMPLETED: return "accept-completed";
            case ACCEPT_INCOMPLETE: return "accept-incomplete";
            case REJECT: return "reject";
            case REQUEST_MIC: return "request-mic";
            default: return "unknown(" + negState + ")";
        }
    }

    /** Checks the context tag order shared by both token types; returns the tag number. */
    static int nextContextTag(DerReader seq, int lastTag, String pdu) {
        int at = seq.offset();
        int tag = seq.peekTag();
        int number = tag & 0x1F;
        if ((tag & 0xE0) != 0xA0 || number == 0x1F) {
            throw new MalformedPduException(pdu, "field", at, String.format(Locale.ROOT,
                    "expected a context-specific constructed tag, found 0x%02X", tag));
        }
        if (number <= lastTag) {
            throw new MalformedPduException(pdu, "field", at, String.format(Locale.ROOT,
                    "tag [%d] out of order or repeated", number));
        }
        return number;
    }
}
