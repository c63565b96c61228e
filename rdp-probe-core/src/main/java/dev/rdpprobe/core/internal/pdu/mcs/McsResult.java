package dev.rdpprobe.core.internal.pdu.mcs;

/**
 * T.125's {@code Result} ENUMERATED, as the Connect-Response carries it: an open value named by T.125.
 *
 * @param value the raw value
 */
public record McsResult(int value) {
    private static final String[] NAMES = {"rt-successful", "rt-domain-merging", "rt-domain-not-hierarchical",
        "rt-no-such-channel", "rt-no-such-domain", "rt-no-such-user", "rt-not-admitted", "rt-other-user-id",
        "rt-parameters-unacceptable", "rt-token-not-available", "rt-token-not-possessed", "rt-too-many-channels",
        "rt-too-many-tokens", "rt-too-many-users", "rt-unspecified-failure", "rt-user-rejected"};

    /** rt-successful. */
    public static final McsResult SUCCESSFUL = new McsResult(0);

    /** Whether the server accepted the connection. */
    public boolean isSuccessful() {
        return value == 0;
    }

    /** T.125's name, e.g. {@code rt-not-admitted}; {@code unknown result N} outside the table. */
    public String name() {
        return value >= 0 && value < NAMES.length ? NAMES[value] : "unknown result " + value;
    }

    @Override
    public String toString() {
        return name() + " (" + value + ")";
    }
}
