package dev.rdpprobe.core.internal.pdu.mcs;

import dev.rdpprobe.core.internal.pdu.PduCursor;
import java.util.Arrays;
import java.util.Objects;

/**
 * The server's MCS Connect Response PDU with GCC Conference Create Response ([MS-RDPBCGR] 2.2.1.4): the
 * T.125 result, and (when the server sent user data) the T.124 result and the server data blocks.
 *
 * @param result the T.125 Connect-Response result
 * @param calledConnectId calledConnectId
 * @param domainParameters the domain parameters the server chose
 * @param gccResult the ConferenceCreateResponse result (0 success, 1 userRejected, …), or -1 without user data
 * @param blocks the server data blocks, or {@code null} without user data
 */
public record ConnectResponse(McsResult result, long calledConnectId, DomainParameters domainParameters, int gccResult,
        ServerDataBlocks blocks) implements ServerMcsPdu {

    static final String PDU = "MCS Connect Response";
    private static final String[] GCC_RESULTS = {"success", "userRejected", "resourcesNotAvailable",
        "rejectedForSymmetryBreaking", "lockedConferenceNotSupported"};

    public ConnectResponse {
        Objects.requireNonNull(result, "result");
        Objects.requireNonNull(domainParameters, "domainParameters");
    }

    /** T.124's name of {@link #gccResult}, or "absent". */
    public String gccResultName() {
        if (gccResult < 0) {
            return "absent";
        }
        return gccResult < GCC_RESULTS.length ? GCC_RESULTS[gccResult] : "unknown result " + gccResult;
    }

    @Override
    public String describe() {
        return "MCS Connect Response (" + result.name() + ")";
    }

    /** Decodes the Connect-Response at the cursor, which stands on its tag ({@code 7F 66}). */
    static ConnectResponse decode(PduCursor r) {
        int tagAt = r.offset();
        int t0 = r.u8("Connect-Response tag");
        int t1 = r.u8("Connect-Response tag");
        if (t0 != 0x7F || t1 != 0x66) {
            throw r.error("Connect-Response tag", tagAt, String.format("expected 7F 66, got %02X %02X", t0, t1));
        }
        PduCursor c = r.window(Ber.readLength(r, "Connect-Response length"), "Connect-Response");
        long result = Ber.readUnsigned(c, Ber.TAG_ENUMERATED, "result");
        if (result > 0xFF) {
            throw c.error("result", "result " + result + " is not a T.125 Result");
        }
        long calledConnectId = Ber.readUnsigned(c, Ber.TAG_INTEGER, "calledConnectId");
        DomainParameters domain = DomainParameters.decode(c, "domainParameters");
        PduCursor userData = Ber.readTlv(c, Ber.TAG_OCTET_STRING, "userData");
        c.expectEnd("Connect-Response");
        r.expectEnd("MCS Connect Response");
        if (!userData.hasMore()) {
            return new ConnectResponse(new McsResult((int) result), calledConnectId, domain, -1, null);
        }
        int keyAt = userData.offset();
        byte[] key = userData.bytes(Math.min(Gcc.T124_KEY.length, userData.remaining()), "ConnectData.t124Identifier");
        if (!Arrays.equals(key, Gcc.T124_KEY)) {
            throw userData.error("ConnectData.t124Identifier", keyAt, "not the T.124 object identifier 0.0.20.124.0.1");
        }
        // The connectPDU length is not to be trusted: servers (and the test data of other implementations) write it one
        // or two short. Like FreeRDP, read it and take the connectPDU to be the rest of userData, which BER bounds.
        Per.readLengthField(userData, "ConnectData.connectPDU length");
        PduCursor pdu = userData.window(userData.remaining(), "ConnectData.connectPDU");
        int choiceAt = pdu.offset();
        int choice = pdu.u8("ConnectGCCPDU choice");
        if ((choice & 0xF8) != (Gcc.CREATE_RESPONSE_CHOICE & 0xF8)) {
            throw pdu.error("ConnectGCCPDU choice", choiceAt, String.format("0x%02X is not a ConferenceCreateResponse", choice));
        }
        boolean hasUserData = (choice & 0x04) != 0;
        pdu.skip(2, "ConferenceCreateResponse.nodeID");
        int tagLenAt = pdu.offset();
        int tagLength = pdu.u8("ConferenceCreateResponse.tag length");
        if (tagLength < 1 || tagLength > 4) {
            throw pdu.error("ConferenceCreateResponse.tag length", tagLenAt, "an INTEGER of " + tagLength + " bytes");
        }
        pdu.skip(tagLength, "ConferenceCreateResponse.tag");
        int resultByte = pdu.u8("ConferenceCreateResponse.result");
        int gccResult = (resultByte & 0x80) != 0 ? 0x100 : (resultByte >> 4) & 0x07;
        if (!hasUserData) {
            return new ConnectResponse(new McsResult((int) result), calledConnectId, domain, gccResult, null);
        }
        int countAt = pdu.offset();
        int sets = pdu.u8("UserData count");
        if (sets < 1) {
            throw pdu.error("UserData count", countAt, "no user data set");
        }
        int elementAt = pdu.offset();
        int element = pdu.u8("UserData element");
        if ((element & 0xC0) != 0xC0) {
            throw pdu.error("UserData element", elementAt, String.format("0x%02X is not an h221NonStandard key with a value", element));
        }
        int keyLength = pdu.u8("h221NonStandard length") + 4;
        int serverKeyAt = pdu.offset();
        byte[] serverKey = pdu.bytes(keyLength, "h221NonStandard");
        if (!Arrays.equals(serverKey, Gcc.SERVER_KEY)) {
            throw pdu.error("h221NonStandard", serverKeyAt, "the server's key is not \"McDn\"");
        }
        PduCursor blocks = pdu.window(Per.readLength(pdu, "UserData value length"), "server data blocks");
        return new ConnectResponse(new McsResult((int) result), calledConnectId, domain, gccResult,
                ServerDataBlocks.decode(blocks));
    }
}
