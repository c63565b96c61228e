package dev.rdpprobe.tls;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import org.bouncycastle.asn1.ASN1GeneralizedTime;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1UTCTime;
import org.bouncycastle.asn1.x509.Time;

/**
 * A certificate's validity date as an {@link Instant}. The two forms RFC 5280 prescribes (UTCTime
 * {@code YYMMDDHHMMSSZ}, years 1950–2049, and GeneralizedTime {@code YYYYMMDDHHMMSSZ}) are read straight from
 * their characters; any other form goes through BouncyCastle's date parsing, which also names what is wrong
 * with a malformed date. Both give the same instant for the prescribed forms (BouncyCastle's
 * {@code SimpleDateFormat} is Julian before 1583, so GeneralizedTime years before 1600 take its path too);
 * the direct read only saves the formatter's garbage, several kilobytes per date.
 */
final class CertificateTime {

    private CertificateTime() {
    }

    /**
     * The instant of {@code time}.
     *
     * @throws RuntimeException as BouncyCastle's {@link Time#getDate()} throws, for a date it cannot read
     */
    static Instant instant(Time time) {
        ASN1Primitive primitive = time.toASN1Primitive();
        Instant direct = null;
        if (primitive instanceof ASN1UTCTime utc) {
            direct = read(utc.toString(), false);
        } else if (primitive instanceof ASN1GeneralizedTime generalized) {
            direct = read(generalized.getTimeString(), true);
        }
        return direct != null ? direct : time.getDate().toInstant();
    }

    /** The instant of a prescribed form, or {@code null} when {@code text} is in another form or out of range. */
    static Instant read(String text, boolean generalized) {
        int yearDigits = generalized ? 4 : 2;
        int length = yearDigits + 11;
        if (text.length() != length || text.charAt(length - 1) != 'Z') {
            return null;
        }
        for (int i = 0; i < length - 1; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return null;
            }
        }
        int year = number(text, 0, yearDigits);
        if (!generalized) {
            year += year < 50 ? 2000 : 1900;
        } else if (year < 1600) {
            return null;
        }
        int month = number(text, yearDigits, 2);
        int day = number(text, yearDigits + 2, 2);
        int hour = number(text, yearDigits + 4, 2);
        int minute = number(text, yearDigits + 6, 2);
        int second = number(text, yearDigits + 8, 2);
        if (hour > 23 || minute > 59 || second > 59) {
            return null;
        }
        long epochDay;
        try {
            epochDay = LocalDate.of(year, month, day).toEpochDay();
        } catch (DateTimeException e) {
            return null;
        }
        return Instant.ofEpochSecond(epochDay * 86_400L + hour * 3_600L + minute * 60L + second);
    }

    private static int number(String text, int from, int digits) {
        int value = 0;
        for (int i = from; i < from + digits; i++) {
            value = value * 10 + (text.charAt(i) - '0');
        }
        return value;
    }
}
