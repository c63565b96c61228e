package dev.rdpprobe.core.outcome;

import java.util.Objects;

/**
 * One subject alternative name of a certificate (RFC 5280 GeneralName).
 *
 * @param type which kind of name
 * @param value the name: a DNS name, an IP address in its usual text form (hex when it is neither IPv4 nor
 *     IPv6), an email address, a URI, a DN (RFC 4514), an OID, for {@link Type#OTHER_NAME}
 *     {@code oid[=value]}, for {@link Type#OTHER} {@code tag:value} (the GeneralName's tag number first)
 */
public record SubjectAltName(Type type, String value) {

    /** The kinds of GeneralName, with the prefix used when a SAN is written as text ({@code DNS:rds01}). */
    public enum Type {
        /** dNSName. */
        DNS("DNS"),
        /** iPAddress. */
        IP("IP"),
        /** rfc822Name. */
        EMAIL("email"),
        /** uniformResourceIdentifier. */
        URI("URI"),
        /** directoryName. */
        DIRECTORY_NAME("DirName"),
        /** registeredID. */
        REGISTERED_ID("RID"),
        /** otherName (e.g. a UPN). */
        OTHER_NAME("otherName"),
        /** x400Address, ediPartyName or a tag this model does not name. */
        OTHER("type");

        private final String prefix;

        Type(String prefix) {
            this.prefix = prefix;
        }

        /** The prefix of the text form, e.g. {@code DNS} or {@code email}. */
        public String prefix() {
            return prefix;
        }
    }

    public SubjectAltName {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(value, "value");
    }

    /** A dNSName. */
    public static SubjectAltName dns(String name) {
        return new SubjectAltName(Type.DNS, name);
    }

    /** An iPAddress. */
    public static SubjectAltName ip(String address) {
        return new SubjectAltName(Type.IP, address);
    }

    /**
     * Reads the {@link #toString() text form} back ({@code DNS:rds01.example.com}, {@code type4:…}), as stored
     * outcomes carry it.
     *
     * @throws IllegalArgumentException for text of no known form, naming the accepted prefixes
     */
    public static SubjectAltName parse(String text) {
        Objects.requireNonNull(text, "text");
        String other = Type.OTHER.prefix();
        if (text.startsWith(other) && text.length() > other.length() && Character.isDigit(text.charAt(other.length()))) {
            return new SubjectAltName(Type.OTHER, text.substring(other.length()));
        }
        int colon = text.indexOf(':');
        if (colon > 0) {
            String prefix = text.substring(0, colon);
            for (Type type : Type.values()) {
                if (type != Type.OTHER && type.prefix().equals(prefix)) {
                    return new SubjectAltName(type, text.substring(colon + 1));
                }
            }
        }
        throw new IllegalArgumentException("'" + text + "' is not a subject alternative name's text form; write PREFIX:value"
                + " with a prefix of DNS, IP, email, URI, DirName, RID, otherName, or typeN… for another type");
    }

    /**
     * The text form, {@code DNS:rds01.example.com}, {@code IP:10.0.0.5}, {@code email:…}, {@code type4:…} for
     * {@link Type#OTHER} (what the JSON carries).
     */
    @Override
    public String toString() {
        return type == Type.OTHER ? type.prefix + value : type.prefix + ":" + value;
    }
}
