/**
 * The JSON form of a {@link dev.rdpprobe.core.outcome.ConnectionOutcome}, the contract the README documents:
 * {@link dev.rdpprobe.json.OutcomeJson} writes an outcome (one line by default) and reads it back, refusing a
 * document that is not an outcome with an {@link dev.rdpprobe.json.OutcomeJsonException} that names the JSONPath;
 * {@link dev.rdpprobe.json.JsonOptions} sets the layout, the escapes and the bounds of what is read. Depends on
 * jackson-core's streaming API only.
 */
package dev.rdpprobe.json;
