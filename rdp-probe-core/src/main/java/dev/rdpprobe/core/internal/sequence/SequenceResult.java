package dev.rdpprobe.core.internal.sequence;

import dev.rdpprobe.core.outcome.PhaseResult;
import dev.rdpprobe.core.outcome.ServerFacts;
import java.util.List;

/**
 * The TCP path's result: one phase result per TCP-path phase (RESOLVE … CREDSSP, in order) and
 * what the server revealed.
 *
 * @param tcpPhases RESOLVE, TCP_CONNECT, X224_NEGOTIATION, TLS_HANDSHAKE, CREDSSP
 * @param facts what was learned
 */
public record SequenceResult(List<PhaseResult> tcpPhases, ServerFacts facts) {
    public SequenceResult {
        tcpPhases = List.copyOf(tcpPhases);
    }
}
