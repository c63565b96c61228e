package dev.rdpprobe.cli;

import io.netty.util.NetUtil;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;

/**
 * The {@code --listen} value of {@code rdp-probe fake-server}: an IP address ({@code 127.0.0.1},
 * {@code ::1}, or {@code [::1]} in brackets) with an optional port, {@value #DEFAULT_PORT} by default,
 * {@code 0} for an ephemeral one. No host names: what is bound is exactly what is written.
 */
final class ListenAddress {

    /** The port when none is written. */
    static final int DEFAULT_PORT = 3389;

    private ListenAddress() {
    }

    /**
     * Parses {@code ADDRESS[:PORT]} or {@code [IPv6]:PORT}.
     *
     * @throws IllegalArgumentException with a message that says what to fix
     */
    static InetSocketAddress parse(String text) {
        return parse("--listen", text, DEFAULT_PORT);
    }

    /**
     * Parses {@code ADDRESS[:PORT]} or {@code [IPv6]:PORT}, with {@code defaultPort} when none is written.
     *
     * @throws IllegalArgumentException with a message that says what to fix
     */
    static InetSocketAddress parse(String text, int defaultPort) {
        return parse("--listen", text, defaultPort);
    }

    /** As {@link #parse(String)}, for the option named {@code option} (as messages name it). */
    static InetSocketAddress parse(String option, String text) {
        return parse(option, text, DEFAULT_PORT);
    }

    /** As {@link #parse(String, int)}, for the option named {@code option} (as messages name it). */
    static InetSocketAddress parse(String option, String text, int defaultPort) {
        String s = text.strip();
        String host;
        String port = null;
        if (s.startsWith("[")) {
            int close = s.indexOf(']');
            if (close < 0) {
                throw new IllegalArgumentException(option + " '" + text + "' opens '[' but never closes it; write [IPv6]:PORT");
            }
            host = s.substring(1, close);
            String rest = s.substring(close + 1);
            if (!rest.isEmpty()) {
                if (!rest.startsWith(":")) {
                    throw new IllegalArgumentException(option + " '" + text + "': write [IPv6]:PORT");
                }
                port = rest.substring(1);
            }
        } else if (s.indexOf(':') != s.lastIndexOf(':')) {
            host = s; // a bare IPv6 address
        } else {
            int colon = s.indexOf(':');
            host = colon < 0 ? s : s.substring(0, colon);
            port = colon < 0 ? null : s.substring(colon + 1);
        }
        byte[] ip = NetUtil.createByteArrayFromIpAddressString(host);
        if (ip == null) {
            throw new IllegalArgumentException(option + " '" + text + "' is not an IP address; write 127.0.0.1:PORT, [::1]:PORT or another IP address");
        }
        try {
            return new InetSocketAddress(InetAddress.getByAddress(ip), port == null ? defaultPort : port(option, text, port));
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(option + " '" + text + "' is not an IP address", e); // getByAddress only refuses bad lengths
        }
    }

    private static int port(String option, String text, String port) {
        if (!port.matches("[0-9]{1,5}") || Integer.parseInt(port) > 65535) {
            throw new IllegalArgumentException(option + " '" + text + "': the port must be 0..65535 (0: any free port)");
        }
        return Integer.parseInt(port);
    }
}
