/**
 * What a probe found: {@link dev.rdpprobe.core.outcome.ConnectionOutcome} with one
 * {@link dev.rdpprobe.core.outcome.PhaseResult} per {@link dev.rdpprobe.core.outcome.Phase}, the facts the
 * server revealed ({@link dev.rdpprobe.core.outcome.ServerFacts}), the findings and the
 * {@link dev.rdpprobe.core.outcome.Diagnosis}. Immutable values, safe to share between threads; the values
 * users compare (security protocols, TLS versions, failure kinds, …) are typed.
 *
 * <p>The model depends only on {@code dev.rdpprobe.core.target}: never on the codecs or the driver, so
 * an outcome read back from JSON is the same kind of value as one a probe produced.
 */
package dev.rdpprobe.core.outcome;
