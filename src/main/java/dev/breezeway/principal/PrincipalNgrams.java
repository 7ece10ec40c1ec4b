package dev.breezeway.principal;

import static dev.breezeway.db.gen.Tables.PRINCIPAL_NGRAM;

import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.jooq.DSLContext;
import org.jooq.InsertValuesStep2;
import org.jooq.Record;

/**
 * The substring index of principal names ({@code principal_ngram}, see V008): each name's 3-character
 * windows, e.g. {@code "Ada L" → Ada, "da ", "a L"}. Every store that writes {@code principal.name}
 * calls {@link #index} in the same transaction, so {@code filter-like-name} can trust the index to
 * hold every principal whose name contains a term's windows.
 */
public final class PrincipalNgrams {
    /** Window length in characters (code points, as MariaDB's SUBSTRING counts them). */
    public static final int N = 3;

    private PrincipalNgrams() {
    }

    /** The distinct windows of {@code text} in order of first appearance; none if it is shorter than {@link #N}. */
    public static List<String> of(String text) {
        int[] cp = text.codePoints().toArray();
        Set<String> out = new LinkedHashSet<>();
        for (int i = 0; i + N <= cp.length; i++) {
            out.add(new String(cp, i, N));
        }
        return new ArrayList<>(out);
    }

    /** True if a search term is long enough to be looked up in the index. */
    public static boolean indexable(String term) {
        return term.codePointCount(0, term.length()) >= N;
    }

    /**
     * Makes the index hold exactly the windows of {@code name} for {@code principalId}: windows the name
     * no longer has go, new ones come. An unchanged name deletes and inserts nothing. Windows equal
     * under the column's case-insensitive collation share one row ({@code INSERT IGNORE}).
     */
    public static void index(DSLContext tx, long principalId, String name) {
        List<String> grams = of(name);
        var stale = PRINCIPAL_NGRAM.PRINCIPAL_ID.eq(principalId);
        tx.deleteFrom(PRINCIPAL_NGRAM)
                .where(grams.isEmpty() ? stale : stale.and(PRINCIPAL_NGRAM.NGRAM.notIn(grams)))
                .execute();
        insert(tx, principalId, grams);
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
