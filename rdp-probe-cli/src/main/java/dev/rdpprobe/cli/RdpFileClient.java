package dev.rdpprobe.cli;

import dev.rdpprobe.core.RdpProber;
import dev.rdpprobe.core.outcome.SecurityProtocol;
import dev.rdpprobe.core.outcome.SecurityProtocolSet;
import dev.rdpprobe.core.target.Target;
import java.util.Optional;

/**
 * The client a connection file describes, in the probe's terms: where it connects, which security
 * protocols it asks for, which mstshash cookie it sends, and the settings that explain a result
 * (server authentication, gateway, alternate address, saved password).
 *
 * <p>Mapping, as mstsc reads the file:
 * <ul>
 *   <li>{@code full address:s:} is the target ({@code host}, {@code host:port}, {@code [v6]:port}, a
 *       bare IPv6 address); {@code server port:i:} gives the port when the full address has none.</li>
 *   <li>{@code enablecredsspsupport:i:0} offers no NLA: the request is SSL alone (Standard RDP Security,
 *       which has no bit, stays an admissible answer either way; {@code negotiate security layer:i:0}
 *       says this client would not accept it). Otherwise the request is what mstsc asks for,
 *       SSL | HYBRID | HYBRID_EX.</li>
 *   <li>{@code username:s:} is the cookie as Windows clients make it: the login name (the part after
 *       {@code DOMAIN\}) cut to nine characters (MS-RDPBCGR 3.2.5.3.1); a name that is not printable
 *       ASCII leaves the probe's default cookie.</li>
 * </ul>
 * An option given on the command line ({@code --protocols}, {@code --cookie}, {@code --no-cookie})
 * wins over the file.
 *
 * @param file the file
 * @param target where the file connects
 * @param credsspEnabled the file's {@code enablecredsspsupport} (absent: enabled)
 * @param negotiateSecurityLayer the file's {@code negotiate security layer} (absent: enabled)
 * @param authenticationLevel the file's {@code authentication level}, if it has one
 * @param cookie the cookie its user name gives, if it gives one
 * @param cookieProblem why its user name gives no cookie, if it has one that cannot be sent
 */
public record RdpFileClient(RdpFile file, Target target, boolean credsspEnabled, boolean negotiateSecurityLayer,
        Optional<Integer> authenticationLevel, Optional<String> cookie, Optional<String> cookieProblem) {

    /** The longest mstshash identifier a Windows client sends: the login name cut to nine characters. */
    static final int WINDOWS_COOKIE_LENGTH = 9;

    /**
     * Interprets a parsed file.
     *
     * @throws IllegalArgumentException when the file names no usable target, saying what to fix
     */
    public static RdpFileClient of(RdpFile file) {
        RdpFile.Setting address = file.get("full address")
                .orElseThrow(() -> new IllegalArgumentException(file.source()
                        + " has no 'full address:s:' line; it names no computer to connect to"));
        if (address.type() != RdpFile.Type.STRING || address.value().isBlank()) {
            throw new IllegalArgumentException(file.source() + " line " + address.line()
                    + ": 'full address' must be a string naming the computer, as in full address:s:rds01.example.com");
        }
        Target target;
        try {
            target = Target.parse(address.value());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file.source() + " line " + address.line() + ": full address: " + e.getMessage());
        }
        Optional<RdpFile.Setting> port = file.get("server port");
        if (port.isPresent() && !hasPort(address.value().strip())) {
            RdpFile.Setting p = integer(file, port.get());
            if (p.intValue() < 1 || p.intValue() > 65535) {
                throw new IllegalArgumentException(file.source() + " line " + p.line() + ": server port " + p.value()
                        + " is out of range; use 1..65535");
            }
            target = Target.of(target.host(), p.intValue());
        }
        boolean credssp = file.get("enablecredsspsupport").map(s -> integer(file, s).intValue() != 0).orElse(true);
        boolean negotiate = file.get("negotiate security layer").map(s -> integer(file, s).intValue() != 0).orElse(true);
        Optional<Integer> level = file.get("authentication level").map(s -> integer(file, s).intValue());
        file.get("gatewayusagemethod").ifPresent(s -> integer(file, s));
        String user = file.get("username").map(RdpFile.Setting::value).map(String::strip).orElse("");
        Optional<String> cookie = Optional.empty();
        Optional<String> problem = Optional.empty();
        if (!user.isEmpty()) {
            String login = cookieOf(user);
            if (login.chars().allMatch(c -> c >= 0x21 && c <= 0x7E) && !login.isEmpty()) {
                cookie = Optional.of(login);
            } else {
                problem = Optional.of("it is not printable ASCII without spaces, which the cookie must be");
            }
        }
        return new RdpFileClient(file, target, credssp, negotiate, level, cookie, problem);
    }

    /** The mstshash identifier a Windows client makes of a user name: the login name after {@code DOMAIN\}, at most nine characters. */
    static String cookieOf(String userName) {
        String login = userName.substring(userName.lastIndexOf('\\') + 1);
        return login.length() <= WINDOWS_COOKIE_LENGTH ? login : login.substring(0, login.offsetByCodePoints(0,
                Math.min(WINDOWS_COOKIE_LENGTH, login.codePointCount(0, login.length()))));
    }

    /** The protocols this client requests: SSL alone without NLA, else what mstsc asks for. */
    public SecurityProtocolSet requestedProtocols() {
        return credsspEnabled ? SecurityProtocolSet.DEFAULT_REQUEST : SecurityProtocolSet.of(SecurityProtocol.SSL);
    }

    /**
     * Sets the builder as this client would connect, except where the command line said otherwise.
     *
     * @param builder the builder made from the command-line options
     * @param protocolsGiven whether {@code --protocols} was given (it wins)
     * @param cookieGiven whether {@code --cookie} or {@code --no-cookie} was given (it wins)
     */
    public void applyTo(RdpProber.Builder builder, boolean protocolsGiven, boolean cookieGiven) {
        if (!protocolsGiven) {
            builder.requestedProtocols(requestedProtocols());
        }
        if (!cookieGiven && cookie.isPresent()) {
            builder.cookie(cookie.get());
        }
    }

    /** Whether {@code address} carries a port: {@code host:port} or {@code [v6]:port}, not a bare IPv6 address. */
    static boolean hasPort(String address) {
        if (address.startsWith("[")) {
            int close = address.indexOf(']');
            return close >= 0 && address.startsWith(":", close + 1);
        }
        int colon = address.indexOf(':');
        return colon >= 0 && colon == address.lastIndexOf(':');
    }

    private static RdpFile.Setting integer(RdpFile file, RdpFile.Setting s) {
        if (s.type() != RdpFile.Type.INTEGER) {
            throw new IllegalArgumentException(file.source() + " line " + s.line() + ": '" + s.name()
                    + "' must be an integer setting, as in " + s.name() + ":i:1");
        }
        return s;
    }
}
