/**
 * MCS Connect (T.125, BER) and GCC Conference Create (T.124, ALIGNED PER) of the Basic Settings Exchange
 * ([MS-RDPBCGR] 2.2.1.3 and 2.2.1.4): the client's {@link dev.rdpprobe.core.internal.pdu.mcs.ConnectInitial}
 * with its data blocks, and the server's {@link dev.rdpprobe.core.internal.pdu.mcs.ServerMcsPdu reply}
 * (a {@link dev.rdpprobe.core.internal.pdu.mcs.ConnectResponse} with the server data blocks, or a Disconnect
 * Provider Ultimatum). Pure codecs: no I/O, no clock; every length is checked before anything is allocated,
 * and malformed input throws only {@link dev.rdpprobe.core.internal.pdu.MalformedPduException}.
 */
package dev.rdpprobe.core.internal.pdu.mcs;
