package dev.breezeway.session;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;

/**
 * Session tokens: {@code breez} followed by 32 base-32 characters carrying 160 bits from a CSPRNG,
 * e.g. {@code breezq3k…}; the store keeps only their SHA-256.
 */
public final class Tokens {
    private static final char[] ALPHABET = "abcdefghijklmnopqrstuvwxyz234567".toCharArray();
    private static final int TOKEN_BYTES = 20;
    private final SecureRandom random = new SecureRandom();

    public String newToken() {
        byte[] bytes = new byte[TOKEN_BYTES];
        random.nextBytes(bytes);
        return "breez" + base32(bytes);
    }

    /** Base-32 in the tokens' alphabet; a length that is a multiple of 5 bytes loses no bits. */
    static String base32(byte[] bytes) {
        StringBuilder sb = new StringBuilder(bytes.length * 8 / 5 + 1);
        int buffer = 0;
        int bits = 0;
        for (byte b : bytes) {
            buffer = (buffer << 8) | (b & 0xff);
            bits += 8;
            while (bits >= 5) {
                sb.append(ALPHABET[(buffer >> (bits - 5)) & 31]);
                bits -= 5;
            }
        }
        return sb.toString();
    }

    /** The bytes behind {@link #base32}, for a length that is a multiple of 8 characters; empty if not base-32. */
    static java.util.Optional<byte[]> fromBase32(String s) {
        if (s.length() % 8 != 0) {
            return java.util.Optional.empty();
        }
        byte[] out = new byte[s.length() * 5 / 8];
        int buffer = 0;
        int bits = 0;
        int n = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            int v = c >= 'a' && c <= 'z' ? c - 'a' : c >= '2' && c <= '7' ? c - '2' + 26 : -1;
            if (v < 0) {
                return java.util.Optional.empty();
            }
            buffer = (buffer << 5) | v;
            bits += 5;
            if (bits >= 8) {
                out[n++] = (byte) (buffer >> (bits - 8));
                bits -= 8;
            }
        }
        return java.util.Optional.of(out);
    }

    /** SHA-256 of the token's UTF-8 bytes: what the database stores and looks up. */
    public static byte[] hash(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /** True if {@code s} could be a token we issued; anything else is never looked up. */
    public static boolean plausible(String s) {
        if (s.length() < 10 || s.length() > 128) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c >= 'A' && c <= 'Z' || c == '-' || c == '_')) {
                return false;
            }
        }
        return true;
    }
}
