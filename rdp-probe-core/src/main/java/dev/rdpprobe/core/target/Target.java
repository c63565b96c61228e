package dev.rdpprobe.core.target;

import io.netty.util.NetUtil;
import java.util.Objects;

/**
 * What to probe: a host name or IP literal and a TCP/UDP port.
 *
 * @param host host name (an internationalised one is kept in its punycode form), IPv4 literal or IPv6 literal
 *     (without brackets, optionally with a zone: {@code fe80::1%eth0})
 * @param port 1..65535
 */
public record Target(String host, int port) {

    /** The RDP port. */
    public static final int DEFAULT_PORT = 3389;

    /** The longest host accepted: a DNS name has at most 253 characters (RFC 1035), an IP literal fewer. */
    public static final int MAX_HOST_LENGTH = 253;

    public Target {
        Objects.requireNonNull(host, "host must not be null");
        if (host.isBlank()) {
            throw new IllegalArgumentException("host must not be empty");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port " + port + " is out of range; use 1..65535");
        }
        for (int i = 0; i < host.length(); i++) {
            char c = host.charAt(i);
            boolean format = Character.getType(c) == Character.FORMAT;
            if (c <= ' ' || c == '/' || c == '@' || c == '[' || c == ']' || (c >= 0x7F && c <= 0x9F) || format) {
                String what = c == ' ' ? "whitespace"
                        : c < ' ' || (c >= 0x7F && c <= 0x9F) ? String.format(java.util.Locale.ROOT, "a control character (U+%04X)", (int) c)
                        : format ? String.format(java.util.Locale.ROOT, "an invisible format character (U+%04X)", (int) c)
                        : "'" + c + "'";
                throw new IllegalArgumentException("host '" + host + "' contains " + what
                        + "; give a host name, an IPv4 address or an IPv6 address (in brackets when a port follows)");
            }
        }
        host = HostSyntax.toAscii(host);
        if (host.length() > MAX_HOST_LENGTH) {
            throw new IllegalArgumentException("host is " + host.length() + " characters long; a host name has at most "
                    + MAX_HOST_LENGTH);
        }
        String zone = IpLiterals.zoneProblem(host);
        if (zone != null) {
            throw new IllegalArgumentException(zone);
        }
        if (!IpLiterals.isIpLiteral(host) && host.indexOf(':') < 0 && host.indexOf('%') < 0) {
            String name = HostSyntax.problem(host);
            if (name != null) {
                throw new IllegalArgumentException(name);
            }
        }
    }

    /** A target on the RDP port 3389. */
    public static Target of(String host) {
        return new Target(host, DEFAULT_PORT);
    }

    /** A target on the given port. */
    public static Target of(String host, int port) {
        return new Target(host, port);
    }

    /**
     * Parses {@code host}, {@code host:port}, an IPv6 literal, or {@code [ipv6]:port}. A name that can never
     * resolve is refused before any DNS query (an empty label, a label over 63 characters, a leading or
     * trailing hyphen, {@code 999.1.1.1}, {@code 1.2.3.4.5}); an internationalised name is taken in its
     * punycode form ({@code bücher.example} → {@code xn--bcher-kva.example}). An unbracketed IPv6 literal
     * ending in {@code :3389} ({@code ::1:3389}) is refused as ambiguous: write {@code [::1]:3389}. An IPv6 literal may
     * carry a zone, numeric ({@code fe80::1%2}) or named ({@code [fe80::1%eth0]:3389}); the zone must name a
     * network interface of this machine.
     *
     * @throws IllegalArgumentException with a message that says what to fix
     */
    public static Target parse(String text) {
        Target target = parseText(text);
        String zone = IpLiterals.interfaceProblem(target.host());
        if (zone != null) {
            throw new IllegalArgumentException(zone);
        }
        return target;
    }

    private static Target parseText(String text) {
        Objects.requireNonNull(text, "target must not be null");
        String s = text.trim();
        if (s.isEmpty()) {
            throw new IllegalArgumentException("target is empty; give HOST or HOST:PORT");
        }
        if (s.startsWith("[")) {
            int close = s.indexOf(']');
            if (close < 0) {
                throw new IllegalArgumentException("target '" + text + "' opens '[' but never closes it; write [IPv6]:PORT");
            }
            String host = s.substring(1, close);
            if (!NetUtil.isValidIpV6Address(host)) {
                throw new IllegalArgumentException("'" + host + "' in brackets is not an IPv6 address");
            }
            String rest = s.substring(close + 1);
            if (rest.isEmpty()) {
                return new Target(host, DEFAULT_PORT);
            }
            if (!rest.startsWith(":")) {
                throw new IllegalArgumentException("target '" + text + "': expected ':PORT' after ']'");
            }
            return new Target(host, parsePort(rest.substring(1), text));
        }
        int first = s.indexOf(':');
        if (first >= 0 && first != s.lastIndexOf(':')) {
            if (NetUtil.isValidIpV6Address(s)) {
                if (s.endsWith(":" + DEFAULT_PORT)) {
                    String address = s.substring(0, s.length() - 1 - String.valueOf(DEFAULT_PORT).length());
                    throw new IllegalArgumentException("target '" + text + "' is ambiguous: write [" + address + "]:" + DEFAULT_PORT
                            + " for port " + DEFAULT_PORT + " of " + address + ", or [" + s + "] for the address itself");
                }
                return new Target(s, DEFAULT_PORT);
            }
            throw new IllegalArgumentException("target '" + text + "' has several ':'; write an IPv6 address with a port as [IPv6]:PORT");
        }
        if (first >= 0) {
            return new Target(s.substring(0, first), parsePort(s.substring(first + 1), text));
        }
        return new Target(s, DEFAULT_PORT);
    }

    private static int parsePort(String p, String text) {
        if (p.isEmpty() || p.length() > 5 || !p.chars().allMatch(Character::isDigit)) {
            throw new IllegalArgumentException("port '" + p + "' in target '" + text + "' is not a number; use 1..65535");
        }
        int port = Integer.parseInt(p);
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port " + port + " in target '" + text + "' is out of range; use 1..65535");
        }
        return port;
    }

    /** Whether the host is an IP literal (no name resolution needed). */
    public boolean isIpLiteral() {
        return IpLiterals.isIpLiteral(host);
    }

    /** {@code host:port}, with brackets around an IPv6 literal. */
    @Override
    public String toString() {
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }
}
