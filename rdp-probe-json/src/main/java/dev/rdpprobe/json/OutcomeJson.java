package dev.rdpprobe.json;

import dev.rdpprobe.core.outcome.ConnectionOutcome;
import dev.rdpprobe.core.target.Target;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.Objects;

/**
 * The JSON form of a {@link ConnectionOutcome} (the "JSON contract" of the README), written and read back.
 * Depends on jackson-core's streaming API only.
 *
 * <pre>{@code
 * String line = OutcomeJson.toJson(outcome);                    // one line, no line break
 * ConnectionOutcome again = OutcomeJson.read(line);             // the same outcome
 * OutcomeJson.write(outcome, writer, JsonOptions.builder().pretty(true).build());
 * }</pre>
 *
 * <h2>Writing</h2>
 * Every field is mapped by hand, never by reflection on the records, so that renaming a Java field cannot
 * rename a JSON field. Field names only grow. Every documented key is always present; what is unknown or
 * did not happen is {@code null} (a stable shape that {@code jq} can rely on). Durations are milliseconds as
 * numbers with microsecond resolution, instants are ISO-8601 UTC strings, Windows codes and NTSTATUS values
 * are hex strings such as {@code "0x904"}. Strings carry the exact values the server sent; by default every
 * control and invisible character is written as a {@code \\u} escape ({@link JsonOptions#escapeInvisible()}),
 * so that a document shown raw cannot drive a terminal. The last key, {@code internalError}, is {@code null}
 * except in {@link #internalError} documents.
 *
 * <h2>Reading</h2>
 * {@link #read(Reader)} reads one document and refuses, with an {@link OutcomeJsonException} naming the
 * JSONPath and what was expected there, anything that is not an outcome of the contract: malformed JSON, a
 * value of the wrong type or form, an unknown constant, a phase list out of order, a {@code verdict} or
 * {@code failedPhase} that contradicts the phases, a duplicate key, text after the document, and an
 * {@code internalError} document (a lost outcome, not an outcome). Input is bounded: at most
 * {@link JsonOptions#maxDocumentChars()} characters (4 MiB by default) nested at most
 * {@link JsonOptions#maxDepth()} deep (32). Fields the contract does not know are ignored, so that a newer
 * writer's documents stay readable; a field an older writer did not write reads as {@code null} where the
 * model allows it. A failure's {@code message} and a code's name are recomputed from the facts, not read.
 * Addresses are read as IP literals only (no DNS query is ever made); an IPv6 zone that names an interface
 * this machine lacks is dropped. A round trip (write, read, write) gives the same bytes.
 */
public final class OutcomeJson {

    private OutcomeJson() {
    }

    /** The outcome as one line of JSON (no line break), with {@link JsonOptions#DEFAULTS}. */
    public static String toJson(ConnectionOutcome outcome) {
        return toJson(outcome, JsonOptions.DEFAULTS);
    }

    /**
     * The outcome as JSON text.
     *
     * @throws RuntimeException if a value cannot be written (a bug); {@link #internalError} then writes what it can
     */
    public static String toJson(ConnectionOutcome outcome, JsonOptions options) {
        Objects.requireNonNull(outcome, "outcome");
        return JsonTrees.toText(OutcomeWriter.toJson(outcome), Objects.requireNonNull(options, "options"));
    }

    /** Writes the outcome to {@code out} with {@link JsonOptions#DEFAULTS} and flushes it; does not close it. */
    public static void write(ConnectionOutcome outcome, Writer out) throws IOException {
        write(outcome, out, JsonOptions.DEFAULTS);
    }

    /** Writes the outcome to {@code out} and flushes it; does not close it. No line break is added. */
    public static void write(ConnectionOutcome outcome, Writer out, JsonOptions options) throws IOException {
        Objects.requireNonNull(outcome, "outcome");
        JsonTrees.write(OutcomeWriter.toJson(outcome), Objects.requireNonNull(out, "out"), Objects.requireNonNull(options, "options"));
    }

    /** Writes the outcome to {@code out} as UTF-8 with {@link JsonOptions#DEFAULTS} and flushes it; does not close it. */
    public static void write(ConnectionOutcome outcome, OutputStream out) throws IOException {
        write(outcome, out, JsonOptions.DEFAULTS);
    }

    /** Writes the outcome to {@code out} as UTF-8 and flushes it; does not close it. No line break is added. */
    public static void write(ConnectionOutcome outcome, OutputStream out, JsonOptions options) throws IOException {
        Objects.requireNonNull(outcome, "outcome");
        JsonTrees.write(OutcomeWriter.toJson(outcome), Objects.requireNonNull(out, "out"), Objects.requireNonNull(options, "options"));
    }

    /**
     * The document for a target whose outcome could not be written or was lost (a bug in rdp-probe), on one
     * line: the same keys as {@link #toJson}, with {@code internalError} saying what went wrong. Each part of
     * the outcome that can still be written is written; a part that fails is {@code null}, and so is every
     * part when there is no outcome at all. Never throws for any outcome. {@link #read} refuses such a document.
     *
     * @param target the target
     * @param outcome its outcome, or {@code null} if the probe ended without one
     * @param error what went wrong
     */
    public static String internalError(Target target, ConnectionOutcome outcome, Throwable error) {
        Objects.requireNonNull(target, "target");
        return JsonTrees.toText(OutcomeWriter.internalError(target, outcome, error), JsonOptions.DEFAULTS);
    }

    /** Reads one outcome from a string, with the bounds of {@link JsonOptions#DEFAULTS}. */
    public static ConnectionOutcome read(String json) throws OutcomeJsonException {
        return read(json, JsonOptions.DEFAULTS);
    }

    /** Reads one outcome from a string, within the bounds of {@code options}. */
    public static ConnectionOutcome read(String json, JsonOptions options) throws OutcomeJsonException {
        Objects.requireNonNull(json, "json");
        try {
            return read(new StringReader(json), options);
        } catch (OutcomeJsonException e) {
            throw e;
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringReader does not fail
        }
    }

    /** Reads one outcome from {@code in} (not closed), with the bounds of {@link JsonOptions#DEFAULTS}. */
    public static ConnectionOutcome read(Reader in) throws IOException {
        return read(in, JsonOptions.DEFAULTS);
    }

    /**
     * Reads one outcome from {@code in} (not closed), within the bounds of {@code options}.
     *
     * @throws OutcomeJsonException if the document is not an outcome of the contract, naming the path
     * @throws IOException if {@code in} fails
     */
    public static ConnectionOutcome read(Reader in, JsonOptions options) throws IOException {
        Objects.requireNonNull(in, "in");
        Objects.requireNonNull(options, "options");
        return map(JsonTrees.parse(in, options));
    }

    /** Reads one outcome from UTF-8 (UTF-16 and UTF-32 are detected) bytes, not closing {@code in}, with the default bounds. */
    public static ConnectionOutcome read(InputStream in) throws IOException {
        return read(in, JsonOptions.DEFAULTS);
    }

    /**
     * Reads one outcome from UTF-8 bytes (UTF-16 and UTF-32 are detected), not closing {@code in}; the
     * document bound counts bytes.
     *
     * @throws OutcomeJsonException if the document is not an outcome of the contract, naming the path
     * @throws IOException if {@code in} fails
     */
    public static ConnectionOutcome read(InputStream in, JsonOptions options) throws IOException {
        Objects.requireNonNull(in, "in");
        Objects.requireNonNull(options, "options");
        return map(JsonTrees.parse(in, options));
    }

    private static ConnectionOutcome map(JsonNode root) throws OutcomeJsonException {
        try {
            return OutcomeReader.outcome(JsonAt.root(root));
        } catch (Refusal r) {
            throw r.toException();
        }
    }
}
