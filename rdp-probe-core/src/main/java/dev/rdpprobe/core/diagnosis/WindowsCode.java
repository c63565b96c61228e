package dev.rdpprobe.core.diagnosis;

import java.util.List;
import java.util.Objects;

/**
 * One disconnect reason or extended disconnect reason of the Windows Remote Desktop client, or a
 * range of them, as listed in {@code windows-codes.txt} (from error-codes.md §1 and §2).
 *
 * @param low the code, or the lowest code of a range
 * @param high the code again, or the highest code of a range
 * @param name the symbolic name (e.g. disconnectReasonAtClientWinsockFDCLOSE), or {@code null} where the sources give none
 * @param meaning what the code means
 * @param sources source keys of error-codes.md (AX, OCT, EXT, NANA, MSG …); empty when no source lists the code
 */
public record WindowsCode(long low, long high, String name, String meaning, List<String> sources) {

    public WindowsCode {
        Objects.requireNonNull(meaning, "meaning");
        sources = List.copyOf(sources);
        if (high < low) {
            throw new IllegalArgumentException("range " + low + "-" + high + " is reversed");
        }
    }

    /** Whether this entry covers the value. */
    public boolean covers(long value) {
        return value >= low && value <= high;
    }

    /** Whether this entry is a range rather than a single code. */
    public boolean isRange() {
        return high != low;
    }

    /** Whether any source lists the code. */
    public boolean documented() {
        return !sources.isEmpty();
    }
}
