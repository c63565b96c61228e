package dev.rdpprobe.consumer;

import dev.rdpprobe.core.ProbeListener;
import dev.rdpprobe.core.RdpProber;
import dev.rdpprobe.core.outcome.CertificateReport;
import dev.rdpprobe.core.outcome.ConnectionOutcome;
import dev.rdpprobe.core.outcome.CredSspFacts;
import dev.rdpprobe.core.outcome.NegotiationFacts;
import dev.rdpprobe.core.outcome.NtlmServerInfo;
import dev.rdpprobe.core.outcome.Phase;
import dev.rdpprobe.core.outcome.PhaseResult;
import dev.rdpprobe.core.outcome.TlsFacts;
import dev.rdpprobe.core.outcome.WindowsError;
import dev.rdpprobe.core.target.Target;
import dev.rdpprobe.json.JsonOptions;
import dev.rdpprobe.json.OutcomeJson;
import dev.rdpprobe.json.OutcomeJsonException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The README's library examples, compiled with the application (they name hosts that are not there, so
 * nothing runs them; the tests run the same calls against the testkit's fake server).
 */
final class ReadmeExamples {

    private ReadmeExamples() {
    }

    static void probeOneHost() {
        // snippet:probe
        try (RdpProber prober = RdpProber.builder()
                .connectTimeout(Duration.ofSeconds(3))
                .phaseTimeout(Duration.ofSeconds(5))      // X.224, TLS and CredSSP each
                .deadline(Duration.ofSeconds(15))         // the whole probe, UDP included
                .build()) {
            ConnectionOutcome outcome = prober.probe(Target.parse("rds01.example.com:3389")).join();

            outcome.verdict();                            // OK, FAILED or TIMED_OUT
            outcome.failedPhase();                        // Optional[CREDSSP]
            outcome.failure();                            // Optional[ClosedByPeer[bytesSeen=0]]
            outcome.server().negotiation().flatMap(NegotiationFacts::selected);             // Optional[HYBRID_EX]
            outcome.server().tls().flatMap(TlsFacts::leaf).flatMap(CertificateReport::notAfter); // the certificate's expiry
            outcome.server().credssp().flatMap(CredSspFacts::ntlm).map(NtlmServerInfo::osVersion); // Optional[10.0.17763]
            outcome.findings();                           // CERT_EXPIRED, NLA_NOT_REQUIRED, UDP_BLOCKED, …
            outcome.diagnosis().summary();                // one sentence
            outcome.diagnosis().windowsError().map(WindowsError::display); // Optional[0x904 / 0x7]; empty when healthy
            outcome.diagnosis().remedies();               // most likely first
        }
        // end:probe
    }

    static void listenAndCancel() {
        // snippet:listener
        ProbeListener progress = new ProbeListener() {
            @Override
            public void phaseEnded(Target target, PhaseResult result) {   // as each phase ends, not after UDP
                System.out.println(target + " " + result.phase() + " " + result.status() + " in " + result.elapsed());
            }
        };
        try (RdpProber prober = RdpProber.builder().listener(progress).build()) {
            CompletableFuture<ConnectionOutcome> probe = prober.probe(Target.parse("rds01.example.com"));
            // … the user gives up: the probe's sockets close now, and nothing completes later
            probe.cancel(true);
        }
        // end:listener
    }

    static void storeAndReadBack(ConnectionOutcome outcome) throws OutcomeJsonException {
        // snippet:json
        String json = OutcomeJson.toJson(outcome);                  // the README's JSON contract, one line
        String forPeople = OutcomeJson.toJson(outcome, JsonOptions.builder().pretty(true).build());
        ConnectionOutcome stored = OutcomeJson.read(json);          // equal to outcome; refused with a JSON path if malformed
        stored.phase(Phase.TLS_HANDSHAKE).failure();                // typed values again
        // end:json
        List.of(stored, forPeople);
    }
}
