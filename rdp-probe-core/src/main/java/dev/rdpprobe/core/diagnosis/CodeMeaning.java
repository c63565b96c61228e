package dev.rdpprobe.core.diagnosis;

import java.util.List;

/**
 * What one Windows client code means, for {@link ErrorCodeExplainer}.
 *
 * @param value the code
 * @param known whether a source lists the code (a range counts)
 * @param name its symbolic name, or {@code null} where the sources give none (or the code is unknown)
 * @param meaning what it means; for an unknown code, a plain statement that it is unknown
 * @param sources source keys from error-codes.md (AX, OCT, EXT, NANA, MSG …); empty when unknown
 * @param observation for a disconnect reason that no source lists: the low-byte family it would
 *     belong to, marked as an observation; otherwise {@code null}
 */
public record CodeMeaning(long value, boolean known, String name, String meaning, List<String> sources, String observation) {

    public CodeMeaning {
        sources = List.copyOf(sources);
    }

    /** The value as mstsc shows it, e.g. {@code 0x904}. */
    public String hex() {
        return CodeNumbers.hex(value);
    }

    /** One line: {@code 0x904 (2308) disconnectReasonAtClientWinsockFDCLOSE: socket closed … [AX, NANA, MSG]}. */
    public String line() {
        StringBuilder s = new StringBuilder(hex()).append(" (").append(value).append(')');
        if (name != null) {
            s.append(' ').append(name);
        }
        s.append(": ").append(meaning);
        if (!sources.isEmpty()) {
            s.append(" [").append(String.join(", ", sources)).append(']');
        }
        if (observation != null) {
            s.append(". ").append(observation);
        }
        return s.toString();
    }
}
