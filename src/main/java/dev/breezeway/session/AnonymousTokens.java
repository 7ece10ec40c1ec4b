package dev.breezeway.session;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * The anonymous tokens common-info hands out, stored nowhere until a login binds one: {@code breez} and
 * the base-32 of 20 random bytes, the issue time (5 bytes of epoch seconds) and the first 15 bytes of an
 * HMAC-SHA256 of both under the server key, e.g. {@code breezq3k…} (69 characters in all). The MAC lets a
 * login tell a token we issued from one a client made up, without a database row per common-info.
 */
public final class AnonymousTokens {
    private static final byte[] PURPOSE = "breezeway anonymous session token v1\0".getBytes(StandardCharsets.US_ASCII);
    private static final int RANDOM = 20;
    private static final int TIME = 5;
    private static final int MAC = 15;
    private final UnaryOperator<byte[]> hmac;
    private final SecureRandom random = new SecureRandom();

    /** @param hmac HMAC-SHA256 under the server key ({@code SecretBox::mac}) */
    public AnonymousTokens(UnaryOperator<byte[]> hmac) {
        this.hmac = hmac;
    }

    /** A new anonymous token issued at {@code now}. */
    public String issue(Instant now) {
        ByteBuffer b = ByteBuffer.allocate(RANDOM + TIME + MAC);
        byte[] nonce = new byte[RANDOM];
        random.nextBytes(nonce);
        b.put(nonce);
        long seconds = now.getEpochSecond();
        for (int shift = 8 * (TIME - 1); shift >= 0; shift -= 8) {
            b.put((byte) (seconds >>> shift));
        }
        byte[] signed = Arrays.copyOf(b.array(), RANDOM + TIME);
        b.put(mac(signed));
        return "breez" + Tokens.base32(b.array());
    }

    /** When we issued {@code token}; empty if it is no anonymous token of ours (forged, altered, another key). */
    public Optional<Instant> issuedAt(String token) {
        if (!token.startsWith("breez")) {
            return Optional.empty();
        }
        Optional<byte[]> raw = Tokens.fromBase32(token.substring(5)).filter(r -> r.length == RANDOM + TIME + MAC);
        if (raw.isEmpty()) {
            return Optional.empty();
        }
        byte[] signed = Arrays.copyOf(raw.get(), RANDOM + TIME);
        byte[] given = Arrays.copyOfRange(raw.get(), RANDOM + TIME, RANDOM + TIME + MAC);
        if (!MessageDigest.isEqual(mac(signed), given)) {
            return Optional.empty();
        }
        long seconds = 0;
        for (int i = RANDOM; i < RANDOM + TIME; i++) {
            seconds = (seconds << 8) | (signed[i] & 0xff);
        }
        return Optional.of(Instant.ofEpochSecond(seconds));
    }

    private byte[] mac(byte[] signed) {
        byte[] input = new byte[PURPOSE.length + signed.length];
        System.arraycopy(PURPOSE, 0, input, 0, PURPOSE.length);
        System.arraycopy(signed, 0, input, PURPOSE.length, signed.length);
        return Arrays.copyOf(hmac.apply(input), MAC);
    }
}
