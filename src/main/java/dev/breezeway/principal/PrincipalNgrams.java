package dev.breezeway.principal;

import static dev.breezeway.db.gen.Tables.PRINCIPAL;
import static dev.breezeway.db.gen.Tables.PRINCIPAL_NGRAM;

import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jooq.DSLContext;
import org.jooq.InsertValuesStep2;
import org.jooq.Record;
import org.jooq.Record1;

/**
 * The substring index of principal names ({@code principal_ngram}, V008 and V010): each name's windows
 * of 3, 4 and 5 characters, e.g. {@code "Ada L" → Ada, "da ", "a L", "Ada", "da L", "Ada L"} (a longer
 * window ending in a space is left out: under the column's PAD SPACE collation it equals the shorter
 * window without it, e.g. {@code "Ada " = "Ada"}). Every store that writes {@code principal.name} calls
 * {@link #indexNew} or {@link #reindex} in the same transaction, and deleting a principal for good calls
 * {@link #unindex} (the table has no foreign key since V012), so {@code filter-like-name} can trust the index to hold every
 * principal whose name contains a term's windows; a term of 3 to 5 characters is one window itself.
 */
public final class PrincipalNgrams {
    /** The shortest window, in characters (code points, as MariaDB's SUBSTRING counts them). */
    public static final int MIN = 3;
    /** The longest window; a longer term is looked up by some of its windows of this length. */
    public static final int MAX = 5;

    private PrincipalNgrams() {
    }

    /**
     * The distinct windows of {@code text} the index holds, shortest first, each length in order of
     * first appearance; none if it is shorter than {@link #MIN}.
     */
    public static List<String> of(String text) {
        int[] cp = text.codePoints().toArray();
        Set<String> out = new LinkedHashSet<>();
        for (int n = MIN; n <= MAX; n++) {
            for (int i = 0; i + n <= cp.length; i++) {
                if (n == MIN || cp[i + n - 1] != ' ') {
                    out.add(new String(cp, i, n));
                }
            }
        }
        return new ArrayList<>(out);
    }

    /**
     * The windows a search for {@code term} looks up, all of which a matching name holds: the term itself
     * when it has {@link #MIN} to {@link #MAX} characters, else its distinct windows of {@link #MAX}.
     */
    public static List<String> lookup(String term) {
        int[] cp = term.codePoints().toArray();
        if (cp.length <= MAX) {
            return List.of(term);
        }
        Set<String> out = new LinkedHashSet<>();
        for (int i = 0; i + MAX <= cp.length; i++) {
            out.add(new String(cp, i, MAX));
        }
        return new ArrayList<>(out);
    }

    /** True if a search term is long enough to be looked up in the index. */
    public static boolean indexable(String term) {
        return term.codePointCount(0, term.length()) >= MIN;
    }

    /**
     * The stored name of {@code principalId}, locked until the transaction ends: read it before changing
     * the name, and give it to {@link #reindex} after.
     */
    public static Optional<String> lockName(DSLContext tx, long principalId) {
        return tx.select(PRINCIPAL.NAME).from(PRINCIPAL).where(PRINCIPAL.PRINCIPAL_ID.eq(principalId))
                .forUpdate().fetchOptional(Record1::value1);
    }

    /**
     * After a rename, makes the index hold the windows of {@code newName} instead of {@code oldName}'s:
     * the windows only the old name had are deleted by primary key, then every window of the new name is
     * inserted unless present (windows equal under the column's case-insensitive collation share one row,
     * so one deleted as {@code "Kef"} comes back as {@code "kef"}). An unchanged name writes nothing.
     */
    public static void reindex(DSLContext tx, long principalId, String oldName, String newName) {
        if (oldName.equals(newName)) {
            return;
        }
        List<String> gone = new ArrayList<>(of(oldName));
        gone.removeAll(of(newName));
        unindex(tx, principalId, gone);
        insert(tx, principalId, of(newName));
    }

    /** Deletes the windows of principals about to be deleted for good (id → stored name). */
    public static void unindex(DSLContext tx, Map<Long, String> names) {
        names.forEach((id, name) -> unindex(tx, id, of(name)));
    }

    private static void unindex(DSLContext tx, long principalId, List<String> grams) {
        if (!grams.isEmpty()) {
            tx.deleteFrom(PRINCIPAL_NGRAM)
                    .where(PRINCIPAL_NGRAM.NGRAM.in(grams).and(PRINCIPAL_NGRAM.PRINCIPAL_ID.eq(principalId)))
                    .execute();
        }
    }

    /** Adds the windows of a new principal's name; cheaper than {@link #index} when nothing is indexed yet. */
    public static void indexNew(DSLContext tx, long principalId, String name) {
        insert(tx, principalId, of(name));
    }

    /**
     * Adds the windows of new principals' names with one JDBC batch of a single-row insert, which the
     * driver sends as one bulk command: thousands of rows cost neither a statement of thousands of
     * bind values to render and parse nor a round trip each.
     */
    public static void indexNew(DSLContext tx, List<Principal> created) {
        String sql = tx.insertInto(PRINCIPAL_NGRAM, PRINCIPAL_NGRAM.NGRAM, PRINCIPAL_NGRAM.PRINCIPAL_ID)
                .values((String) null, (Long) null).onDuplicateKeyIgnore().getSQL();
        tx.connection(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                boolean any = false;
                for (Principal p : created) {
                    for (String g : of(p.name())) {
                        ps.setString(1, g);
                        ps.setLong(2, p.principalId());
                        ps.addBatch();
                        any = true;
                    }
                }
                if (any) {
                    ps.executeBatch();
                }
            }
        });
    }

    private static void insert(DSLContext tx, long principalId, List<String> grams) {
        if (grams.isEmpty()) {
            return;
        }
        InsertValuesStep2<? extends Record, String, Long> insert =
                tx.insertInto(PRINCIPAL_NGRAM, PRINCIPAL_NGRAM.NGRAM, PRINCIPAL_NGRAM.PRINCIPAL_ID);
        for (String g : grams) {
            insert = insert.values(g, principalId);
        }
        insert.onDuplicateKeyIgnore().execute();
    }
}
