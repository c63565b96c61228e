package dev.rdpprobe.core.target;

import java.util.Arrays;
import java.util.Objects;
import javax.security.auth.Destroyable;

/**
 * An account to check against the server's Network Level Authentication: a user name, its domain and a
 * password. The password is held as a {@code char[]} copy, handed out only as a copy, never printed
 * ({@link #toString()} shows the account name alone), never serialised (the class is not
 * {@link java.io.Serializable}) and overwritten by {@link #destroy()}. Equality is identity: two objects are
 * never compared by their passwords.
 *
 * <p>A probe sends an NTLMv2 response computed from the password, never the password itself, and never
 * delegates it (see {@code ProbeOptions.Builder#credentials}). Destroy the object once the probes that
 * use it have finished; a destroyed object makes further checks report that they had no credentials.
 */
public final class Credentials implements Destroyable {

    /** Longest user or domain name accepted (Windows: 104 characters for a user principal name). */
    public static final int MAX_NAME_LENGTH = 256;

    private final String user;
    private final String domain;
    private final char[] password;
    private volatile boolean destroyed;

    private Credentials(String user, String domain, char[] password) {
        this.user = checkName(user, "user");
        this.domain = checkName(Objects.requireNonNull(domain, "domain"), "domain");
        if (user.isEmpty()) {
            throw new IllegalArgumentException("the user name must not be empty");
        }
        this.password = Objects.requireNonNull(password, "password").clone();
    }

    private static String checkName(String name, String what) {
        Objects.requireNonNull(name, what);
        if (name.length() > MAX_NAME_LENGTH) {
            throw new IllegalArgumentException("the " + what + " name is longer than " + MAX_NAME_LENGTH + " characters");
        }
        for (int i = 0; i < name.length(); i++) {
            if (Character.isISOControl(name.charAt(i))) {
                throw new IllegalArgumentException("the " + what + " name contains a control character at index " + i);
            }
        }
        return name;
    }

    /**
     * Credentials of {@code user} in {@code domain}.
     *
     * @param user the user name, not empty
     * @param domain the domain or computer name ("" for the server's own accounts)
     * @param password the password; copied (the caller should wipe its array)
     */
    public static Credentials of(String user, String domain, char[] password) {
        return new Credentials(user, domain, password);
    }

    /**
     * Credentials from an account as people write it: {@code DOMAIN\name}, or {@code name} alone (the
     * server's own accounts). A user principal name {@code name@domain} is kept whole as the user name with
     * an empty domain, which is how the Windows client sends one in NTLM.
     *
     * @param account the account
     * @param password the password; copied (the caller should wipe its array)
     * @throws IllegalArgumentException if the account is empty or has an empty part
     */
    public static Credentials parse(String account, char[] password) {
        Objects.requireNonNull(account, "account");
        int slash = account.indexOf('\\');
        if (slash < 0) {
            return new Credentials(account, "", password);
        }
        String domain = account.substring(0, slash);
        String user = account.substring(slash + 1);
        if (domain.isEmpty() || user.isEmpty() || user.indexOf('\\') >= 0) {
            throw new IllegalArgumentException("write the account as DOMAIN\\name, name@domain or name");
        }
        return new Credentials(user, domain, password);
    }

    /** The user name. */
    public String user() {
        return user;
    }

    /** The domain ("" for none). */
    public String domain() {
        return domain;
    }

    /** The account as people write it: {@code DOMAIN\name}, or the user name alone without a domain. */
    public String account() {
        return domain.isEmpty() ? user : domain + "\\" + user;
    }

    /**
     * A copy of the password, which the caller wipes ({@code Arrays.fill(copy, '\0')}) as soon as it is done.
     *
     * @throws IllegalStateException once {@link #destroy()}ed
     */
    public char[] copyPassword() {
        if (destroyed) {
            throw new IllegalStateException("these credentials were destroyed");
        }
        synchronized (password) {
            return password.clone();
        }
    }

    /** Overwrites the password; the object is unusable afterwards. */
    @Override
    public void destroy() {
        destroyed = true;
        synchronized (password) {
            Arrays.fill(password, '\0');
        }
    }

    @Override
    public boolean isDestroyed() {
        return destroyed;
    }

    /** The account only; the password never. */
    @Override
    public String toString() {
        return "Credentials[account=" + account() + ", password=(not shown)" + (destroyed ? ", destroyed" : "") + "]";
    }
}
