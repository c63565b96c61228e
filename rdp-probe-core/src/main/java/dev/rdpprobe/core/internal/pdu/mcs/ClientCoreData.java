package dev.rdpprobe.core.internal.pdu.mcs;

import dev.rdpprobe.core.internal.pdu.PduCursor;
import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;

/**
 * TS_UD_CS_CORE ([MS-RDPBCGR] 2.2.1.3.2), always written up to and including serverSelectedProtocol
 * (216 bytes with its header), the length Windows clients of the RDP 5–8 era and nmap send.
 *
 * @param version the client's RDP version (0x00080004: RDP 5.0 and later)
 * @param desktopWidth desktop width in pixels
 * @param desktopHeight desktop height in pixels
 * @param colorDepth the legacy colorDepth (0xCA01: 8 bpp)
 * @param sasSequence the secure access sequence (0xAA03: RNS_UD_SAS_DEL)
 * @param keyboardLayout the keyboard layout (0x409: US English)
 * @param clientBuild the client's build number
 * @param clientName the client's name, at most 15 characters (UTF-16LE, zero-padded to 32 bytes)
 * @param keyboardType the keyboard type (4: IBM enhanced)
 * @param keyboardSubType the keyboard subtype
 * @param keyboardFunctionKeys the number of function keys
 * @param postBeta2ColorDepth postBeta2ColorDepth (0xCA01: 8 bpp)
 * @param clientProductId clientProductId (1)
 * @param serialNumber serialNumber (0)
 * @param highColorDepth highColorDepth (24)
 * @param supportedColorDepths supportedColorDepths (7: 24, 16 and 15 bpp)
 * @param earlyCapabilityFlags earlyCapabilityFlags (0x0001: RNS_UD_CS_SUPPORT_ERRINFO_PDU)
 * @param clientDigProductId the product id, at most 31 characters (UTF-16LE, zero-padded to 64 bytes)
 * @param connectionType connectionType (0: not used)
 * @param serverSelectedProtocol the selectedProtocol of the server's RDP_NEG_RSP, echoed (0 without one)
 */
public record ClientCoreData(int version, int desktopWidth, int desktopHeight, int colorDepth, int sasSequence,
        int keyboardLayout, int clientBuild, String clientName, int keyboardType, int keyboardSubType,
        int keyboardFunctionKeys, int postBeta2ColorDepth, int clientProductId, int serialNumber, int highColorDepth,
        int supportedColorDepths, int earlyCapabilityFlags, String clientDigProductId, int connectionType,
        int serverSelectedProtocol) {

    /** Block type CS_CORE. */
    public static final int TYPE = 0xC001;
    /** Encoded size, header included. */
    public static final int LENGTH = 216;
    /** RDP 5.0 and later, the version current Windows clients still send to servers they do not know. */
    public static final int RDP5_VERSION = 0x00080004;
    /** RNS_UD_CS_SUPPORT_ERRINFO_PDU: the server may send Set Error Info PDUs. */
    public static final int SUPPORT_ERRINFO_PDU = 0x0001;

    private static final int NAME_BYTES = 32;
    private static final int IME_BYTES = 64;
    private static final int DIG_PRODUCT_ID_BYTES = 64;

    public ClientCoreData {
        checkText(clientName, NAME_BYTES, "clientName");
        checkText(clientDigProductId, DIG_PRODUCT_ID_BYTES, "clientDigProductId");
    }

    private static void checkText(String value, int bytes, String what) {
        if (value == null) {
            throw new IllegalArgumentException(what + " is null");
        }
        if ((value.length() + 1) * 2 > bytes) {
            throw new IllegalArgumentException(what + " is longer than " + (bytes / 2 - 1) + " characters");
        }
    }

    /**
     * What the probe sends: an RDP 5 client at 1024×768 that echoes {@code serverSelectedProtocol}, asks for
     * error-info PDUs, and names itself {@code rdp-probe}.
     */
    public static ClientCoreData forProbe(int serverSelectedProtocol) {
        return new ClientCoreData(RDP5_VERSION, 1024, 768, 0xCA01, 0xAA03, 0x409, 2600, "rdp-probe", 4, 0, 12,
                0xCA01, 1, 0, 24, 7, SUPPORT_ERRINFO_PDU, "", 0, serverSelectedProtocol);
    }

    void encode(ByteBuf out) {
        out.writeShortLE(TYPE).writeShortLE(LENGTH);
        out.writeIntLE(version);
        out.writeShortLE(desktopWidth).writeShortLE(desktopHeight);
        out.writeShortLE(colorDepth).writeShortLE(sasSequence);
        out.writeIntLE(keyboardLayout).writeIntLE(clientBuild);
        writeUtf16(out, clientName, NAME_BYTES);
        out.writeIntLE(keyboardType).writeIntLE(keyboardSubType).writeIntLE(keyboardFunctionKeys);
        out.writeZero(IME_BYTES);
        out.writeShortLE(postBeta2ColorDepth).writeShortLE(clientProductId).writeIntLE(serialNumber);
        out.writeShortLE(highColorDepth).writeShortLE(supportedColorDepths).writeShortLE(earlyCapabilityFlags);
        writeUtf16(out, clientDigProductId, DIG_PRODUCT_ID_BYTES);
        out.writeByte(connectionType).writeByte(0);
        out.writeIntLE(serverSelectedProtocol);
    }

    /** Decodes a CS_CORE body (after its header) of at least the 216-byte form; later optional fields are skipped. */
    static ClientCoreData decode(PduCursor b) {
        int version = b.i32le("TS_UD_CS_CORE.version");
        int width = b.u16le("TS_UD_CS_CORE.desktopWidth");
        int height = b.u16le("TS_UD_CS_CORE.desktopHeight");
        int colorDepth = b.u16le("TS_UD_CS_CORE.colorDepth");
        int sas = b.u16le("TS_UD_CS_CORE.SASSequence");
        int layout = b.i32le("TS_UD_CS_CORE.keyboardLayout");
        int build = b.i32le("TS_UD_CS_CORE.clientBuild");
        String name = readUtf16(b, NAME_BYTES, "TS_UD_CS_CORE.clientName");
        int kbType = b.i32le("TS_UD_CS_CORE.keyboardType");
        int kbSub = b.i32le("TS_UD_CS_CORE.keyboardSubType");
        int kbFn = b.i32le("TS_UD_CS_CORE.keyboardFunctionKey");
        b.skip(IME_BYTES, "TS_UD_CS_CORE.imeFileName");
        int postBeta = b.u16le("TS_UD_CS_CORE.postBeta2ColorDepth");
        int productId = b.u16le("TS_UD_CS_CORE.clientProductId");
        int serial = b.i32le("TS_UD_CS_CORE.serialNumber");
        int high = b.u16le("TS_UD_CS_CORE.highColorDepth");
        int supported = b.u16le("TS_UD_CS_CORE.supportedColorDepths");
        int early = b.u16le("TS_UD_CS_CORE.earlyCapabilityFlags");
        String dig = readUtf16(b, DIG_PRODUCT_ID_BYTES, "TS_UD_CS_CORE.clientDigProductId");
        int connectionType = b.u8("TS_UD_CS_CORE.connectionType");
        b.skip(1, "TS_UD_CS_CORE.pad1octet");
        int selected = b.i32le("TS_UD_CS_CORE.serverSelectedProtocol");
        return new ClientCoreData(version, width, height, colorDepth, sas, layout, build, name, kbType, kbSub, kbFn, postBeta,
                productId, serial, high, supported, early, dig, connectionType, selected);
    }

    private static String readUtf16(PduCursor b, int bytes, String field) {
        byte[] raw = b.bytes(bytes, field);
        int n = 0;
        while (n + 1 < raw.length && (raw[n] != 0 || raw[n + 1] != 0)) {
            n += 2;
        }
        // at most bytes/2 - 1 characters fit the record's rule (a terminating zero)
        return new String(raw, 0, Math.min(n, bytes - 2), StandardCharsets.UTF_16LE);
    }

    private static void writeUtf16(ByteBuf out, String text, int bytes) {
        byte[] encoded = text.getBytes(StandardCharsets.UTF_16LE);
        out.writeBytes(encoded);
        out.writeZero(bytes - encoded.length);
    }
}
