package dev.rdpprobe.cli;

import dev.rdpprobe.core.RdpProber;
import dev.rdpprobe.core.target.CredentialFiles;
import dev.rdpprobe.core.target.Credentials;
import java.io.Console;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import picocli.CommandLine.Option;

/**
 * The credential check's options: {@code --user}, where the password comes from (a prompt without echo,
 * {@code --password-env NAME} or {@code --password-file FILE}; never a command-line value, which other users
 * can read in the process list), {@code --trust-thumbprint} and the opt-in for unverified servers.
 */
final class CredentialOptions {

    @Option(names = "--user", paramLabel = "ACCOUNT", order = 50,
            description = "Check these credentials at the server's NLA: DOMAIN\\name, name@domain or name. The password is asked "
                    + "for without echo unless --password-env or --password-file gives it. The probe sends an NTLMv2 response "
                    + "(never the password) and never delegates credentials (CredSSP authInfo is never sent).")
    String user;

    @Option(names = "--password-env", paramLabel = "NAME", order = 51,
            description = "Read the password of --user from the environment variable NAME.")
    String passwordEnv;

    @Option(names = "--password-file", paramLabel = "FILE", order = 52,
            description = "Read the password of --user from FILE (its first line); the file must not be readable by group or others (chmod 600).")
    Path passwordFile;

    @Option(names = "--trust-thumbprint", paramLabel = "HEX", order = 53,
            description = "Trust the server certificate with this SHA-1 or SHA-256 thumbprint for the credential check (as the report "
                    + "prints it; colons and any case allowed; repeatable). By default credentials go only to a trusted or pinned certificate.")
    List<String> thumbprints;

    @Option(names = "--send-credentials-to-unverified-server", order = 54,
            description = "DANGEROUS: run the credential check even when the certificate is neither trusted nor pinned. Whoever "
                    + "answered (the server or anything in between) can try to crack the password offline from the NTLMv2 response.")
    boolean sendToUnverified;

    /** Whether the user asked for a credential check. */
    boolean requested() {
        return user != null;
    }

    /**
     * The credentials, with the password read from its source, or {@code null} without {@code --user}. The caller
     * destroys them when the probes are done.
     *
     * @param environment reads an environment variable
     * @param console the console to prompt on, or {@code null} when there is none
     * @throws IllegalArgumentException with a message that says what to fix
     */
    Credentials credentials(Function<String, String> environment, Console console) {
        if (user == null) {
            if (passwordEnv != null || passwordFile != null || thumbprints != null || sendToUnverified) {
                throw new IllegalArgumentException("--password-env, --password-file, --trust-thumbprint and "
                        + "--send-credentials-to-unverified-server belong to the credential check; give --user ACCOUNT too");
            }
            return null;
        }
        if (user.isBlank()) {
            throw new IllegalArgumentException("--user is empty; write DOMAIN\\name, name@domain or name");
        }
        if (passwordEnv != null && passwordFile != null) {
            throw new IllegalArgumentException("--password-env and --password-file both give the password; give one");
        }
        char[] password = passwordEnv != null ? fromEnvironment(environment) : passwordFile != null ? fromFile(passwordFile)
                : fromPrompt(console);
        try {
            return Credentials.parse(user, password);
        } finally {
            Arrays.fill(password, '\0');
        }
    }

    /** Sets the credential options on the builder. */
    void applyTo(RdpProber.Builder builder, Credentials credentials) {
        builder.credentials(credentials);
        if (thumbprints != null) {
            for (String hex : thumbprints) {
                builder.trustThumbprint(hex);
            }
        }
        builder.sendCredentialsToUnverifiedServer(sendToUnverified);
    }

    private char[] fromEnvironment(Function<String, String> environment) {
        String value = environment.apply(passwordEnv);
        if (value == null) {
            throw new IllegalArgumentException("--password-env " + passwordEnv + ": no such environment variable");
        }
        return value.toCharArray();
    }

    private static char[] fromPrompt(Console console) {
        if (console == null) {
            throw new IllegalArgumentException("--user needs a password, and there is no terminal to ask for it; "
                    + "use --password-env NAME or --password-file FILE");
        }
        char[] password = console.readPassword("Password: ");
        if (password == null) {
            throw new IllegalArgumentException("no password was typed (end of input)");
        }
        return password;
    }

    /** The first line of the file, refused when group or others may read or write it (see {@link CredentialFiles}). */
    static char[] fromFile(Path file) {
        try {
            return CredentialFiles.readPassword(file);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--password-file " + e.getMessage(), e);
        }
    }
}
