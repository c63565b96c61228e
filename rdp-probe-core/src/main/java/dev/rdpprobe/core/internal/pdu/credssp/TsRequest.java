package dev.rdpprobe.core.internal.pdu.credssp;

import dev.rdpprobe.core.internal.pdu.MalformedPduException;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The CredSSP TSRequest ([MS-CSSP] 2.2.1), DER with explicit context tags:
 *
 * <pre>
 * TSRequest ::= SEQUENCE {
 *     version     [0] INTEGER,
 *     negoTokens  [1] SEQUENCE OF SEQUENCE { negoToken [0] OCTET STRING } OPTIONAL,
 *     authInfo    [2] OCTET STRING OPTIONAL,
 *     pubKeyAuth  [3] OCTET STRING OPTIONAL,
 *     errorCode   [4] INTEGER OPTIONAL,
 *     clientNonce [5] OCTET STRING OPTIONAL }
 * </pre>
 *
 * <p>Encoded and decoded by the small bounded DER reader/writer of this package, not BouncyCastle:
 * core depends on Netty and SLF4J only. A whole TSRequest is at most {@link #MAX_SIZE} bytes and
 * every inner length is checked against its parent. Decoding accepts any positive version (the spec
 * defines 2–6 and tells peers to treat a higher number as their own highest; nmap sends 96), fields
 * in ascending tag order, and skips unknown context tags above [5]. errorCode is a signed 32-bit
 * INTEGER on the wire (0xC000006D is {@code 02 04 C0 00 00 6D}); a 5-byte positive form is accepted
 * too, and it is exposed as an unsigned value.
 *
 * @param version the CredSSP version
 * @param negoTokens the negoTokens in order (empty when the field is absent)
 * @param authInfo authInfo, or {@code null}
 * @param pubKeyAuth pubKeyAuth, or {@code null}
 * @param errorCode errorCode as an unsigned 32-bit value, or {@code null}
 * @param clientNonce clientNonce, or {@code null}
 */
public record TsRequest(int version, List<byte[]> negoTokens, byte[] authInfo, byte[] pubKeyAuth, Long errorCode,
        byte[] clientNonce) {

    /** Largest TSRequest accepted or produced, in bytes (header included). */
    public static final int MAX_SIZE = 64 * 1024;
    /** PDU name in errors. */
    public static final String PDU = "TSRequest";

    /** Checks ranges and copies the arrays. */
    public TsRequest {
        if (version < 0) {
            throw new IllegalArgumentException("negative TSRequest version " + version);
        }
        List<byte[]> tokens = new ArrayList<>();
        if (negoTokens != null) {
            for (byte[] token : negoTokens) {
                tokens.add(Objects.requireNonNull(token, "negoToken").clone());
            }
        }
        negoTokens = List.copyOf(tokens);
        authInfo = authInfo == null ? null : authInfo.clone();
        pubKeyAuth = pubKeyAuth == null ? null : pubKeyAuth.clone();
        clientNonce = clientNonce == null ? null : clientNonce.clone();
        if (errorCode != null && (errorCode < 0 || errorCode > 0xFFFFFFFFL)) {
            throw new IllegalArgumentException("errorCode not an unsigned 32-bit value: " + errorCode);
        }
    }

    /** The negoTokens (copies). */
    @Override
    public List<byte[]> negoTokens() {
        List<byte[]> copies = new ArrayList<>(negoTokens.size());
        for (byte[] token : negoTokens) {
            copies.add(token.clone());
        }
        return copies;
    }

    /** A copy of authInfo, or {@code null}. */
    @Override
    public byte[] authInfo() {
        return authInfo == null ? null : authInfo.clone();
    }

    /** A copy of pubKeyAuth, or {@code null}. */
    @Override
    public byte[] pubKeyAuth() {
        return pubKeyAuth == null ? null : pubKeyAuth.clone();
    }

    /** A copy of clientNonce, or {@code null}. */
    @Override
    public byte[] clientNonce() {
        return clientNonce == null ? null : clientNonce.clone();
    }

    /** The first negoToken (a copy), or {@code null} when there is none. */
    public byte[] firstNegoToken() {
        return negoTokens.isEmpty() ? null : negoTokens.get(0).clone();
    }

    /** The DER encoding. */
    public byte[] toBytes() {
        List<byte[]> fields = new ArrayList<>();
        fields.add(DerWriter.tlv(DerReader.context(0), DerWriter.integer(DerReader.INTEGER, version)));
        if (!negoTokens.isEmpty()) {
            byte[][] items = new byte[negoTokens.size()][];
            for (int i = 0; i < items.length; i++) {
                items[i] = DerWriter.tlv(DerReader.SEQUENCE,
                        DerWriter.tlv(DerReader.context(0), DerWriter.tlv(DerReader.OCTET_STRING, negoTokens.get(i))));
            }
            fields.add(DerWriter.tlv(DerReader.context(1), DerWriter.tlv(DerReader.SEQUENCE, items)));
        }
        addOctets(fields, 2, authInfo);
        addOctets(fields, 3, pubKeyAuth);
        if (errorCode != null) {
            fields.add(DerWriter.tlv(DerReader.context(4), DerWriter.integer(DerReader.INTEGER, (int) errorCode.longValue())));
        }
        addOctets(fields, 5, clientNonce);
        byte[] whole = DerWriter.tlv(DerReader.SEQUENCE, fields.toArray(new byte[0][]));
        if (whole.length > MAX_SIZE) {
            throw new IllegalArgumentException("TSRequest of " + whole.length + " bytes exceeds " + MAX_SIZE);
        }
        return whole;
    }

    private static void addOctets(List<byte[]> fields, int tag, byte[] value) {
        if (value != null) {
            fields.add(DerWriter.tlv(DerReader.context(tag), DerWriter.tlv(DerReader.OCTET_STRING, value)));
        }
    }

    /**
     * Writes the DER encoding.
     *
     * @throws IllegalArgumentException if it would exceed {@link #MAX_SIZE}
     */
    public void encode(ByteBuf out) {
        out.writeBytes(toBytes());
    }

    /**
     * Decodes one TSRequest starting at the reader index and moves the reader index past it (bytes
     * after it are left unread).
     *
     * @throws MalformedPduException naming the field and its offset from the TSRequest start
     */
    public static TsRequest decode(ByteBuf in) {
        Fields f = parse(in, true);
        return new TsRequest(f.version, f.tokens, f.authInfo, f.pubKeyAuth, f.errorCode, f.clientNonce);
    }

    /**
     * What the probe needs from a server's TSRequest, read with exactly the checks of {@link #decode} but
     * without copying any field: the version, the errorCode and the first negoToken as a slice of
     * {@code in} (valid while {@code in} is).
     *
     * @param version the CredSSP version
     * @param errorCode the errorCode as an unsigned 32-bit value, or {@code null}
     * @param firstToken the first negoToken (a slice of the input), or {@code null} when there is none
     */
    record ServerFields(int version, Long errorCode, ByteBuf firstToken) {
    }

    /** Like {@link #decode}, and moves the reader index the same way, but copies nothing (see {@link ServerFields}). */
    static ServerFields decodeServerFields(ByteBuf in) {
        Fields f = parse(in, false);
        return new ServerFields(f.version, f.errorCode, f.firstToken);
    }

    /** The fields as parsed; with {@code copy} false only the first token's position is kept. */
    private static final class Fields {
        final boolean copy;
        final List<byte[]> tokens;
        int version;
        int tokenCount;
        ByteBuf firstToken;
        byte[] authInfo;
        byte[] pubKeyAuth;
        Long errorCode;
        byte[] clientNonce;

        Fields(boolean copy) {
            this.copy = copy;
            this.tokens = copy ? new ArrayList<>() : null;
        }
    }

    private static Fields parse(ByteBuf in, boolean copy) {
        Objects.requireNonNull(in, "in");
        int start = in.readerIndex();
        int total = DerFraming.frameLength(in, MAX_SIZE);
        if (total < 0) {
            throw new MalformedPduException(PDU, "length", Math.min(1, in.readableBytes()),
                    "header truncated after " + in.readableBytes() + " bytes");
        }
        if (total > in.readableBytes()) {
            throw new MalformedPduException(PDU, "length", 1, "announces " + total + " bytes, "
                    + in.readableBytes() + " present");
        }
        DerReader outer = DerReader.over(PDU, in, start, start + total);
        DerReader body = outer.enter(DerReader.SEQUENCE, "TSRequest");

        int versionAt = body.offset();
        DerReader versionField = body.enter(DerReader.context(0), "version");
        long version = versionField.integer("version", DerReader.INTEGER, 5);
        versionField.expectEnd("version");
        if (version < 1 || version > Integer.MAX_VALUE) {
            throw new MalformedPduException(PDU, "version", versionAt, "invalid version " + version);
        }
        Fields f = new Fields(copy);
        f.version = (int) version;
        int lastTag = 0;
        while (body.hasMore()) {
            int at = body.offset();
            int tag = body.peekTag();
            int number = tag & 0x1F;
            if ((tag & 0xE0) != 0xA0 || number == 0x1F) {
                throw new MalformedPduException(PDU, "field", at, String.format(Locale.ROOT,
                        "expected a context-specific constructed tag, found 0x%02X", tag));
            }
            if (number <= lastTag) {
                throw new MalformedPduException(PDU, "field", at, String.format(Locale.ROOT,
                        "tag [%d] out of order or repeated after [%d]", number, lastTag));
            }
            lastTag = number;
            switch (number) {
                case 1 -> readNegoTokens(body.enter(tag, "negoTokens"), f);
                case 2 -> f.authInfo = octetsField(body, tag, "authInfo", copy);
                case 3 -> f.pubKeyAuth = octetsField(body, tag, "pubKeyAuth", copy);
                case 4 -> f.errorCode = errorCode(body.enter(tag, "errorCode"), at);
                case 5 -> f.clientNonce = octetsField(body, tag, "clientNonce", copy);
                default -> body.skip("[" + number + "]");
            }
        }
        in.readerIndex(start + total);
        return f;
    }

    private static byte[] octetsField(DerReader body, int tag, String field, boolean copy) {
        DerReader content = body.enter(tag, field);
        DerReader octets = content.enter(DerReader.OCTET_STRING, field);
        byte[] value = copy ? octets.remainingBytes() : null;
        content.expectEnd(field);
        return value;
    }

    /** Field names of the first token as constants: a probe's answer has one token, and its names cost nothing. */
    private static final String FIRST_TOKEN = "negoTokens[0]";
    private static final String FIRST_TOKEN_VALUE = "negoTokens[0].negoToken";

    private static void readNegoTokens(DerReader field, Fields f) {
        DerReader list = field.enter(DerReader.SEQUENCE, "negoTokens");
        field.expectEnd("negoTokens");
        while (list.hasMore()) {
            String name = f.tokenCount == 0 ? FIRST_TOKEN : "negoTokens[" + f.tokenCount + "]";
            String valueName = f.tokenCount == 0 ? FIRST_TOKEN_VALUE : name + ".negoToken";
            DerReader item = list.enter(DerReader.SEQUENCE, name);
            DerReader token = item.enter(DerReader.context(0), valueName);
            DerReader octets = token.enter(DerReader.OCTET_STRING, valueName);
            ByteBuf value = octets.remainingSlice();
            if (f.tokenCount == 0) {
                f.firstToken = value;
            }
            if (f.copy) {
                f.tokens.add(ByteBufUtil.getBytes(value));
            }
            f.tokenCount++;
            token.expectEnd(valueName);
            item.expectEnd(name);
        }
    }

    private static long errorCode(DerReader field, int at) {
        long value = field.integer("errorCode", DerReader.INTEGER, 5);
        field.expectEnd("errorCode");
        if (value < Integer.MIN_VALUE || value > 0xFFFFFFFFL) {
            throw new MalformedPduException(PDU, "errorCode", at, "value " + value + " does not fit 32 bits");
        }
        return value & 0xFFFFFFFFL;
    }

    @Override
    public boolean equals(Object other) {
        if (!(other instanceof TsRequest that) || version != that.version || negoTokens.size() != that.negoTokens.size()) {
            return false;
        }
        for (int i = 0; i < negoTokens.size(); i++) {
            if (!Arrays.equals(negoTokens.get(i), that.negoTokens.get(i))) {
                return false;
            }
        }
        return Arrays.equals(authInfo, that.authInfo) && Arrays.equals(pubKeyAuth, that.pubKeyAuth)
                && Objects.equals(errorCode, that.errorCode) && Arrays.equals(clientNonce, that.clientNonce);
    }

    @Override
    public int hashCode() {
        int h = version;
        for (byte[] token : negoTokens) {
            h = 31 * h + Arrays.hashCode(token);
        }
        return 31 * (31 * (31 * (31 * h + Arrays.hashCode(authInfo)) + Arrays.hashCode(pubKeyAuth))
                + Objects.hashCode(errorCode)) + Arrays.hashCode(clientNonce);
    }

    /** Sizes only: authInfo may carry (encrypted) credentials and is never printed. */
    @Override
    public String toString() {
        List<Integer> sizes = new ArrayList<>();
        for (byte[] token : negoTokens) {
            sizes.add(token.length);
        }
        return "TsRequest[version=" + version + ", negoTokens(bytes)=" + sizes
                + (authInfo == null ? "" : ", authInfo=" + authInfo.length + " bytes")
                + (pubKeyAuth == null ? "" : ", pubKeyAuth=" + pubKeyAuth.length + " bytes")
                + (errorCode == null ? "" : String.format(Locale.ROOT, ", errorCode=0x%08X", errorCode))
                + (clientNonce == null ? "" : ", clientNonce=" + clientNonce.length + " bytes") + "]";
    }
}
