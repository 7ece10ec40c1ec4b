package dev.breezeway.iam;

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

    /** Whether any principal (person or not, live or deleted) has this UUID. */
    public boolean uuidTaken(UUID id) {
        return db.fetchExists(PRINCIPAL, PRINCIPAL.UUID.eq(Uuids.toBytes(id)));
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
        Map<Long, List<IamPrincipal.AclEntry>> acl = new LinkedHashMap<>();
        db.select(PRINCIPAL_ACL.PRINCIPAL_ID, PRINCIPAL_ACL.RESOURCE, PRINCIPAL_ACL.PERMISSION).from(PRINCIPAL_ACL)
                .where(PRINCIPAL_ACL.PRINCIPAL_ID.in(ids)).orderBy(PRINCIPAL_ACL.RESOURCE, PRINCIPAL_ACL.PERMISSION)
                .forEach(r -> acl.computeIfAbsent(r.value1(), k -> new ArrayList<>())
                        .add(new IamPrincipal.AclEntry(r.value2(), r.value3())));
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
                    Times.toInstant(r.getCreatedAt()), r.getPasswordHash() != null,
                    Optional.ofNullable(r.getPasswordExpiresAt()).map(Times::toInstant), r.getVersion()));
        }
        return out;
    }

    /** The fields of a principal the modern API writes. */
    public record Fields(String name, Optional<String> email, Optional<String> phone, ObjectNode properties) {
    }

    /** Inserts a person with the given UUID. */
    public long insert(long accountId, UUID id, Fields f) {
        long principalId = db.insertInto(PRINCIPAL)
                .set(PRINCIPAL.UUID, Uuids.toBytes(id))
                .set(PRINCIPAL.ACCOUNT_ID, accountId)
                .set(PRINCIPAL.TYPE, PrincipalType.USER.wire())
                .set(PRINCIPAL.LOGIN, f.email().orElse(null))
                .set(PRINCIPAL.NAME, f.name())
                .set(PRINCIPAL.EMAIL, f.email().orElse(null))
                .set(PRINCIPAL.PHONE, f.phone().orElse(null))
                .set(PRINCIPAL.PROPERTIES, JSON.json(f.properties().toString()))
                .returningResult(PRINCIPAL.PRINCIPAL_ID)
                .fetchSingle(Record1::value1);
        PrincipalNgrams.indexNew(db, principalId, f.name());
        return principalId;
    }

    /**
     * Writes the fields if the stored version is still {@code expectedVersion}, bumping it; returns
     * false when another writer won (the check is in the UPDATE itself). The login follows the email
     * when it was the old email or unset.
     */
    public boolean updateFields(long principalId, long expectedVersion, Fields f, Optional<String> oldEmail, Instant now) {
        Optional<String> oldName = PrincipalNgrams.lockName(db, principalId);
        var update = db.update(PRINCIPAL)
                .set(PRINCIPAL.NAME, f.name())
                .set(PRINCIPAL.EMAIL, f.email().orElse(null))
                .set(PRINCIPAL.PHONE, f.phone().orElse(null))
                .set(PRINCIPAL.PROPERTIES, JSON.json(f.properties().toString()))
                .set(PRINCIPAL.UPDATED_AT, Times.toLocal(now))
                .set(PRINCIPAL.VERSION, PRINCIPAL.VERSION.plus(1));
        if (f.email().isPresent() && !f.email().equals(oldEmail)) {
            update = update.set(PRINCIPAL.LOGIN, DSL.when(PRINCIPAL.LOGIN.isNull()
                    .or(PRINCIPAL.LOGIN.eq(oldEmail.orElse(""))), DSL.val(f.email().get())).otherwise(PRINCIPAL.LOGIN));
        }
        if (update.where(PRINCIPAL.PRINCIPAL_ID.eq(principalId).and(PRINCIPAL.VERSION.eq(expectedVersion))).execute() != 1) {
            return false;
        }
        PrincipalNgrams.reindex(db, principalId, oldName.orElse(""), f.name());
        return true;
    }

    /** Bumps the version if it is still {@code expectedVersion}: the guard for changes to roles, ACL or attributes. */
    public boolean bumpVersion(long principalId, long expectedVersion, Instant now) {
        return db.update(PRINCIPAL)
                .set(PRINCIPAL.VERSION, PRINCIPAL.VERSION.plus(1))
                .set(PRINCIPAL.UPDATED_AT, Times.toLocal(now))
                .where(PRINCIPAL.PRINCIPAL_ID.eq(principalId).and(PRINCIPAL.VERSION.eq(expectedVersion)))
                .execute() == 1;
    }

    public boolean setSuspended(long principalId, long expectedVersion, Optional<Instant> at, Instant now) {
        return db.update(PRINCIPAL)
                .set(PRINCIPAL.SUSPENDED_AT, at.map(Times::toLocal).orElse(null))
                .set(PRINCIPAL.VERSION, PRINCIPAL.VERSION.plus(1))
                .set(PRINCIPAL.UPDATED_AT, Times.toLocal(now))
                .where(PRINCIPAL.PRINCIPAL_ID.eq(principalId).and(PRINCIPAL.VERSION.eq(expectedVersion)))
                .execute() == 1;
    }

    public void replaceRoles(long principalId, Collection<String> roles) {
        db.deleteFrom(PRINCIPAL_ROLE).where(PRINCIPAL_ROLE.PRINCIPAL_ID.eq(principalId)).execute();
        for (String r : roles) {
            db.insertInto(PRINCIPAL_ROLE).set(PRINCIPAL_ROLE.PRINCIPAL_ID, principalId).set(PRINCIPAL_ROLE.ROLE, r)
                    .onDuplicateKeyIgnore().execute();
        }
    }

    public void replaceAcl(long principalId, Collection<IamPrincipal.AclEntry> entries) {
        db.deleteFrom(PRINCIPAL_ACL).where(PRINCIPAL_ACL.PRINCIPAL_ID.eq(principalId)).execute();
        for (IamPrincipal.AclEntry e : entries) {
            db.insertInto(PRINCIPAL_ACL).set(PRINCIPAL_ACL.PRINCIPAL_ID, principalId)
                    .set(PRINCIPAL_ACL.RESOURCE, e.resource()).set(PRINCIPAL_ACL.PERMISSION, e.permission())
                    .onDuplicateKeyIgnore().execute();
        }
    }

    public void replaceAttributes(long principalId, Map<String, List<String>> attributes) {
        db.deleteFrom(PRINCIPAL_ATTRIBUTE).where(PRINCIPAL_ATTRIBUTE.PRINCIPAL_ID.eq(principalId)).execute();
        attributes.forEach((k, values) -> values.forEach(v -> db.insertInto(PRINCIPAL_ATTRIBUTE)
                .set(PRINCIPAL_ATTRIBUTE.PRINCIPAL_ID, principalId).set(PRINCIPAL_ATTRIBUTE.ATTR_KEY, k)
                .set(PRINCIPAL_ATTRIBUTE.ATTR_VALUE, v).onDuplicateKeyIgnore().execute()));
    }

    /** Permissions granted through the principal's roles that are defined in its account. */
    public List<String> rolePermissions(long principalId, long accountId) {
        return db.selectDistinct(ROLE_PERMISSION.PERMISSION).from(PRINCIPAL_ROLE)
                .join(ROLE).on(ROLE.NAME.eq(PRINCIPAL_ROLE.ROLE).and(ROLE.ACCOUNT_ID.eq(accountId)))
                .join(ROLE_PERMISSION).on(ROLE_PERMISSION.ROLE_ID.eq(ROLE.ROLE_ID))
                .where(PRINCIPAL_ROLE.PRINCIPAL_ID.eq(principalId))
                .fetch(Record1::value1);
    }

    /** The organisation rank of a principal (REGULAR, ADMIN or SUPER). */
    public String rankOf(long principalId) {
        return db.select(PRINCIPAL.USER_RANK).from(PRINCIPAL).where(PRINCIPAL.PRINCIPAL_ID.eq(principalId))
                .fetchOptional(Record1::value1).orElse("REGULAR");
    }

    public List<IamPrincipal.AclEntry> aclOf(long principalId) {
        return db.select(PRINCIPAL_ACL.RESOURCE, PRINCIPAL_ACL.PERMISSION).from(PRINCIPAL_ACL)
                .where(PRINCIPAL_ACL.PRINCIPAL_ID.eq(principalId))
                .fetch(r -> new IamPrincipal.AclEntry(r.value1(), r.value2()));
    }

    public Map<String, List<String>> attributesOf(long principalId) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        db.select(PRINCIPAL_ATTRIBUTE.ATTR_KEY, PRINCIPAL_ATTRIBUTE.ATTR_VALUE).from(PRINCIPAL_ATTRIBUTE)
                .where(PRINCIPAL_ATTRIBUTE.PRINCIPAL_ID.eq(principalId))
                .forEach(r -> out.computeIfAbsent(r.value1(), k -> new ArrayList<>()).add(r.value2()));
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

    /** Sets a temporary password hash; the caller ends the principal's sessions. */
    public void setTemporaryPassword(long principalId, String hash, Instant now) {
        db.update(PRINCIPAL).set(PRINCIPAL.PASSWORD_HASH, hash).set(PRINCIPAL.PASSWORD_TEMPORARY, true)
                .set(PRINCIPAL.VERSION, PRINCIPAL.VERSION.plus(1)).set(PRINCIPAL.UPDATED_AT, Times.toLocal(now))
                .where(PRINCIPAL.PRINCIPAL_ID.eq(principalId)).execute();
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
