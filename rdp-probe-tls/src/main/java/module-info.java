/**
 * rdp-probe's TLS engines (BouncyCastle's and the JDK's) for the probe's TLS phase. Put this module
 * beside {@code dev.rdpprobe.core} and the prober finds it through {@link java.util.ServiceLoader}; no
 * code refers to it directly.
 */
module dev.rdpprobe.tls {
    requires transitive dev.rdpprobe.core;
    requires io.netty.handler;
    requires io.netty.codec;
    requires org.bouncycastle.provider;
    requires org.bouncycastle.pkix;
    requires org.bouncycastle.tls;
    requires org.bouncycastle.util;

    exports dev.rdpprobe.tls;
    exports dev.rdpprobe.tls.internal to dev.rdpprobe.testkit;

    provides dev.rdpprobe.core.tls.TlsProvider with dev.rdpprobe.tls.RdpTlsProvider;
    provides dev.rdpprobe.core.tls.Md4Provider with dev.rdpprobe.tls.BouncyCastleMd4;
}
