/**
 * rdp-probe's core: performs the client side of the RDP connection sequence (DNS, TCP, X.224, TLS,
 * CredSSP, RDPEUDP) and returns a typed {@link dev.rdpprobe.core.outcome.ConnectionOutcome} that names
 * the phase that failed, with a {@link dev.rdpprobe.core.outcome.Diagnosis}.
 *
 * <p>The API is five packages: {@link dev.rdpprobe.core} (the prober, its options and listener),
 * {@link dev.rdpprobe.core.target} (what to probe), {@link dev.rdpprobe.core.outcome} (what was found),
 * {@link dev.rdpprobe.core.diagnosis} (why, and what to do) and {@link dev.rdpprobe.core.tls} (the TLS
 * engine SPI that {@code rdp-probe-tls} implements). Everything under {@code dev.rdpprobe.core.internal}
 * is internal: exported only to rdp-probe's own modules, and free to change in any release.
 */
module dev.rdpprobe.core {
    // Netty types appear in the API (a caller's EventLoopGroup, resolver; the TLS SPI's handlers).
    requires transitive io.netty.transport;
    requires transitive io.netty.resolver;
    requires transitive io.netty.buffer;
    requires transitive io.netty.common;
    requires io.netty.handler;
    requires io.netty.codec;
    requires io.netty.resolver.dns;
    requires org.slf4j;

    exports dev.rdpprobe.core;
    exports dev.rdpprobe.core.target;
    exports dev.rdpprobe.core.outcome;
    exports dev.rdpprobe.core.diagnosis;
    exports dev.rdpprobe.core.tls;

    exports dev.rdpprobe.core.internal.pdu to dev.rdpprobe.testkit;
    exports dev.rdpprobe.core.internal.pdu.credssp to dev.rdpprobe.testkit;
    exports dev.rdpprobe.core.internal.pdu.mcs to dev.rdpprobe.testkit;
    exports dev.rdpprobe.core.internal.pdu.ntlm to dev.rdpprobe.testkit, dev.rdpprobe.tls;
    exports dev.rdpprobe.core.internal.pdu.rdpeudp to dev.rdpprobe.testkit;
    exports dev.rdpprobe.core.internal.pdu.tpkt to dev.rdpprobe.testkit;
    exports dev.rdpprobe.core.internal.pdu.x224 to dev.rdpprobe.testkit, dev.rdpprobe.json;
    exports dev.rdpprobe.core.internal.sequence to dev.rdpprobe.testkit;
    exports dev.rdpprobe.core.internal.udp to dev.rdpprobe.testkit;

    uses dev.rdpprobe.core.tls.TlsProvider;
    uses dev.rdpprobe.core.tls.Md4Provider;
}
