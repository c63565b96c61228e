package dev.rdpprobe.exporter;

import dev.rdpprobe.core.target.Target;
import io.netty.util.NetUtil;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The targets {@code /probe} may reach, so that an exporter that others can reach cannot be used to scan arbitrary
 * hosts: networks in CIDR notation ({@code 10.0.0.0/8}, {@code 2001:db8::/32}, a bare address for itself), exact
 * host names ({@code rds01.example.com}) and name suffixes ({@code *.example.com}, which matches every name below
 * example.com but not example.com itself). A name is judged as written in the target; an IP literal only by the
 * networks. Names match without regard to case and to a trailing dot. An empty list allows every target.
 */
final class TargetAllowList {

    /** The list that allows every target (no {@code allow:} key). */
    static final TargetAllowList ANY = new TargetAllowList(List.of(), List.of(), List.of(), List.of());

    private final List<byte[]> networks;
    private final List<Integer> prefixes;
    private final List<String> names;
    private final List<String> suffixes;

    private TargetAllowList(List<byte[]> networks, List<Integer> prefixes, List<String> names, List<String> suffixes) {
        this.networks = networks;
        this.prefixes = prefixes;
        this.names = names;
        this.suffixes = suffixes;
    }

    /**
     * The list of these entries.
     *
     * @throws IllegalArgumentException naming an entry that is none of the three forms
     */
    static TargetAllowList of(List<String> entries) {
        List<byte[]> networks = new ArrayList<>();
        List<Integer> prefixes = new ArrayList<>();
        List<String> names = new ArrayList<>();
        List<String> suffixes = new ArrayList<>();
        for (String raw : entries) {
            String entry = raw.strip();
            int slash = entry.indexOf('/');
            String address = slash >= 0 ? entry.substring(0, slash) : entry;
            if (NetUtil.isValidIpV4Address(address) || NetUtil.isValidIpV6Address(address)) {
                byte[] bytes = NetUtil.createByteArrayFromIpAddressString(address);
                int prefix = bytes.length * 8;
                if (slash >= 0) {
                    String bits = entry.substring(slash + 1);
                    if (!bits.matches("\\d{1,3}") || Integer.parseInt(bits) > bytes.length * 8) {
                        throw new IllegalArgumentException("'" + raw + "': the prefix length must be 0.." + bytes.length * 8);
                    }
                    prefix = Integer.parseInt(bits);
                }
                networks.add(bytes);
                prefixes.add(prefix);
            } else if (slash >= 0) {
                throw new IllegalArgumentException("'" + raw + "' is not a network; write ADDRESS/BITS, e.g. 10.0.0.0/8");
            } else if (entry.startsWith("*.") && isName(entry.substring(2))) {
                suffixes.add("." + normal(entry.substring(2)));
            } else if (isName(entry)) {
                names.add(normal(entry));
            } else {
                throw new IllegalArgumentException("'" + raw + "' is neither a network (10.0.0.0/8), a host name (rds01.example.com) "
                        + "nor a name suffix (*.example.com)");
            }
        }
        return new TargetAllowList(List.copyOf(networks), List.copyOf(prefixes), List.copyOf(names), List.copyOf(suffixes));
    }

    /** Whether this list allows every target. */
    boolean allowsAny() {
        return networks.isEmpty() && names.isEmpty() && suffixes.isEmpty();
    }

    /** Whether {@code target} may be probed. */
    boolean allows(Target target) {
        if (allowsAny()) {
            return true;
        }
        if (target.isIpLiteral()) {
            byte[] address = literal(target.host());
            for (int i = 0; i < networks.size(); i++) {
                if (inNetwork(address, networks.get(i), prefixes.get(i))) {
                    return true;
                }
            }
            return false;
        }
        String name = normal(target.host());
        return names.contains(name) || suffixes.stream().anyMatch(name::endsWith);
    }

    private static byte[] literal(String host) {
        try {
            // an IP literal: no lookup happens; an IPv4-mapped IPv6 address becomes the IPv4 address
            return InetAddress.getByName(host).getAddress();
        } catch (UnknownHostException e) {
            return new byte[0];
        }
    }

    private static boolean inNetwork(byte[] address, byte[] network, int prefix) {
        if (address.length != network.length) {
            return false;
        }
        int full = prefix / 8;
        for (int i = 0; i < full; i++) {
            if (address[i] != network[i]) {
                return false;
            }
        }
        int rest = prefix % 8;
        if (rest == 0) {
            return true;
        }
        int mask = (0xFF << (8 - rest)) & 0xFF;
        return (address[full] & mask) == (network[full] & mask);
    }

    private static boolean isName(String s) {
        return !s.isEmpty() && s.length() <= 253 && s.matches("[A-Za-z0-9_]([A-Za-z0-9_-]{0,62})(\\.[A-Za-z0-9_]([A-Za-z0-9_-]{0,62}))*\\.?");
    }

    private static String normal(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return lower.endsWith(".") ? lower.substring(0, lower.length() - 1) : lower;
    }
}
