package dev.rdpprobe.core.internal.pdu.ntlm;

import java.time.Instant;

/**
 * Windows FILETIME: an unsigned 64-bit count of 100-nanosecond ticks since 1601-01-01T00:00:00Z
 * (as in MsvAvTimestamp).
 */
public final class FileTime {

    /** Seconds from 1601-01-01 to 1970-01-01. */
    public static final long EPOCH_OFFSET_SECONDS = 11_644_473_600L;
    private static final long TICKS_PER_SECOND = 10_000_000L;
    /** Whole seconds in the largest FILETIME (0xFFFFFFFFFFFFFFFF read as unsigned). */
    private static final long MAX_SECONDS = Long.divideUnsigned(-1L, TICKS_PER_SECOND);
    /** The ticks past {@link #MAX_SECONDS} in the largest FILETIME. */
    private static final long MAX_REST_TICKS = Long.remainderUnsigned(-1L, TICKS_PER_SECOND);

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
     * Converts an instant to a FILETIME, truncating to 100 ns: the inverse of {@link #toInstant} over
     * the whole unsigned range, so that every value a server can send can also be written (values
     * past {@code Long.MAX_VALUE} come back negative, as {@link #toInstant} takes them).
     *
     * @throws IllegalArgumentException if the instant is before 1601 or after the largest FILETIME
     */
    public static long fromInstant(Instant time) {
        long seconds = time.getEpochSecond() + EPOCH_OFFSET_SECONDS; // |epoch seconds| < 2^55: no overflow
        long rest = time.getNano() / 100;
        if (seconds < 0 || seconds > MAX_SECONDS || (seconds == MAX_SECONDS && rest > MAX_REST_TICKS)) {
            throw new IllegalArgumentException("instant outside the FILETIME range (1601-01-01 to "
                    + toInstant(-1L) + "): " + time);
        }
        // The true value is below 2^64, so the product wrapped modulo 2^64 is its unsigned bit pattern.
        return seconds * TICKS_PER_SECOND + rest;
    }
}
