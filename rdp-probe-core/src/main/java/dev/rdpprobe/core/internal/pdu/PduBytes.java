package dev.rdpprobe.core.internal.pdu;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.function.Consumer;

/** Encodes a PDU into a new byte array of exactly its size, with no intermediate copy. */
public final class PduBytes {
    private PduBytes() {
    }

    /**
     * Runs {@code encoder} on a buffer backed by a new array of {@code size} bytes and returns that array.
     *
     * @throws IllegalStateException if the encoder wrote fewer or more bytes than {@code size}
     */
    public static byte[] encode(int size, Consumer<ByteBuf> encoder) {
        byte[] bytes = new byte[size];
        ByteBuf buf = Unpooled.wrappedBuffer(bytes).writerIndex(0);
        try {
            encoder.accept(buf);
        } catch (IndexOutOfBoundsException e) {
            throw new IllegalStateException("the encoder wrote more than the " + size + " bytes it announced", e);
        }
        if (buf.writerIndex() != size) {
            throw new IllegalStateException("the encoder wrote " + buf.writerIndex() + " bytes, not the " + size + " it announced");
        }
        return bytes;
    }
}
