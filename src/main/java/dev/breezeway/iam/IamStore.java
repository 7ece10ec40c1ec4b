package dev.breezeway.iam;

import dev.breezeway.access.Grant;
import static dev.breezeway.db.gen.Tables.PRINCIPAL;
import static dev.breezeway.db.gen.Tables.PRINCIPAL_ACL;
import static dev.breezeway.db.gen.Tables.PRINCIPAL_ATTRIBUTE;
import static dev.breezeway.db.gen.Tables.PRINCIPAL_ROLE;
import static dev.breezeway.db.gen.Tables.ROLE;
import static dev.breezeway.db.gen.Tables.ROLE_PERMISSION;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.breezeway.db.Times;
import dev.breezeway.db.gen.tables.records.PrincipalRecord;
import dev.breezeway.principal.PrincipalNgrams;
import dev.breezeway.principal.PrincipalType;
import dev.breezeway.principal.Uuids;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.JSON;
import org.jooq.Record1;
import org.jooq.impl.DSL;

/** The modern model's view of principals: properties, roles, ACL entries and access attributes. */
public final class IamStore {
    private final DSLContext db;
    private final ObjectMapper json;

    public IamStore(DSLContext db, ObjectMapper json) {
        this.db = db;
        this.json = json;
    }

    static final Condition IS_PERSON = PRINCIPAL.TYPE.in(PrincipalType.USER.wire(), PrincipalType.GUEST.wire(),
            PrincipalType.EXTERNAL_USER.wire());

    public Optional<IamPrincipal> findByUuid(long accountId, UUID id) {
        return db.selectFrom(PRINCIPAL)
                .where(PRINCIPAL.UUID.eq(Uuids.toBytes(id)).and(PRINCIPAL.ACCOUNT_ID.eq(accountId))
                        .and(PRINCIPAL.DELETED_AT.isNull()).and(IS_PERSON))
                .fetchOptional()
                .map(r -> load(List.of(r)).get(0));
    }

    public Optional<IamPrincipal> findById(long principalId) {
        return db.selectFrom(PRINCIPAL)
                .where(PRINCIPAL.PRINCIPAL_ID.eq(principalId).and(PRINCIPAL.DELETED_AT.isNull()))
                .fetchOptional()
                .map(r -> load(List.of(r)).get(0));
    }

    /** The UUID of the live person {@code principalId} in the account, e.g. for a Breeze {@code principal-id}. */
    public Optional<UUID> uuidOf(long accountId, long principalId) {
        return db.select(PRINCIPAL.UUID).from(PRINCIPAL)
                .where(PRINCIPAL.PRINCIPAL_ID.eq(principalId).and(PRINCIPAL.ACCOUNT_ID.eq(accountId))
                        .and(PRINCIPAL.DELETED_AT.isNull()).and(IS_PERSON))
                .fetchOptional(r -> Uuids.fromBytes(r.value1()));
    }


    /** Loads roles, ACL entries and attributes of the given rows, keeping their order. */
    public List<IamPrincipal> load(List<PrincipalRecord> rows) {
        if (rows.isEmpty()) {
            return List.of();
        }
        List<Long> ids = rows.stream().map(PrincipalRecord::getPrincipalId).toList();
        Map<Long, List<String>> roles = new LinkedHashMap<>();
        db.select(PRINCIPAL_ROLE.PRINCIPAL_ID, PRINCIPAL_ROLE.ROLE).from(PRINCIPAL_ROLE)
                .where(PRINCIPAL_ROLE.PRINCIPAL_ID.in(ids)).orderBy(PRINCIPAL_ROLE.ROLE)
                .forEach(r -> roles.computeIfAbsent(r.value1(), k -> new ArrayList<>()).add(r.value2()));
        Map<Long, List<Grant>> acl = new LinkedHashMap<>();
        db.select(PRINCIPAL_ACL.PRINCIPAL_ID, PRINCIPAL_ACL.RESOURCE, PRINCIPAL_ACL.PERMISSION).from(PRINCIPAL_ACL)
                .where(PRINCIPAL_ACL.PRINCIPAL_ID.in(ids)).orderBy(PRINCIPAL_ACL.RESOURCE, PRINCIPAL_ACL.PERMISSION)
                .forEach(r -> acl.computeIfAbsent(r.value1(), k -> new ArrayList<>())
                        .add(new Grant(r.value2(), r.value3())));
        Map<Long, Map<String, List<String>>> attrs = new LinkedHashMap<>();
        db.select(PRINCIPAL_ATTRIBUTE.PRINCIPAL_ID, PRINCIPAL_ATTRIBUTE.ATTR_KEY, PRINCIPAL_ATTRIBUTE.ATTR_VALUE)
                .from(PRINCIPAL_ATTRIBUTE).where(PRINCIPAL_ATTRIBUTE.PRINCIPAL_ID.in(ids))
                .orderBy(PRINCIPAL_ATTRIBUTE.ATTR_KEY, PRINCIPAL_ATTRIBUTE.ATTR_VALUE)
                .forEach(r -> attrs.computeIfAbsent(r.value1(), k -> new LinkedHashMap<>())
                        .computeIfAbsent(r.value2(), k -> new ArrayList<>()).add(r.value3()));
        List<IamPrincipal> out = new ArrayList<>();
        for (PrincipalRecord r : rows) {
            long id = r.getPrincipalId();
            out.add(new IamPrincipal(id, Uuids.fromBytes(r.getUuid()), r.getAccountId(), r.getName(),
                    Optional.ofNullable(r.getEmail()), Optional.ofNullable(r.getPhone()), properties(r.getProperties()),
                    roles.getOrDefault(id, List.of()), acl.getOrDefault(id, List.of()), attrs.getOrDefault(id, Map.of()),
                    Optional.ofNullable(r.getSuspendedAt()).map(Times::toInstant),
                    Optional.ofNullable(r.getLastActiveAt()).map(Times::toInstant),
                    Times.toInstant(r.getCreatedAt()),
                    r.getPasswordHash() != null && !Boolean.FALSE.equals(r.getPasswordLogin()),
                    Optional.ofNullable(r.getPasswordExpiresAt()).map(Times::toInstant), r.getVersion(),
                    Optional.ofNullable(r.getExtLogin()).or(() -> Optional.ofNullable(r.getLogin()))));
        }
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


    private ObjectNode properties(JSON stored) {
        if (stored == null) {
            return json.createObjectNode();
        }
        try {
            return (ObjectNode) json.readTree(stored.data());
        } catch (JsonProcessingException | ClassCastException e) {
            return json.createObjectNode();
        }
    }
}
