package dev.rdpprobe.core;

/** Whether and how the MS-RDPEUDP probe runs. */
public enum UdpMode {
    /** Probe UDP beside the TCP phases, within the same deadline (the default). */
    BESIDE,
    /** Do not probe UDP; the UDP_TRANSPORT phase reports SKIPPED. */
    OFF,
    /** Probe UDP alone; every TCP phase reports SKIPPED. */
    ONLY
}
