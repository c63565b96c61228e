package dev.rdpprobe.core.pdu.credssp;

import io.netty.buffer.ByteBuf;

/** PLACEHOLDER until the codec branch merges. */
public final class DerFraming {
    private DerFraming() {
    }

    public static int frameLength(ByteBuf in, int cap) {
        throw new IllegalStateException("placeholder");
    }
}
