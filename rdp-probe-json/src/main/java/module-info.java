/**
 * The JSON contract of rdp-probe (README, "JSON"): {@link dev.rdpprobe.json.OutcomeJson} writes a
 * {@link dev.rdpprobe.core.outcome.ConnectionOutcome} as the documented document and reads one back.
 * Needs nothing but the core and jackson-core (no databind, no logging binding).
 */
module dev.rdpprobe.json {
    requires transitive dev.rdpprobe.core;
    // JsonCharacterEscapes is a jackson-core type in the API
    requires transitive com.fasterxml.jackson.core;

    exports dev.rdpprobe.json;
}
