package dev.rdpprobe.core.fuzz;

import dev.rdpprobe.core.internal.pdu.MalformedPduException;
import dev.rdpprobe.core.internal.sequence.CodecReadings;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.function.Function;

/**
 * The property every fuzz target checks: a decoder given any bytes either returns a value or throws
 * {@link MalformedPduException} naming a PDU, a field and a non-negative offset. Any other throwable
 * (IndexOutOfBounds, NegativeArraySize, IllegalArgument from a record constructor, OutOfMemoryError
 * from an unbounded allocation, StackOverflowError …) escapes to Jazzer as a finding; a loop that does
 * not advance shows as Jazzer's per-input timeout (bin/fuzz sets it).
 */
final class Decoding {

    private Decoding() {
    }

    /** Runs {@code decoder} over a buffer wrapping {@code input}; the value, or {@code null} if it was malformed. */
    static <T> T decodeOrNull(byte[] input, Function<ByteBuf, T> decoder) {
        ByteBuf buf = Unpooled.wrappedBuffer(input);
        try {
            T value = decoder.apply(buf);
            check(buf.readerIndex() >= 0 && buf.readerIndex() <= input.length, "reader index out of the input");
            return value;
        } catch (MalformedPduException e) {
            checkWellFormed(e);
            return null;
        }
    }

    /** Checks that a MalformedPduException says what the design promises: PDU, field, offset, detail. */
    static void checkWellFormed(MalformedPduException e) {
        check(e.pdu() != null && !e.pdu().isEmpty(), "MalformedPduException without a PDU name: " + e);
        check(e.field() != null && !e.field().isEmpty(), "MalformedPduException without a field: " + e);
        check(e.offset() >= 0, "MalformedPduException with a negative offset: " + e);
        check(e.detail() != null, "MalformedPduException without detail: " + e);
        check(CodecReadings.failure(e).message().equals(e.getMessage()), "the failure does not say what the exception says");
    }

    /** Fails the fuzz input with a message (an AssertionError is a finding). */
    static void check(boolean condition, String message) {
        if (!condition) {
            throw new AssertionError(message);
        }
    }

    /** The readable bytes of a buffer, which is then released. */
    static byte[] drain(ByteBuf buf) {
        try {
            byte[] bytes = new byte[buf.readableBytes()];
            buf.readBytes(bytes);
            return bytes;
        } finally {
            buf.release();
        }
    }
}
