package dev.rdpprobe.core.internal.pdu.mcs;

/**
 * The Standard RDP Security encryption method bits of TS_UD_CS_SEC.encryptionMethods and the one value of
 * TS_UD_SC_SEC1.encryptionMethod ([MS-RDPBCGR] 2.2.1.3.3, 2.2.1.4.3).
 */
final class EncryptionMethods {
    /** ENCRYPTION_METHOD_NONE: no bit (only as the server's choice). */
    static final int NONE = 0x00;
    /** ENCRYPTION_METHOD_40BIT: 40-bit RC4. */
    static final int BIT_40 = 0x01;
    /** ENCRYPTION_METHOD_128BIT: 128-bit RC4. */
    static final int BIT_128 = 0x02;
    /** ENCRYPTION_METHOD_56BIT: 56-bit RC4. */
    static final int BIT_56 = 0x08;
    /** ENCRYPTION_METHOD_FIPS: 3DES with SHA-1 MACs (FIPS 140-1). */
    static final int FIPS = 0x10;
    /** Every method, as Windows clients offer them: 0x1B. */
    static final int ALL = BIT_40 | BIT_128 | BIT_56 | FIPS;

    private EncryptionMethods() {
    }
}
