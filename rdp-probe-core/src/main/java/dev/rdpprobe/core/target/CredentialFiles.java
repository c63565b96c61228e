package dev.rdpprobe.core.target;

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
 * Reads a password, or an account and its password, from a file that only its owner may read or write
 * ({@code chmod 600}), as a service or a scheduled check keeps them: UTF-8, at most {@value #MAX_SIZE} bytes.
 * A file that group or others may read or write is refused (on a file system with POSIX permissions). Every
 * byte and char read is wiped once the result is made; no message names the password or any part of it.
 *
 * <p>Each method throws {@link IllegalArgumentException} with a message that starts with the file's path and
 * says what to fix: missing or not a regular file, readable by others (and the {@code chmod} that mends it),
 * too big, not UTF-8, or without the lines it needs.
 */
public final class CredentialFiles {

    /** The largest file read: an account and a password, with room to spare. */
    public static final int MAX_SIZE = 4096;

    private CredentialFiles() {
    }

    /**
     * The password on the first line of {@code file} (what follows a line break is ignored). The caller wipes
     * the array when done.
     *
     * @param file the file
     * @return the password, possibly empty
     * @throws IllegalArgumentException saying what to fix
     */
    public static char[] readPassword(Path file) {
        char[] text = readOwnerOnly(file, "it should hold one password");
        try {
            return Arrays.copyOf(text, lineEnd(text, 0));
        } finally {
            Arrays.fill(text, '\0');
        }
    }

    /**
     * The credentials in {@code file}: the account on its first line ({@code DOMAIN\name}, {@code name@domain}
     * or {@code name}, as {@link Credentials#parse} reads it), the password on its second. The caller destroys
     * the result when its probes are done.
     *
     * @param file the file
     * @return the credentials
     * @throws IllegalArgumentException saying what to fix
     */
    public static Credentials readCredentials(Path file) {
        char[] text = readOwnerOnly(file, "it holds two lines, the account and the password");
        try {
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
                throw new IllegalArgumentException(file + ": the account on its first line: " + e.getMessage(), e);
            } finally {
                Arrays.fill(password, '\0');
            }
        } finally {
            Arrays.fill(text, '\0');
        }
    }

    /** The whole file as text, after the checks; {@code holds} says what a file too big should hold instead. */
    private static char[] readOwnerOnly(Path file, String holds) {
        try {
            if (!Files.isRegularFile(file)) {
                throw new IllegalArgumentException(file + " is not a readable file");
            }
            refuseIfOthersMayUse(file);
            if (Files.size(file) > MAX_SIZE) {
                throw new IllegalArgumentException(file + " is over " + MAX_SIZE + " bytes; " + holds);
            }
            byte[] bytes = Files.readAllBytes(file);
            try {
                CharBuffer decoded = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes));
                char[] chars = new char[decoded.remaining()];
                decoded.get(chars);
                Arrays.fill(decoded.array(), '\0');
                return chars;
            } finally {
                Arrays.fill(bytes, (byte) 0);
            }
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException(file + " is not UTF-8 text");
        } catch (IOException e) {
            throw new IllegalArgumentException(file + " cannot be read: " + e.getClass().getSimpleName());
        }
    }

    private static void refuseIfOthersMayUse(Path file) throws IOException {
        Set<PosixFilePermission> permissions;
        try {
            permissions = Files.getPosixFilePermissions(file);
        } catch (UnsupportedOperationException notPosix) {
            return; // a file system without POSIX permissions: nothing to check
        }
        for (PosixFilePermission p : permissions) {
            if (p.name().startsWith("GROUP") || p.name().startsWith("OTHERS")) {
                throw new IllegalArgumentException(file + " is readable or writable by others ("
                        + PosixFilePermissions.toString(permissions) + "); run chmod 600 " + file);
            }
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
        int i = at;
        if (i < text.length && text[i] == '\r') {
            i++;
        }
        if (i < text.length && text[i] == '\n') {
            i++;
        }
        return i;
    }
}
