/** A test module of a modular application: it requires the testkit and the application, nothing else. */
module dev.rdpprobe.consumer.it {
    requires dev.rdpprobe.testkit;
    requires dev.rdpprobe.consumer;
}
