/**
 * rdp-probe's test kit: fake RDP, TLS, DNS and RDPEUDP servers on loopback that fail on purpose, for
 * tests of rdp-probe and of RDP-adjacent software. Start with {@link dev.rdpprobe.testkit.FakeRdpServer}
 * or, in JUnit 5, {@link dev.rdpprobe.testkit.FakeRdpServerExtension}.
 */
module dev.rdpprobe.testkit {
    requires transitive dev.rdpprobe.core;
    requires transitive dev.rdpprobe.tls;
    requires io.netty.handler;
    requires io.netty.codec;
    requires io.netty.codec.dns;
    requires org.bouncycastle.provider;
    requires org.bouncycastle.pkix;
    requires org.bouncycastle.tls;
    requires org.bouncycastle.util;
    // JUnit is needed only by those who use the extension, and they have it.
    requires static org.junit.jupiter.api;

    exports dev.rdpprobe.testkit;
    exports dev.rdpprobe.testkit.tls;
    exports dev.rdpprobe.testkit.udp;
}
