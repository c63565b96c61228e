/** A modular application that uses rdp-probe: it needs nothing but this one line. */
module dev.rdpprobe.consumer {
    requires dev.rdpprobe.tls;

    exports dev.rdpprobe.consumer;
}
