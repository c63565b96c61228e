package dev.rdpprobe.core.internal.sequence;

/** How the driver cuts the inbound byte stream into PDUs for the sequence. */
public enum Framing {
    /** By the TPKT header (X.224 and MCS, before or inside TLS). */
    TPKT,
    /** By the DER length of a TSRequest (CredSSP inside TLS); a first byte of 0x03 is framed as TPKT instead, so a TPKT reply can be described. */
    DER
}
