package dev.rdpprobe.testkit.hardening;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.List;

/**
 * A loopback port whose SYNs get no answer at all — the "filtered port" a firewall makes — without root:
 * a listening socket with a backlog of 1 that never accepts, its accept queue filled by a few completed
 * connections. Linux then drops every further SYN (net.ipv4.tcp_abort_on_overflow = 0, the default), so
 * a client's connect neither succeeds nor is refused; it retransmits SYNs until its own timeout. The
 * constructor proves the port is silent before a test uses it.
 */
final class UnansweredSynListener implements AutoCloseable {

    private final ServerSocket listener;
    private final List<Socket> fillers = new ArrayList<>();

    UnansweredSynListener() {
        listener = listen();
        try {
            for (int i = 0; i < 16; i++) {
                Socket filler = new Socket();
                try {
                    filler.connect(listener.getLocalSocketAddress(), 300);
                    fillers.add(filler);
                } catch (SocketTimeoutException silent) {
                    filler.close();
                    return; // this SYN went unanswered: the queue is full
                }
            }
            close();
            throw new IllegalStateException("the accept queue never filled after 16 connections; this kernel answers"
                    + " SYNs on a full queue (tcp_abort_on_overflow = 1?), so a silent TCP peer cannot be made here");
        } catch (IOException e) {
            close();
            throw new UncheckedIOException(e);
        }
    }

    private static ServerSocket listen() {
        try {
            return new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The silent address. */
    InetSocketAddress address() {
        return (InetSocketAddress) listener.getLocalSocketAddress();
    }

    @Override
    public void close() {
        for (Socket s : fillers) {
            try {
                s.close();
            } catch (IOException ignored) {
                // closing a test socket
            }
        }
        try {
            listener.close();
        } catch (IOException ignored) {
            // closing a test socket
        }
    }
}
