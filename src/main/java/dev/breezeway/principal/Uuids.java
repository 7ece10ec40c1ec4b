package dev.breezeway.principal;

import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.UUID;

/** Time-ordered UUIDs (version 7, RFC 9562) for the modern face's principal ids, and their 16-byte form. */
public final class Uuids {
    private final SecureRandom random = new SecureRandom();
    private final Clock clock;

    public Uuids(Clock clock) {
        this.clock = clock;
    }

    /** A new version-7 UUID: 48 bits of Unix milliseconds, then random bits. */
    public UUID next() {
        long millis = clock.millis();
        long msb = (millis << 16) | 0x7000L | (random.nextInt() & 0x0FFFL);
        long lsb = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(msb, lsb);
    }

    public static byte[] toBytes(UUID u) {
        return ByteBuffer.allocate(16).putLong(u.getMostSignificantBits()).putLong(u.getLeastSignificantBits()).array();
    }

    public static UUID fromBytes(byte[] b) {
        ByteBuffer bb = ByteBuffer.wrap(b);
        return new UUID(bb.getLong(), bb.getLong());
    }
}
