package dev.rdpprobe.core.target;

import io.netty.util.NetUtil;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * IP literals as targets give them, IPv6 zones included: {@code 192.0.2.7}, {@code 2001:db8::5},
 * {@code fe80::1%2} (a numeric zone: the interface index) and {@code fe80::1%eth0} (a named zone).
 *
 * <p>Netty's {@link NetUtil#isValidIpV6Address} accepts any text after the {@code %}, and
 * {@link NetUtil#createInetAddressFromIpAddressString} answers {@code null} for every named or empty zone;
 * this class is the one place that turns a literal into an {@link InetAddress}, so that a literal either
 * becomes an address that keeps its zone or is refused with a message that says what to fix.
 */
public final class IpLiterals {

    /** A zone: an interface name or index (Linux names are at most 15 characters; Windows zones are numbers). */
    private static final Pattern ZONE = Pattern.compile("[A-Za-z0-9_.\\-]{1,64}");

    private IpLiterals() {
    }

    /** Whether {@code host} is an IPv4 literal or an IPv6 literal, with or without a zone (valid or not). */
    public static boolean isIpLiteral(String host) {
        return NetUtil.isValidIpV4Address(host) || NetUtil.isValidIpV6Address(host);
    }

    /**
     * What is wrong with the zone of {@code host}, or {@code null} when it has none or a well-formed one.
     * Checks the text only, not this machine's interfaces (see {@link #interfaceProblem}).
     */
    public static String zoneProblem(String host) {
        int percent = host.indexOf('%');
        if (percent < 0) {
            return null;
        }
        String address = host.substring(0, percent);
        String zone = host.substring(percent + 1);
        if (!NetUtil.isValidIpV6Address(address)) {
            return "'" + host + "' has a '%', which only an IPv6 address takes (a zone, as in fe80::1%eth0)";
        }
        if (zone.isEmpty()) {
            return "the IPv6 zone after '%' in '" + host + "' is empty; write " + address + "%eth0 (an interface name) or "
                    + address + "%2 (its index), or drop the '%'";
        }
        if (!ZONE.matcher(zone).matches()) {
            return "the IPv6 zone '" + zone + "' in '" + host + "' is not an interface name or number; write "
                    + address + "%eth0 or " + address + "%2";
        }
        if (NetUtil.createInetAddressFromIpAddressString(address) instanceof Inet4Address) {
            return "'" + address + "' is an IPv4 address written as IPv6, which takes no zone; drop '%" + zone + "'";
        }
        return null;
    }

    /**
     * What is wrong with the zone of {@code host} on this machine: {@code null} when it has no zone or its zone
     * names an interface here, else a message listing the interfaces there are. When the interfaces cannot be
     * listed, the zone is not judged ({@code null}).
     */
    public static String interfaceProblem(String host) {
        int percent = host.indexOf('%');
        String malformed = zoneProblem(host);
        if (percent < 0 || malformed != null) {
            return malformed;
        }
        String zone = host.substring(percent + 1);
        try {
            if (networkInterface(zone) != null) {
                return null;
            }
            return "the IPv6 zone '" + zone + "' in '" + host + "' names no network interface on this machine; use one of "
                    + interfaces() + " (ip -6 addr lists them)";
        } catch (SocketException e) {
            return null;
        }
    }

    /**
     * The address of an IP literal. A numeric zone is kept as the scope id; a named zone as the interface, so
     * that the address prints with its zone ({@code fe80:0:0:0:0:0:0:1%eth0}), or as that interface's index
     * where the JDK cannot tie the address to the interface by name (a link-local address on an interface
     * that has none, such as {@code lo}).
     *
     * @throws UnknownHostException if {@code literal} is not an IP literal, its zone is malformed, or its zone
     *     names no interface on this machine; the message says what to fix
     */
    public static InetAddress toAddress(String literal) throws UnknownHostException {
        Objects.requireNonNull(literal, "literal");
        int percent = literal.indexOf('%');
        if (percent < 0) {
            InetAddress address = NetUtil.createInetAddressFromIpAddressString(literal);
            if (address == null) {
                throw new UnknownHostException("'" + literal + "' is not an IP address");
            }
            return address;
        }
        String problem = zoneProblem(literal);
        if (problem != null) {
            throw new UnknownHostException(problem);
        }
        byte[] bytes = NetUtil.createByteArrayFromIpAddressString(literal.substring(0, percent));
        String zone = literal.substring(percent + 1);
        NetworkInterface nif;
        try {
            nif = networkInterface(zone);
        } catch (SocketException e) {
            throw new UnknownHostException("cannot look up the interface of the IPv6 zone '" + zone + "': " + e.getMessage());
        }
        if (nif == null) {
            String known;
            try {
                known = interfaces().toString();
            } catch (SocketException e) {
                known = "the interfaces ip -6 addr lists";
            }
            throw new UnknownHostException("the IPv6 zone '" + zone + "' in '" + literal
                    + "' names no network interface on this machine; use one of " + known);
        }
        if (isNumber(zone)) {
            return Inet6Address.getByAddress(null, bytes, nif.getIndex());
        }
        try {
            return Inet6Address.getByAddress(null, bytes, nif);
        } catch (UnknownHostException e) {
            return Inet6Address.getByAddress(null, bytes, nif.getIndex());
        }
    }

    private static NetworkInterface networkInterface(String zone) throws SocketException {
        if (isNumber(zone)) {
            int index;
            try {
                index = Integer.parseInt(zone);
            } catch (NumberFormatException e) {
                return null;
            }
            return index < 1 ? null : NetworkInterface.getByIndex(index);
        }
        return NetworkInterface.getByName(zone);
    }

    private static boolean isNumber(String zone) {
        return zone.chars().allMatch(c -> c >= '0' && c <= '9');
    }

    /** "lo (1), eth0 (2)": the interfaces that can carry IPv6 zones, with their indexes. */
    private static List<String> interfaces() throws SocketException {
        List<String> names = new ArrayList<>();
        for (NetworkInterface nif : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            names.add(nif.getName() + " (" + nif.getIndex() + ")");
        }
        return names;
    }

    /**
     * An address as reports and the JSON contract print it: RFC 5952 text ({@code 2001:db8::5}) with its zone,
     * by interface name where the address has one ({@code fe80::1%eth0}), else by scope id ({@code fe80::1%7});
     * the inverse of {@link #toAddress} for an address of this machine.
     */
    public static String toText(InetAddress address) {
        String text = NetUtil.toAddressString(address);
        if (address instanceof Inet6Address v6) {
            if (v6.getScopedInterface() != null) {
                return text + "%" + v6.getScopedInterface().getName();
            }
            if (v6.getScopeId() != 0) {
                return text + "%" + v6.getScopeId();
            }
        }
        return text;
    }

    /**
     * A socket address as reports and the JSON contract print it: {@code 192.0.2.7:3389}, {@code [2001:db8::5]:3389}
     * (an unresolved one by its host name).
     */
    public static String toText(java.net.InetSocketAddress address) {
        String host = address.getAddress() != null ? toText(address.getAddress()) : address.getHostString();
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + address.getPort();
    }
}
