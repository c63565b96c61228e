package dev.rdpprobe.tls;

import io.netty.util.NetUtil;
import java.net.IDN;
import java.net.InetAddress;
import java.util.Locale;

/** Host-name helpers: IP literals, and matching a target name against certificate names (RFC 6125). */
final class HostNames {

    private HostNames() {
    }

    /** Whether {@code host} is an IPv4 or IPv6 literal (brackets and an IPv6 zone allowed). */
    static boolean isIpLiteral(String host) {
        return ipAddress(host) != null;
    }

    /** The address of an IP literal, or {@code null} when {@code host} is a name. */
    static InetAddress ipAddress(String host) {
        if (host == null || host.isEmpty()) {
            return null;
        }
        String h = host;
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        int zone = h.indexOf('%');
        if (zone >= 0) {
            h = h.substring(0, zone);
        }
        if (!NetUtil.isValidIpV4Address(h) && !NetUtil.isValidIpV6Address(h)) {
            return null;
        }
        byte[] bytes = NetUtil.createByteArrayFromIpAddressString(h);
        if (bytes == null) {
            return null;
        }
        try {
            return InetAddress.getByAddress(bytes);
        } catch (java.net.UnknownHostException e) {
            return null;
        }
    }

    /**
     * Whether the DNS name {@code pattern} from a certificate matches {@code host}: case-insensitive,
     * trailing dots ignored, a wildcard only as the whole left-most label and matching exactly one label,
     * never across a public-suffix-like two-label rest ({@code *.com} matches nothing).
     */
    static boolean dnsNameMatches(String pattern, String host) {
        String p = normalize(pattern);
        String h = normalize(host);
        if (p == null || h == null) {
            return false;
        }
        if (!p.startsWith("*.")) {
            return p.equals(h);
        }
        String rest = p.substring(2);
        if (rest.indexOf('.') < 0 || rest.contains("*")) {
            return false;
        }
        int dot = h.indexOf('.');
        return dot > 0 && h.substring(dot + 1).equals(rest);
    }

    private static String normalize(String name) {
        if (name == null) {
            return null;
        }
        String n = name.trim();
        if (n.endsWith(".")) {
            n = n.substring(0, n.length() - 1);
        }
        if (n.isEmpty()) {
            return null;
        }
        try {
            n = IDN.toASCII(n, IDN.ALLOW_UNASSIGNED);
        } catch (IllegalArgumentException e) {
            // keep the name as written; it then only matches itself
        }
        return n.toLowerCase(Locale.ROOT);
    }
}
