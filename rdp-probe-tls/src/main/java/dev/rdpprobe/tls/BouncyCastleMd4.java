package dev.rdpprobe.tls;

import dev.rdpprobe.core.tls.Md4Provider;
import org.bouncycastle.crypto.digests.MD4Digest;

/**
 * MD4 for the credential check's NT hash, from BouncyCastle's lightweight API (no JCA provider is
 * registered). Found by {@link java.util.ServiceLoader} as the core's {@link Md4Provider}; public only
 * for that.
 */
public final class BouncyCastleMd4 implements Md4Provider {

    /** For {@link java.util.ServiceLoader}. */
    public BouncyCastleMd4() {
    }

    @Override
    public byte[] md4(byte[] input) {
        MD4Digest digest = new MD4Digest();
        digest.update(input, 0, input.length);
        byte[] out = new byte[digest.getDigestSize()];
        digest.doFinal(out, 0);
        digest.reset();
        return out;
    }
}
