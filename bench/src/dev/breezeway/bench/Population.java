package dev.breezeway.bench;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.UUID;

/**
 * The synthetic directory the benchmarks run on, derived only from {@code (n, seed)}: user {@code i}
 * is always {@code user<i>@bench.example} with the same seeded name, and the groups and their
 * members are the same on every run, e.g. {@code new Population(50_000, 42).user(7).name()}.
 * The Breezeway generator and the Keycloak loader both read it, so both servers hold the same people.
 */
public final class Population {
    /** Principal id of user 0; users, then groups, follow without gaps. Far above the bootstrap rows. */
    public static final long FIRST_ID = 2_000_000L;
    public static final String USER_PASSWORD = "Bench-User-Pass-1";
    public static final String BIG_GROUP_NAME = "bench-group-5000";
    public static final int BIG_GROUP_SIZE = 5_000;
    /** Other groups: one per this many users, sizes log-uniform in [2, MAX_GROUP_SIZE]. */
    static final int USERS_PER_GROUP = 250;
    static final int MAX_GROUP_SIZE = 2_000;
    /** Every this-many-th group is also a member of the group before it (nested groups). */
    static final int NESTING_EVERY = 50;
    /** Share of users holding a live session, in per mille. */
    static final int SESSIONS_PER_MILLE = 100;
    /** Share of users with a Department value (everyone has an Employee ID), in per cent. */
    static final int DEPARTMENT_PERCENT = 60;

    private static final String[] SYLLABLES = {"ka", "lo", "ri", "ne", "ta", "vi", "mar", "sel", "do", "bra",
            "en", "fi", "gu", "ha", "is", "jo", "ke", "lin", "mo", "nu", "or", "pe", "qui", "ro", "sa", "tho", "ul",
            "va", "wen", "xi", "ya", "zo", "an", "bel", "cor", "dre", "el", "fen", "gar", "hel"};
    static final String[] DEPARTMENTS = {"Accounting", "Admissions", "Biology", "Chemistry", "Classics", "Computing",
            "Economics", "Engineering", "English", "Finance", "Geography", "History", "Human Resources", "Law",
            "Library", "Linguistics", "Marketing", "Mathematics", "Medicine", "Music", "Nursing", "Philosophy",
            "Physics", "Politics", "Psychology", "Research Office", "Sales", "Sociology", "Sport", "Theatre"};

    private final int n;
    private final long seed;
    private final int groups;

    public Population(int n, long seed) {
        if (n < 1) {
            throw new IllegalArgumentException("n must be at least 1");
        }
        this.n = n;
        this.seed = seed;
        this.groups = 1 + Math.max(4, n / USERS_PER_GROUP);
    }

    /** A generated user as every server stores it. */
    public record User(int index, long principalId, UUID uuid, String login, String firstName, String lastName) {
        public String name() {
            return firstName + " " + lastName;
        }
    }

    /** A generated group: index 0 is the 5,000-member group. */
    public record Group(int index, long principalId, UUID uuid, String name, int[] members, int[] childGroups) {
    }

    public int users() {
        return n;
    }

    public int groups() {
        return groups;
    }

    public long seed() {
        return seed;
    }

    public long userId(int i) {
        return FIRST_ID + i;
    }

    public long groupId(int g) {
        return FIRST_ID + n + g;
    }

    /** One past the last generated principal id. */
    public long endId() {
        return FIRST_ID + n + groups;
    }

    public User user(int i) {
        Random r = random(1, i);
        String first = capitalize(word(r, 2 + r.nextInt(2)));
        String last = capitalize(word(r, 2 + r.nextInt(3)));
        return new User(i, userId(i), uuid(r), "user" + i + "@bench.example", first, last);
    }

    /** Group {@code g}: its members (user indexes, ascending, distinct) and the groups nested in it. */
    public Group group(int g) {
        Random r = random(2, g);
        int size;
        String name;
        if (g == 0) {
            size = Math.min(BIG_GROUP_SIZE, n);
            name = BIG_GROUP_NAME;
        } else {
            size = (int) Math.round(Math.exp(Math.log(2) + r.nextDouble() * (Math.log(MAX_GROUP_SIZE) - Math.log(2))));
            size = Math.min(size, n);
            name = "bench-group-" + g;
        }
        UUID uuid = uuid(r);
        int[] members = distinct(r, size, n);
        int[] children = g > 1 && g % NESTING_EVERY == 0 ? new int[] {g + 1 < groups ? g + 1 : 1} : new int[0];
        return new Group(g, groupId(g), uuid, name, members, children);
    }

    /** The Employee ID custom-field value of user {@code i}. */
    public String employeeId(int i) {
        return String.format("E%07d", random(3, i).nextInt(10_000_000));
    }

    /** The Department custom-field value of user {@code i}, or null if the user has none. */
    public String department(int i) {
        Random r = random(4, i);
        return r.nextInt(100) < DEPARTMENT_PERCENT ? DEPARTMENTS[r.nextInt(DEPARTMENTS.length)] : null;
    }

    /** True if user {@code i} holds a generated live session. */
    public boolean hasSession(int i) {
        return random(5, i).nextInt(1000) < SESSIONS_PER_MILLE;
    }

    /** The seeded 160-bit session token of user {@code i}, in the server's {@code breez…} form. */
    public String sessionToken(int i) {
        byte[] bytes = new byte[20];
        random(6, i).nextBytes(bytes);
        StringBuilder sb = new StringBuilder("breez");
        int buffer = 0;
        int bits = 0;
        String alphabet = "abcdefghijklmnopqrstuvwxyz234567";
        for (byte b : bytes) {
            buffer = (buffer << 8) | (b & 0xff);
            bits += 8;
            while (bits >= 5) {
                sb.append(alphabet.charAt((buffer >> (bits - 5)) & 31));
                bits -= 5;
            }
        }
        return sb.toString();
    }

    /**
     * Substrings of real names for filter-like-name: {@code count} of them, 3 to 5 characters taken from
     * a first or a last name (no spaces, so a peer that splits its search on blanks sees the same term).
     */
    public String[] searchTerms(int count) {
        Random r = random(7, 0);
        String[] terms = new String[count];
        for (int k = 0; k < count; k++) {
            User u = user(r.nextInt(n));
            String part = r.nextBoolean() ? u.firstName() : u.lastName();
            int len = Math.min(part.length(), 3 + r.nextInt(3));
            int start = r.nextInt(part.length() - len + 1);
            terms[k] = part.substring(start, start + len);
        }
        return terms;
    }

    /** The uuids of {@code count} users spread over the whole range, for GET-by-id scenarios. */
    public List<String> sampleUuids(int count) {
        return sample(count).stream().map(u -> u.uuid().toString()).toList();
    }

    /** The principal ids of the same users as {@link #sampleUuids}, in the same order (principal-info-10k). */
    public List<String> sampleIds(int count) {
        return sample(count).stream().map(u -> Long.toString(u.principalId())).toList();
    }

    private List<User> sample(int count) {
        Random r = random(8, 0);
        List<User> out = new ArrayList<>(count);
        for (int k = 0; k < count; k++) {
            out.add(user(r.nextInt(n)));
        }
        return out;
    }

    public static byte[] bytes(UUID u) {
        return ByteBuffer.allocate(16).putLong(u.getMostSignificantBits()).putLong(u.getLeastSignificantBits()).array();
    }

    /** A fresh generator per (stream, index), so any element can be computed alone and in any order. */
    private Random random(int stream, long index) {
        long x = seed * 0x9E3779B97F4A7C15L + stream * 0xBF58476D1CE4E5B9L + index * 0x94D049BB133111EBL;
        x ^= x >>> 31;
        return new Random(x);
    }

    private static UUID uuid(Random r) {
        long msb = (r.nextLong() & ~0xF000L) | 0x4000L;
        long lsb = (r.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(msb, lsb);
    }

    private static String word(Random r, int syllables) {
        StringBuilder sb = new StringBuilder();
        for (int k = 0; k < syllables; k++) {
            sb.append(SYLLABLES[r.nextInt(SYLLABLES.length)]);
        }
        return sb.toString();
    }

    private static String capitalize(String s) {
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    private static int[] distinct(Random r, int k, int bound) {
        if (k * 2 > bound) {
            int[] all = new int[bound];
            for (int i = 0; i < bound; i++) {
                all[i] = i;
            }
            for (int i = 0; i < k; i++) {
                int j = i + r.nextInt(bound - i);
                int t = all[i];
                all[i] = all[j];
                all[j] = t;
            }
            int[] out = Arrays.copyOf(all, k);
            Arrays.sort(out);
            return out;
        }
        Set<Integer> seen = new HashSet<>();
        int[] out = new int[k];
        int m = 0;
        while (m < k) {
            int v = r.nextInt(bound);
            if (seen.add(v)) {
                out[m++] = v;
            }
        }
        Arrays.sort(out);
        return out;
    }
}
