/**
 * MS-RDPEUDP (version 1 wire format, big-endian) connection-initialization datagrams: the client
 * {@link dev.rdpprobe.core.internal.pdu.rdpeudp.SynDatagram SYN} and the server
 * {@link dev.rdpprobe.core.internal.pdu.rdpeudp.SynAckDatagram SYN+ACK}, and their payloads. Pure codecs:
 * no I/O, no clock; malformed input throws only {@link dev.rdpprobe.core.internal.pdu.MalformedPduException}.
 */
package dev.rdpprobe.core.internal.pdu.rdpeudp;
