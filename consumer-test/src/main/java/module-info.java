/** A modular application that uses rdp-probe: it needs nothing but these lines. */
module dev.rdpprobe.consumer {
    requires dev.rdpprobe.tls;
    requires dev.rdpprobe.json;

    exports dev.rdpprobe.consumer;
}
