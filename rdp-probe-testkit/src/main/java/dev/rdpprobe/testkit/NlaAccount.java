package dev.rdpprobe.testkit;

import java.util.Locale;
import java.util.Objects;

/**
 * An account of the fake NLA server's user table: who may authenticate, with which password, and what the
 * server answers once the NTLMv2 response has verified against that password.
 *
 * @param user the user name (compared case-insensitively, as Windows does)
 * @param domain the domain the client must name (compared case-insensitively), or {@code null} for any
 * @param password the password (test data; never printed by {@link #toString()})
 * @param answer what the server answers when the response verifies
 */
public record NlaAccount(String user, String domain, String password, NlaAnswer answer) {

    /** Checks presence. */
    public NlaAccount {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(answer, "answer");
    }

    /** An account of any domain that is accepted with this password. */
    public static NlaAccount accepting(String user, String password) {
        return new NlaAccount(user, null, password, new NlaAnswer.Accept());
    }

    /** An account of any domain whose verified response is answered with {@code answer} (a lockout, an expiry, …). */
    public static NlaAccount answering(String user, String password, NlaAnswer answer) {
        return new NlaAccount(user, null, password, answer);
    }

    /** Whether a client naming {@code clientUser} in {@code clientDomain} means this account. */
    boolean matches(String clientUser, String clientDomain) {
        return user.toLowerCase(Locale.ROOT).equals(clientUser.toLowerCase(Locale.ROOT))
                && (domain == null || domain.equalsIgnoreCase(clientDomain));
    }

    /** The account without its password. */
    @Override
    public String toString() {
        return "NlaAccount[user=" + user + ", domain=" + (domain == null ? "any" : domain) + ", password=(not shown), answer=" + answer + "]";
    }
}
