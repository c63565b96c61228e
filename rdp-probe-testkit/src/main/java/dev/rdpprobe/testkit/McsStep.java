package dev.rdpprobe.testkit;

import dev.rdpprobe.core.outcome.EncryptionLevel;
import dev.rdpprobe.core.outcome.EncryptionMethod;
import java.util.Objects;

/**
 * What the {@link FakeRdpServer} does when the client's MCS Connect Initial arrives (after Standard RDP
 * Security, or inside TLS for a TLS-only server).
 */
public sealed interface McsStep {

    /** The version a Windows Server 2019/2022 states: RDP 10.7 (0x0008000C). */
    long WINDOWS_2022_VERSION = 0x0008000CL;
    /** TRANSPORTTYPE_UDPFECR | TRANSPORTTYPE_UDPFECL | TRANSPORTTYPE_UDP_PREFERRED, as Windows offers UDP. */
    long WINDOWS_MULTITRANSPORT = 0x0105L;

    /**
     * Answer with a Connect Response: under Standard RDP Security the method the level picks from the client's
     * offer (as Windows and xrdp pick; none acceptable: a Disconnect Provider Ultimatum and a close), the level,
     * a 32-byte server random and a proprietary certificate with a key of {@code keyBits}; inside TLS method and
     * level 0 and no certificate.
     *
     * @param version TS_UD_SC_CORE.version
     * @param level the encryption level enforced under Standard RDP Security
     * @param keyBits the proprietary certificate's RSA key size (512 and 2048 are common)
     * @param multitransportFlags the TS_UD_SC_MULTITRANSPORT flags, or {@code null} to send no such block
     * @param result the T.125 result (0: rt-successful)
     */
    record Answer(long version, EncryptionLevel level, int keyBits, Long multitransportFlags, int result) implements McsStep {
        public Answer {
            Objects.requireNonNull(level, "level");
            if (keyBits < 64 || keyBits > 16384 || keyBits % 8 != 0) {
                throw new IllegalArgumentException("keyBits " + keyBits + ": a multiple of 8 from 64 to 16384");
            }
        }

        /** This answer with another level. */
        public Answer withLevel(EncryptionLevel value) {
            return new Answer(version, value, keyBits, multitransportFlags, result);
        }

        /** This answer with another key size. */
        public Answer withKeyBits(int value) {
            return new Answer(version, level, value, multitransportFlags, result);
        }

        /** This answer with other multitransport flags ({@code null}: no block). */
        public Answer withMultitransport(Long value) {
            return new Answer(version, level, keyBits, value, result);
        }

        /** This answer with another T.125 result. */
        public Answer withResult(int value) {
            return new Answer(version, level, keyBits, multitransportFlags, value);
        }

        /**
         * The method a server at this level picks from the client's offered bits, or {@code null} if none is
         * acceptable: NONE takes none; LOW 40-bit; CLIENT_COMPATIBLE the strongest of 128, 56, 40; HIGH 128 only;
         * FIPS FIPS only.
         */
        public EncryptionMethod choose(int offered) {
            return switch (level) {
                case NONE -> EncryptionMethod.NONE;
                case LOW -> (offered & EncryptionMethod.RC4_40BIT.wire()) != 0 ? EncryptionMethod.RC4_40BIT : null;
                case CLIENT_COMPATIBLE -> (offered & EncryptionMethod.RC4_128BIT.wire()) != 0 ? EncryptionMethod.RC4_128BIT
                        : (offered & EncryptionMethod.RC4_56BIT.wire()) != 0 ? EncryptionMethod.RC4_56BIT
                        : (offered & EncryptionMethod.RC4_40BIT.wire()) != 0 ? EncryptionMethod.RC4_40BIT : null;
                case HIGH -> (offered & EncryptionMethod.RC4_128BIT.wire()) != 0 ? EncryptionMethod.RC4_128BIT : null;
                case FIPS -> (offered & EncryptionMethod.FIPS.wire()) != 0 ? EncryptionMethod.FIPS : null;
            };
        }
    }

    /**
     * Perform {@code effect} (close, reset, stall, send bytes …) when the Connect Initial arrives.
     *
     * @param effect what to do
     */
    record Act(ConnectionEffect effect) implements McsStep {
        public Act {
            Objects.requireNonNull(effect, "effect");
        }
    }

    /**
     * A Windows Server 2022-like answer: RDP 10.7, level CLIENT_COMPATIBLE, a 2048-bit proprietary key, UDP
     * multitransport offered.
     */
    static Answer windowsLike() {
        return new Answer(WINDOWS_2022_VERSION, EncryptionLevel.CLIENT_COMPATIBLE, 2048, WINDOWS_MULTITRANSPORT, 0);
    }

    /**
     * An xrdp 0.9-like answer at {@code level}: RDP 5.0–8.1 (0x00080004), a 512-bit proprietary key, no
     * multitransport block.
     */
    static Answer xrdpLike(EncryptionLevel level) {
        return new Answer(0x00080004L, level, 512, null, 0);
    }

    /** Perform {@code effect} when the Connect Initial arrives. */
    static McsStep acting(ConnectionEffect effect) {
        return new Act(effect);
    }
}
