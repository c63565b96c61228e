package dev.rdpprobe.core.pdu.credssp;

import io.netty.buffer.ByteBuf;
import java.time.Instant;

/** PLACEHOLDER until the codec branch merges. */
public final class CredSspMessages {
    private CredSspMessages() {
    }

    public static void writeProbeRequest(ByteBuf out, byte[] clientNonceOrNull) {
        throw new IllegalStateException("placeholder");
    }

    public static CredSspAnswer readServerAnswer(ByteBuf message, Instant receivedAt) {
        throw new IllegalStateException("placeholder");
    }
}
