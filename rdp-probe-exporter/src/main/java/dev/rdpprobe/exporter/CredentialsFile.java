package dev.rdpprobe.exporter;

import dev.rdpprobe.core.target.Credentials;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.Set;

/**
 * A module's {@code credentials_file}: two lines, the account ({@code DOMAIN\name} or {@code name@domain}) and the
 * password, UTF-8, readable by its owner only ({@code chmod 600}). The password goes into a {@link Credentials}
 * object; every byte and char read is wiped. No message names the password or any part of it.
 */
final class CredentialsFile {

    /** The largest file accepted: an account and a password, with room to spare. */
    static final int MAX_SIZE = 4096;

    private CredentialsFile() {
    }

    /**
     * Reads the file.
     *
     * @throws IllegalArgumentException saying what to fix (missing, readable by others, too big, not two lines)
     */
    static Credentials load(Path file) {
        try {
            if (!Files.isRegularFile(file)) {
                throw new IllegalArgumentException(file + " is not a readable file");
            }
            try {
                Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
                for (PosixFilePermission p : permissions) {
                    if (p.name().startsWith("GROUP") || p.name().startsWith("OTHERS")) {
                        throw new IllegalArgumentException(file + " is readable or writable by others ("
                                + PosixFilePermissions.toString(permissions) + "); run chmod 600 " + file);
                    }
                }
            } catch (UnsupportedOperationException notPosix) {
                // a file system without POSIX permissions: nothing to check
            }
            if (Files.size(file) > MAX_SIZE) {
                throw new IllegalArgumentException(file + " is over " + MAX_SIZE + " bytes; it holds two lines, the account and the password");
            }
            byte[] bytes = Files.readAllBytes(file);
            char[] chars = null;
            try {
                CharBuffer decoded = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes));
                chars = new char[decoded.remaining()];
                decoded.get(chars);
                Arrays.fill(decoded.array(), '\0');
                return credentials(file, chars);
            } finally {
                Arrays.fill(bytes, (byte) 0);
                if (chars != null) {
                    Arrays.fill(chars, '\0');
                }
            }
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException(file + " is not UTF-8 text");
        } catch (IOException e) {
            throw new IllegalArgumentException(file + " cannot be read: " + e.getClass().getSimpleName());
        }
    }

    private static Credentials credentials(Path file, char[] text) {
        int firstEnd = lineEnd(text, 0);
        String account = new String(text, 0, firstEnd).strip();
        int second = skipLineBreak(text, firstEnd);
        int secondEnd = lineEnd(text, second);
        if (account.isEmpty() || second >= text.length || secondEnd == second) {
            throw new IllegalArgumentException(file + " needs two lines: the account (DOMAIN\\name or name@domain), then the password");
        }
        char[] password = Arrays.copyOfRange(text, second, secondEnd);
        try {
            return Credentials.parse(account, password);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": the account on its first line: " + e.getMessage());
        } finally {
            Arrays.fill(password, '\0');
        }
    }

    private static int lineEnd(char[] text, int from) {
        int i = from;
        while (i < text.length && text[i] != '\n' && text[i] != '\r') {
            i++;
        }
        return i;
    }

    private static int skipLineBreak(char[] text, int at) {
        if (at < text.length && text[at] == '\r') {
            at++;
        }
        if (at < text.length && text[at] == '\n') {
            at++;
        }
        return at;
    }
}
