package dev.rdpprobe.cli;

import dev.rdpprobe.core.RdpProber;
import dev.rdpprobe.core.outcome.ConnectionOutcome;
import dev.rdpprobe.core.target.Target;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code rdp-probe check}: one probe as a Nagios / Icinga / Naemon plugin, in the conventions of the
 * Monitoring Plugins Development Guidelines: one status line {@code RDP OK|WARNING|CRITICAL|UNKNOWN - …}
 * on stdout, then {@code |} and perfdata, and the exit code 0, 1, 2 or 3 ({@link PluginState}). A usage
 * error is UNKNOWN (exit 3) with a one-line reason, not the main command's exit 2.
 */
@Command(name = "check", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class, sortOptions = false,
        header = "Check one RDP server as a Nagios / Icinga plugin: one status line, perfdata, exit 0/1/2/3.",
        description = "Probes one target as a monitoring plugin does and prints one line: RDP OK, RDP WARNING, RDP CRITICAL or "
                + "RDP UNKNOWN, the reasons and the diagnosis, then ' | ' and perfdata (each phase's time in seconds, the total, "
                + "and the certificate's days left). A failed or timed-out TCP-path phase is CRITICAL; a problem of the probe "
                + "itself (internal error, overloaded prober, no TLS engine, no file descriptor) is UNKNOWN; findings and the "
                + "thresholds raise WARNING or CRITICAL. Thresholds use the plugins' range syntax [@][start:][end]: 10 alerts "
                + "outside 0..10, 10: below 10, ~:10 above 10, 10:20 outside 10..20, @10:20 inside it.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:OK",
            "1:WARNING: a -w / --cert-warning threshold or a --warn-on finding",
            "2:CRITICAL: a TCP-path phase failed or timed out, or a -c / --cert-critical threshold or a --crit-on finding",
            "3:UNKNOWN: a usage error (not 2 as for rdp-probe itself: a monitoring core reads 2 as CRITICAL), "
                    + "or a problem of the probe itself"
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  rdp-probe check -H rds01.example.com -w 2 -c 5 --cert-warning 30: --cert-critical 7:",
            "  rdp-probe check -H 10.0.0.5 -p 3390 -t 15 --crit-on NLA_NOT_REQUIRED --ok-on CERT_NAME_MISMATCH --udp"
        })
final class CheckCommand implements java.util.concurrent.Callable<Integer> {

    /** The default of {@code -t}, as the guidelines suggest for plugins. */
    static final double DEFAULT_TIMEOUT_SECONDS = 10;
    /** The greatest {@code -t}: the probe's own upper bound of a deadline. */
    static final double MAX_TIMEOUT_SECONDS = 3600;
    /** The most of {@code -t} kept back for starting the JVM, printing and exiting. */
    static final Duration MAX_RESERVE = Duration.ofSeconds(1);

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "TARGET", arity = "0..1", description = "HOST[:PORT], as -H.")
    String target;

    @Option(names = {"-H", "--host"}, paramLabel = "HOST[:PORT]", order = 1,
            description = "The server: a name, an IPv4 address, an IPv6 address or [IPv6]:PORT (port 3389 by default).")
    String host;

    @Option(names = {"-p", "--port"}, paramLabel = "PORT", order = 2, description = "The TCP (and UDP) port, 1..65535.")
    Integer port;

    @Option(names = {"-t", "--timeout"}, paramLabel = "SECONDS", order = 3,
            description = "The whole check's limit (default 10). The probe's deadline is SECONDS less a reserve (a tenth, at most 1 s) "
                    + "for starting and printing, so the plugin answers before its core would kill it; a phase that runs out of it is CRITICAL.")
    String timeout;

    @Option(names = {"-w", "--warning"}, paramLabel = "RANGE", order = 4, description = "WARNING when the total time in seconds crosses RANGE, e.g. 2.")
    String warning;

    @Option(names = {"-c", "--critical"}, paramLabel = "RANGE", order = 5, description = "CRITICAL when the total time in seconds crosses RANGE, e.g. 5.")
    String critical;

    @Option(names = "--cert-warning", paramLabel = "RANGE", order = 6,
            description = "WARNING when the certificate's days left cross RANGE: write 30: to warn below 30 days (a plain 30 would warn above 30).")
    String certWarning;

    @Option(names = "--cert-critical", paramLabel = "RANGE", order = 7,
            description = "CRITICAL when the certificate's days left cross RANGE, e.g. 7: (below 7 days; an expired certificate has negative days).")
    String certCritical;

    @Option(names = "--crit-on", paramLabel = "CODE,...", order = 8,
            description = "Findings that raise CRITICAL (default: the CRITICAL ones: CERT_EXPIRED, CERT_NOT_YET_VALID, TLS_LEGACY_ONLY, CLOCK_SKEW, CERT_UNPARSEABLE).")
    String critOn;

    @Option(names = "--warn-on", paramLabel = "CODE,...", order = 9,
            description = "Findings that raise WARNING (default: the WARNING ones, e.g. NLA_NOT_REQUIRED, CERT_NAME_MISMATCH, CERT_WEAK_KEY, TLS_LEGACY_ENABLED, UDP_BLOCKED).")
    String warnOn;

    @Option(names = "--ok-on", paramLabel = "CODE,...", order = 10,
            description = "Findings that leave the state OK (default: the INFO ones: CERT_SELF_SIGNED, CERT_UNTRUSTED, UDP_CLOSED, MULTIPLE_ADDRESSES).")
    String okOn;

    @Option(names = "--udp", order = 11, description = "Also probe UDP (MS-RDPEUDP); off by default in a check.")
    boolean udp;

    @Option(names = "--protocols", paramLabel = "LIST", order = 12,
            description = "Security protocols to request: rdp, ssl, hybrid, hybrid_ex, rdstls (default ssl,hybrid,hybrid_ex).")
    String protocols;

    @Option(names = "--enumerate-security", order = 13, description = "Also test each security protocol (tells whether NLA is required: NLA_NOT_REQUIRED).")
    boolean enumerateSecurity;

    @Option(names = "--enumerate-tls", order = 14, description = "Also test each TLS version (TLS_LEGACY_ENABLED).")
    boolean enumerateTls;

    @Option(names = "--no-credssp", order = 15, description = "Stop after TLS; do not start CredSSP.")
    boolean noCredssp;

    @Option(names = "--tls-engine", paramLabel = "NAME", order = 16, description = "TLS engine: bouncycastle or jdk.")
    String tlsEngine;

    @Option(names = "--trust-store", paramLabel = "FILE", order = 17,
            description = "Trust anchors for the certificate check: a PEM file of certificates, or a key store without password.")
    Path trustStore;

    @Override
    public Integer call() {
        long started = System.nanoTime();
        PrintWriter out = spec.commandLine().getOut();
        try {
            return run(started, out);
        } catch (IllegalArgumentException e) {
            return print(out, PluginState.UNKNOWN, "usage: " + e.getMessage() + "; see rdp-probe check --help");
        } catch (RuntimeException e) {
            return print(out, PluginState.UNKNOWN, "internal error of rdp-probe: " + e);
        }
    }

    private int run(long started, PrintWriter out) {
        Target probed = target();
        double seconds = timeoutSeconds();
        Duration limit = Duration.ofNanos((long) (seconds * 1e9));
        Duration reserve = min(MAX_RESERVE, limit.dividedBy(10));
        CheckThresholds thresholds = new CheckThresholds(range("-w", warning), range("-c", critical),
                range("--cert-warning", certWarning), range("--cert-critical", certCritical));
        FindingLevels levels = FindingLevels.parse(critOn, warnOn, okOn);
        ProbeSettings settings = new ProbeSettings();
        settings.deadline = limit.minus(reserve);
        settings.noUdp = !udp;
        settings.protocols = protocols;
        settings.enumerateSecurity = enumerateSecurity;
        settings.enumerateTls = enumerateTls;
        settings.noCredssp = noCredssp;
        settings.tlsEngine = tlsEngine;
        settings.trustStore = trustStore;
        RdpProber prober = settings.builder().build();
        CompletableFuture<ConnectionOutcome> probe = null;
        try {
            probe = prober.probe(probed);
            long waitNanos = limit.minus(reserve.dividedBy(2)).toNanos() - (System.nanoTime() - started);
            ConnectionOutcome outcome = probe.get(Math.max(0, waitNanos), TimeUnit.NANOSECONDS);
            CheckVerdict verdict = CheckVerdict.of(outcome, thresholds, levels, seconds, udp);
            out.println(PluginOutput.line(verdict));
            out.flush();
            return verdict.state().exitCode();
        } catch (TimeoutException e) {
            probe.cancel(true);
            return print(out, PluginState.UNKNOWN, "the probe of " + probed + " did not end within -t " + ThresholdRange.number(seconds)
                    + "s, though its deadline was shorter (a bug in rdp-probe or a stalled machine)");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return print(out, PluginState.UNKNOWN, "interrupted while probing " + probed);
        } catch (ExecutionException e) {
            return print(out, PluginState.UNKNOWN, "internal error of rdp-probe: " + e.getCause());
        } finally {
            prober.close();
        }
    }

    private static int print(PrintWriter out, PluginState state, String text) {
        out.println(PluginOutput.line(state, text));
        out.flush();
        return state.exitCode();
    }

    /** The target of {@code -H} or the positional argument, with {@code -p} applied. */
    private Target target() {
        if (host != null && target != null) {
            throw new IllegalArgumentException("both -H " + host + " and the target " + target + " given; give one");
        }
        String text = host != null ? host : target;
        if (text == null) {
            throw new IllegalArgumentException("no target given; write rdp-probe check -H HOST[:PORT]");
        }
        Target parsed = Target.parse(text);
        if (port == null) {
            return parsed;
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("-p " + port + " is out of range; use 1..65535");
        }
        if (hasPort(text) && parsed.port() != port) {
            throw new IllegalArgumentException("-H " + text + " names port " + parsed.port() + " and -p " + port + " another; give the port once");
        }
        return Target.of(parsed.host(), port);
    }

    /** Whether a target's text names a port: HOST:PORT or [IPv6]:PORT (a bare IPv6 address has several colons). */
    private static boolean hasPort(String text) {
        String s = text.strip();
        if (s.startsWith("[")) {
            return s.indexOf("]:") > 0;
        }
        return s.indexOf(':') >= 0 && s.indexOf(':') == s.lastIndexOf(':');
    }

    private double timeoutSeconds() {
        if (timeout == null) {
            return DEFAULT_TIMEOUT_SECONDS;
        }
        double seconds;
        try {
            seconds = new BigDecimal(timeout.strip()).doubleValue();
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("-t '" + timeout + "' is not a number of seconds; write e.g. -t 10");
        }
        if (!(seconds >= 0.01) || seconds > MAX_TIMEOUT_SECONDS) {
            throw new IllegalArgumentException("-t " + timeout + " is out of range; use 0.01 to " + (long) MAX_TIMEOUT_SECONDS + " seconds");
        }
        return seconds;
    }

    private static ThresholdRange range(String option, String text) {
        if (text == null) {
            return null;
        }
        try {
            return ThresholdRange.parse(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(option + ": " + e.getMessage());
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    /**
     * The handler of picocli's own usage errors that answers a mistake on the {@code check} command line as a
     * plugin must (one {@code RDP UNKNOWN - …} line on stdout, exit 3), and every other one as {@code otherwise} does.
     */
    static CommandLine.IParameterExceptionHandler usageErrorsAsUnknown(CommandLine.IParameterExceptionHandler otherwise) {
        return (ex, args) -> {
            if (ex.getCommandLine().getCommand() instanceof CheckCommand) {
                return print(ex.getCommandLine().getOut(), PluginState.UNKNOWN,
                        "usage: " + ex.getMessage() + "; see rdp-probe check --help");
            }
            return otherwise.handleParseException(ex, args);
        };
    }
}
