package dev.rdpprobe.core.pdu.ntlm;

import java.time.Instant;

/**
 * Windows FILETIME: an unsigned 64-bit count of 100-nanosecond ticks since 1601-01-01T00:00:00Z
 * (as in MsvAvTimestamp).
 */
public final class FileTime {

    /** Seconds from 1601-01-01 to 1970-01-01. */
    public static final long EPOCH_OFFSET_SECONDS = 11_644_473_600L;
    private static final long TICKS_PER_SECOND = 10_000_000L;

    private FileTime() {
    }

    /**
     * Converts a FILETIME (read as unsigned) to an instant, keeping the 100 ns precision.
     *
     * @param ticks the raw u64 value (values above {@code Long.MAX_VALUE} arrive negative)
     * @return the instant (always representable: the largest FILETIME is in the year 60056)
     */
    public static Instant toInstant(long ticks) {
        long seconds = Long.divideUnsigned(ticks, TICKS_PER_SECOND);
        long rest = Long.remainderUnsigned(ticks, TICKS_PER_SECOND);
        return Instant.ofEpochSecond(seconds - EPOCH_OFFSET_SECONDS, rest * 100);
    }

    /**
     * Converts an instant to a FILETIME, truncating to 100 ns.
     *
     * @throws IllegalArgumentException if the instant is before 1601 or too late for 64 bits
     */
    public static long fromInstant(Instant time) {
        long seconds = time.getEpochSecond() + EPOCH_OFFSET_SECONDS;
        if (seconds < 0 || seconds > Long.MAX_VALUE / TICKS_PER_SECOND - 1) {
            throw new IllegalArgumentException("instant outside the FILETIME range: " + time);
        }
        return seconds * TICKS_PER_SECOND + time.getNano() / 100;
    }
}
