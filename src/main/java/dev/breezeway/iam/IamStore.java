package dev.breezeway.iam;

import dev.breezeway.access.Grant;
import static dev.breezeway.db.gen.Tables.PRINCIPAL;
import static dev.breezeway.db.gen.Tables.PRINCIPAL_ACL;
import static dev.breezeway.db.gen.Tables.PRINCIPAL_ATTRIBUTE;
import static dev.breezeway.db.gen.Tables.PRINCIPAL_ROLE;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.breezeway.db.Times;
import dev.breezeway.principal.PrincipalType;
import dev.breezeway.principal.Uuids;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.conf.ParamType;
import org.jooq.Record;
import org.jooq.ResultQuery;
import org.jooq.SelectJoinStep;
import org.jooq.impl.DSL;

/** The modern model's view of principals: properties, roles, ACL entries and access attributes. */
public final class IamStore {
    private final DSLContext db;
    private final ObjectMapper json;

    public IamStore(DSLContext db, ObjectMapper json) {
        this.db = db;
        this.json = json;
        this.byUuidSql = rendered(PRINCIPAL.UUID.eq(DSL.field("?", byte[].class))
                .and(PRINCIPAL.ACCOUNT_ID.eq(DSL.field("?", Long.class))).and(PRINCIPAL.DELETED_AT.isNull())
                .and(IS_PERSON));
        this.byIdSql = rendered(PRINCIPAL.PRINCIPAL_ID.eq(DSL.field("?", Long.class))
                .and(PRINCIPAL.DELETED_AT.isNull()));
    }

    static final List<String> PERSON_TYPES = List.of(PrincipalType.USER.wire(), PrincipalType.GUEST.wire(),
            PrincipalType.EXTERNAL_USER.wire());
    static final Condition IS_PERSON = PRINCIPAL.TYPE.in(PERSON_TYPES);

    /** The principal's columns that {@link #read} reads, by position. */
    private static final List<Field<?>> ROW = List.of(PRINCIPAL.PRINCIPAL_ID, PRINCIPAL.UUID, PRINCIPAL.ACCOUNT_ID,
            PRINCIPAL.NAME, PRINCIPAL.EMAIL, PRINCIPAL.PHONE, PRINCIPAL.PROPERTIES, PRINCIPAL.SUSPENDED_AT,
            PRINCIPAL.LAST_ACTIVE_AT, PRINCIPAL.CREATED_AT, DSL.field(PRINCIPAL.PASSWORD_HASH.isNotNull()),
            PRINCIPAL.PASSWORD_LOGIN, PRINCIPAL.PASSWORD_EXPIRES_AT, PRINCIPAL.VERSION, PRINCIPAL.EXT_LOGIN,
            PRINCIPAL.LOGIN);
    /**
     * {@link #ROW}, then its roles, ACL entries and attributes as JSON arrays, by correlated subqueries: for one
     * principal these cost MariaDB less than the round trips of three more queries. (For a page of 50 they cost it
     * about 1 ms more than one query of the three tables does: lists read those with {@link #children}.)
     */
    private static final List<Field<?>> DETAIL = detailColumns();

    private static List<Field<?>> detailColumns() {
        List<Field<?>> out = new ArrayList<>(ROW);
        out.addAll(List.of(
            DSL.field("(select json_arrayagg({0} order by {0}) from {1} where {2} = {3})", String.class,
                    PRINCIPAL_ROLE.ROLE, PRINCIPAL_ROLE, PRINCIPAL_ROLE.PRINCIPAL_ID, PRINCIPAL.PRINCIPAL_ID),
            DSL.field("(select json_arrayagg(json_array({0}, {1}) order by {0}, {1}) from {2} where {3} = {4})",
                    String.class, PRINCIPAL_ACL.RESOURCE, PRINCIPAL_ACL.PERMISSION, PRINCIPAL_ACL,
                    PRINCIPAL_ACL.PRINCIPAL_ID, PRINCIPAL.PRINCIPAL_ID),
            DSL.field("(select json_arrayagg(json_array({0}, {1}) order by {0}, {1}) from {2} where {3} = {4})",
                    String.class, PRINCIPAL_ATTRIBUTE.ATTR_KEY, PRINCIPAL_ATTRIBUTE.ATTR_VALUE, PRINCIPAL_ATTRIBUTE,
                    PRINCIPAL_ATTRIBUTE.PRINCIPAL_ID, PRINCIPAL.PRINCIPAL_ID)));
        return List.copyOf(out);
    }
    /**
     * The SQL of {@link #findByUuid} and {@link #findById}, rendered once and run over plain JDBC, as principal-info
     * does: jOOQ's query pipeline and record copying cost more CPU than MariaDB spends on the query.
     */
    private final String byUuidSql;
    private final String byIdSql;

    private String rendered(Condition where) {
        return db.renderInlined(db.select(DETAIL).from(PRINCIPAL).where(where));
    }

    /** The live person {@code id} of the account, read in one statement. */
    public Optional<IamPrincipal> findByUuid(long accountId, UUID id) {
        return one(byUuidSql, ps -> {
            ps.setBytes(1, Uuids.toBytes(id));
            ps.setLong(2, accountId);
        });
    }

    /** The live principal {@code principalId}, read in one statement. */
    public Optional<IamPrincipal> findById(long principalId) {
        return one(byIdSql, ps -> ps.setLong(1, principalId));
    }

    private interface Binder {
        void bind(java.sql.PreparedStatement ps) throws java.sql.SQLException;
    }

    private Optional<IamPrincipal> one(String sql, Binder binder) {
        return db.connectionResult(c -> {
            try (java.sql.PreparedStatement ps = c.prepareStatement(sql)) {
                binder.bind(ps);
                try (java.sql.ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.<IamPrincipal>empty();
                    }
                    Children kids = new Children();
                    pairs(rs.getString(ROW.size() + 1), 1, (a, b) -> kids.roles.add(a));
                    pairs(rs.getString(ROW.size() + 2), 2, (a, b) -> kids.acl.add(new Grant(a, b)));
                    pairs(rs.getString(ROW.size() + 3), 2, kids::attribute);
                    return Optional.of(read(rs, kids));
                }
            }
        });
    }

    /**
     * The principals a query over {@code PRINCIPAL} selects (the caller adds its conditions, order and limit), each
     * with its roles, ACL entries and attributes: those of {@code known} (a principal read since the last write, of
     * the same version), the others' from one more query for all of them. The query runs over plain JDBC with jOOQ's
     * bind values; its SQL is rendered once per {@code shape} (a key that, with the bind values, determines the
     * text: see {@link PrincipalKeyset}), or every time without one: rendering cost a list page more CPU than
     * reading its fifty rows did.
     */
    List<IamPrincipal> select(Optional<Shaped> shaped, Function<SelectJoinStep<Record>, ResultQuery<Record>> query,
                              Function<UUID, Optional<IamPrincipal>> known) {
        java.util.function.Supplier<ResultQuery<Record>> q = () -> query.apply(db.select(ROW).from(PRINCIPAL));
        String sql = shaped.map(s -> shapes.get(s.shape())).orElse(null);
        if (sql == null) {
            sql = q.get().getSQL(ParamType.INDEXED);
            if (shaped.isPresent() && shapes.size() < MAX_SHAPES) {
                shapes.put(shaped.get().shape(), sql);
            }
        }
        List<Object> binds = shaped.map(Shaped::binds).orElseGet(() -> q.get().getBindValues());
        String text = sql;
        List<IamPrincipal> out = new ArrayList<>();
        Map<Long, Children> missing = new LinkedHashMap<>();
        db.connection(c -> {
            try (java.sql.PreparedStatement ps = c.prepareStatement(text)) {
                for (int i = 0; i < binds.size(); i++) {
                    ps.setObject(i + 1, binds.get(i));
                }
                try (java.sql.ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        Children kids = new Children();
                        IamPrincipal p = read(rs, kids);
                        Optional<IamPrincipal> same = known.apply(p.id()).filter(k -> k.version() == p.version());
                        if (same.isPresent()) {
                            kids.roles.addAll(same.get().roles());
                            kids.acl.addAll(same.get().acl());
                            kids.attributes.putAll(same.get().accessAttributes());
                        } else {
                            missing.put(p.principalId(), kids);
                        }
                        out.add(p);
                    }
                }
            }
        });
        if (!missing.isEmpty()) {
            children(missing);
        }
        return out;
    }

    /** A query's shape (with its bind values, what determines its SQL text) and its bind values in their order. */
    record Shaped(Object shape, List<Object> binds) {
    }

    /** The SQL of page queries by their shape; few in practice (a shape per filter combination), bounded anyway. */
    private final Map<Object, String> shapes = new java.util.concurrent.ConcurrentHashMap<>();
    private static final int MAX_SHAPES = 1024;

    /** A principal's roles, ACL entries and attributes, in the order the detail shows them. */
    private static final class Children {
        final List<String> roles = new ArrayList<>();
        final List<Grant> acl = new ArrayList<>();
        final Map<String, List<String>> attributes = new LinkedHashMap<>();

        void attribute(String key, String value) {
            attributes.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
        }
    }

    /** Fills in the children of these principals from the three tables, in one UNION ALL query. */
    private void children(Map<Long, Children> of) {
        java.util.Set<Long> ids = of.keySet();
        Field<Integer> kind = DSL.field("kind", Integer.class);
        db.select(DSL.inline(1).as(kind), PRINCIPAL_ROLE.PRINCIPAL_ID, PRINCIPAL_ROLE.ROLE.as("a"),
                        DSL.inline((String) null, String.class).as("b"))
                .from(PRINCIPAL_ROLE).where(PRINCIPAL_ROLE.PRINCIPAL_ID.in(ids))
                .unionAll(DSL.select(DSL.inline(2), PRINCIPAL_ACL.PRINCIPAL_ID, PRINCIPAL_ACL.RESOURCE,
                                PRINCIPAL_ACL.PERMISSION)
                        .from(PRINCIPAL_ACL).where(PRINCIPAL_ACL.PRINCIPAL_ID.in(ids)))
                .unionAll(DSL.select(DSL.inline(3), PRINCIPAL_ATTRIBUTE.PRINCIPAL_ID, PRINCIPAL_ATTRIBUTE.ATTR_KEY,
                                PRINCIPAL_ATTRIBUTE.ATTR_VALUE)
                        .from(PRINCIPAL_ATTRIBUTE).where(PRINCIPAL_ATTRIBUTE.PRINCIPAL_ID.in(ids)))
                .orderBy(DSL.inline(1), DSL.inline(3), DSL.inline(4))
                .forEach(r -> {
                    Children c = of.get(r.value2());
                    switch (r.value1()) {
                        case 1 -> c.roles.add(r.value3());
                        case 2 -> c.acl.add(new Grant(r.value3(), r.value4()));
                        default -> c.attribute(r.value3(), r.value4());
                    }
                });
    }

    /** The UUID of the live person {@code principalId} in the account, e.g. for a Breeze {@code principal-id}. */
    public Optional<UUID> uuidOf(long accountId, long principalId) {
        return db.select(PRINCIPAL.UUID).from(PRINCIPAL)
                .where(PRINCIPAL.PRINCIPAL_ID.eq(principalId).and(PRINCIPAL.ACCOUNT_ID.eq(accountId))
                        .and(PRINCIPAL.DELETED_AT.isNull()).and(IS_PERSON))
                .fetchOptional(r -> Uuids.fromBytes(r.value1()));
    }

    /**
     * A row of {@link #ROW} with its children; a list's children are filled in after the principal is read (the
     * principal holds their lists, not a copy).
     */
    private IamPrincipal read(java.sql.ResultSet rs, Children c) throws java.sql.SQLException {
        boolean hasPassword = rs.getBoolean(11);
        boolean passwordLogin = rs.getBoolean(12) || rs.wasNull();  // NULL: the default, allowed
        Optional<String> extLogin = Optional.ofNullable(rs.getString(15));
        Optional<String> login = Optional.ofNullable(rs.getString(16));
        return new IamPrincipal(rs.getLong(1), Uuids.fromBytes(rs.getBytes(2)), rs.getLong(3), rs.getString(4),
                Optional.ofNullable(rs.getString(5)), Optional.ofNullable(rs.getString(6)), properties(rs.getString(7)),
                c.roles, c.acl, c.attributes, instant(rs, 8), instant(rs, 9),
                Times.toInstant(rs.getObject(10, LocalDateTime.class)), hasPassword && passwordLogin,
                instant(rs, 13), rs.getLong(14), extLogin.or(() -> login));
    }

    private static Optional<Instant> instant(java.sql.ResultSet rs, int column) throws java.sql.SQLException {
        return Optional.ofNullable(rs.getObject(column, LocalDateTime.class)).map(Times::toInstant);
    }

    /**
     * Reads a JSON array that {@code json_arrayagg} made: of strings ({@code width} 1) or of [a, b] pairs (width 2);
     * SQL NULL when there was no row.
     */
    private void pairs(String aggregated, int width, java.util.function.BiConsumer<String, String> each) {
        if (aggregated == null) {
            return;
        }
        try {
            for (JsonNode n : json.readTree(aggregated)) {
                if (width == 1) {
                    each.accept(n.asText(), null);
                } else {
                    each.accept(n.get(0).asText(), n.get(1).asText());
                }
            }
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable aggregate from the database: " + aggregated, e);
        }
    }

    /** The bind values of {@link #sharesAttributes} in their order (PageShapeTest compares them with jOOQ's). */
    static List<Object> sharesAttributesBinds(Map<String, List<String>> scope) {
        List<Object> out = new ArrayList<>();
        scope.forEach((key, values) -> {
            out.add(key);
            out.addAll(values);
        });
        return out;
    }

    /** The condition that a principal row shares a value for each key of {@code scope} (ABAC). */
    public static Condition sharesAttributes(Map<String, List<String>> scope) {
        Condition c = DSL.noCondition();
        for (Map.Entry<String, List<String>> e : scope.entrySet()) {
            c = c.and(DSL.exists(DSL.selectOne().from(PRINCIPAL_ATTRIBUTE)
                    .where(PRINCIPAL_ATTRIBUTE.PRINCIPAL_ID.eq(PRINCIPAL.PRINCIPAL_ID)
                            .and(PRINCIPAL_ATTRIBUTE.ATTR_KEY.eq(e.getKey()))
                            .and(PRINCIPAL_ATTRIBUTE.ATTR_VALUE.in(e.getValue())))));
        }
        return c;
    }


    private ObjectNode properties(String stored) {
        if (stored == null) {
            return json.createObjectNode();
        }
        try {
            return (ObjectNode) json.readTree(stored);
        } catch (JsonProcessingException | ClassCastException e) {
            return json.createObjectNode();
        }
    }
}
