package dev.rdpprobe.testkit.hardening;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * Finds a secret byte string in text, in the encodings a careless {@code toString} or log line would use:
 * hex (lower and upper case, bare or with space, colon or dash between bytes), any 6-byte window of it in bare
 * hex (a truncated dump), Base64 (standard, URL-safe, with or without padding), {@code Arrays.toString}
 * (signed) and an unsigned decimal list, and the raw bytes read as Latin-1 or UTF-8 text.
 */
final class SecretScan {

    static final int WINDOW = 6;

    private SecretScan() {
    }

    /** The encodings of {@code secret} found in {@code text}, named; empty if none. */
    static List<String> find(byte[] secret, String text) {
        List<String> found = new ArrayList<>();
        String lower = text.toLowerCase(Locale.ROOT);
        for (String delimiter : new String[] {"", " ", ":", "-"}) {
            String hex = HexFormat.ofDelimiter(delimiter).formatHex(secret);
            if (lower.contains(hex)) {
                found.add("hex" + (delimiter.isEmpty() ? "" : " with '" + delimiter + "'"));
            }
        }
        String bare = HexFormat.of().formatHex(secret);
        for (int i = 0; i + 2 * WINDOW <= bare.length(); i += 2) {
            if (lower.contains(bare.substring(i, i + 2 * WINDOW))) {
                found.add("hex window at byte " + i / 2);
                break;
            }
        }
        for (Base64.Encoder encoder : new Base64.Encoder[] {Base64.getEncoder(), Base64.getUrlEncoder(),
            Base64.getEncoder().withoutPadding(), Base64.getUrlEncoder().withoutPadding()}) {
            if (text.contains(encoder.encodeToString(secret))) {
                found.add("base64");
            }
        }
        if (text.contains(Arrays.toString(secret))) {
            found.add("Arrays.toString");
        }
        StringBuilder unsigned = new StringBuilder("[");
        for (int i = 0; i < secret.length; i++) {
            unsigned.append(i == 0 ? "" : ", ").append(secret[i] & 0xFF);
        }
        if (text.contains(unsigned.append(']'))) {
            found.add("unsigned decimal list");
        }
        if (text.contains(new String(secret, StandardCharsets.ISO_8859_1))) {
            found.add("raw Latin-1");
        }
        if (text.contains(new String(secret, StandardCharsets.UTF_8))) {
            found.add("raw UTF-8");
        }
        return found;
    }
}
