package dev.rdpprobe.tls;

import org.bouncycastle.crypto.BlockCipher;
import org.bouncycastle.crypto.CipherParameters;
import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.modes.AEADBlockCipher;
import org.bouncycastle.crypto.modes.GCMModeCipher;
import org.bouncycastle.crypto.params.AEADParameters;
import org.bouncycastle.crypto.params.KeyParameter;

/**
 * A GCM cipher that keeps its key schedule from one TLS record to the next. BouncyCastle's TLS record layer
 * initialises its AEAD cipher for every record with the same {@link KeyParameter} object and a new nonce, and
 * GCM then expands the AES key and derives its hash key again (about 0.7 KB of heap per record). When the
 * key is the very object of the last successful initialisation, this passes no key, which BouncyCastle's GCM
 * accepts after a first initialisation and reads as "keep the current key": the record is sealed or opened
 * exactly as before. Any other key (a new traffic
 * key, a key update) initialises in full, and so does every initialisation after one that failed.
 */
final class KeyReusingGcm implements AEADBlockCipher {

    private final GCMModeCipher gcm;
    /** The key object of the last initialisation that succeeded, or {@code null}. */
    private KeyParameter lastKey;
    private boolean lastForEncryption;

    KeyReusingGcm(GCMModeCipher gcm) {
        this.gcm = gcm;
    }

    @Override
    public void init(boolean forEncryption, CipherParameters parameters) {
        if (parameters instanceof AEADParameters aead && aead.getKey() != null && aead.getKey() == lastKey
                && forEncryption == lastForEncryption) {
            // the key schedule in place is this key's; a failure here leaves it in place
            gcm.init(forEncryption, new AEADParameters(null, aead.getMacSize(), aead.getNonce(), aead.getAssociatedText()));
            return;
        }
        lastKey = null;
        gcm.init(forEncryption, parameters);
        lastKey = parameters instanceof AEADParameters aead ? aead.getKey() : null;
        lastForEncryption = forEncryption;
    }

    @Override
    public BlockCipher getUnderlyingCipher() {
        return gcm.getUnderlyingCipher();
    }

    @Override
    public String getAlgorithmName() {
        return gcm.getAlgorithmName();
    }

    @Override
    public void processAADByte(byte in) {
        gcm.processAADByte(in);
    }

    @Override
    public void processAADBytes(byte[] in, int inOff, int len) {
        gcm.processAADBytes(in, inOff, len);
    }

    @Override
    public int processByte(byte in, byte[] out, int outOff) {
        return gcm.processByte(in, out, outOff);
    }

    @Override
    public int processBytes(byte[] in, int inOff, int len, byte[] out, int outOff) {
        return gcm.processBytes(in, inOff, len, out, outOff);
    }

    @Override
    public int doFinal(byte[] out, int outOff) throws InvalidCipherTextException {
        return gcm.doFinal(out, outOff);
    }

    @Override
    public byte[] getMac() {
        return gcm.getMac();
    }

    @Override
    public int getUpdateOutputSize(int len) {
        return gcm.getUpdateOutputSize(len);
    }

    @Override
    public int getOutputSize(int len) {
        return gcm.getOutputSize(len);
    }

    @Override
    public void reset() {
        gcm.reset();
    }
}
