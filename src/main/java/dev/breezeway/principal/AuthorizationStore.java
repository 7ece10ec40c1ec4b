package dev.breezeway.principal;

import static dev.breezeway.db.gen.Tables.PRINCIPAL;
import static dev.breezeway.db.gen.Tables.PRINCIPAL_ACL;
import static dev.breezeway.db.gen.Tables.PRINCIPAL_ATTRIBUTE;
import static dev.breezeway.db.gen.Tables.PRINCIPAL_ROLE;
import static dev.breezeway.db.gen.Tables.PRINCIPAL_TENANT;

import dev.breezeway.access.Grant;
import dev.breezeway.access.Rank;
import dev.breezeway.db.Times;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.jooq.DSLContext;
import org.jooq.Record1;

/**
 * The only writer of what a principal is authorized to do: its roles, own ACL entries, access
 * attributes, tenants and rank, e.g. roles {@code ["sync:writer"]} and ACL {@code ["orders:*"]}.
 */
final class AuthorizationStore {
    private final DSLContext db;

    AuthorizationStore(DSLContext db) {
        this.db = db;
    }

    List<String> rolesOf(long principalId) {
        return db.select(PRINCIPAL_ROLE.ROLE).from(PRINCIPAL_ROLE).where(PRINCIPAL_ROLE.PRINCIPAL_ID.eq(principalId))
                .orderBy(PRINCIPAL_ROLE.ROLE).fetch(Record1::value1);
    }

    List<String> tenantsOf(long principalId) {
        return db.select(PRINCIPAL_TENANT.TENANT).from(PRINCIPAL_TENANT)
                .where(PRINCIPAL_TENANT.PRINCIPAL_ID.eq(principalId)).orderBy(PRINCIPAL_TENANT.TENANT)
                .fetch(Record1::value1);
    }

    void replaceRoles(DSLContext tx, long principalId, Collection<String> roles) {
        tx.deleteFrom(PRINCIPAL_ROLE).where(PRINCIPAL_ROLE.PRINCIPAL_ID.eq(principalId)).execute();
        for (String r : roles) {
            tx.insertInto(PRINCIPAL_ROLE).set(PRINCIPAL_ROLE.PRINCIPAL_ID, principalId).set(PRINCIPAL_ROLE.ROLE, r)
                    .onDuplicateKeyIgnore().execute();
        }
    }

    void replaceAcl(DSLContext tx, long principalId, Collection<Grant> entries) {
        tx.deleteFrom(PRINCIPAL_ACL).where(PRINCIPAL_ACL.PRINCIPAL_ID.eq(principalId)).execute();
        for (Grant e : entries) {
            tx.insertInto(PRINCIPAL_ACL).set(PRINCIPAL_ACL.PRINCIPAL_ID, principalId)
                    .set(PRINCIPAL_ACL.RESOURCE, e.resource()).set(PRINCIPAL_ACL.PERMISSION, e.permission())
                    .onDuplicateKeyIgnore().execute();
        }
    }

    void replaceAttributes(DSLContext tx, long principalId, Map<String, List<String>> attributes) {
        tx.deleteFrom(PRINCIPAL_ATTRIBUTE).where(PRINCIPAL_ATTRIBUTE.PRINCIPAL_ID.eq(principalId)).execute();
        attributes.forEach((k, values) -> values.forEach(v -> tx.insertInto(PRINCIPAL_ATTRIBUTE)
                .set(PRINCIPAL_ATTRIBUTE.PRINCIPAL_ID, principalId).set(PRINCIPAL_ATTRIBUTE.ATTR_KEY, k)
                .set(PRINCIPAL_ATTRIBUTE.ATTR_VALUE, v).onDuplicateKeyIgnore().execute()));
    }

    void replaceTenants(DSLContext tx, long principalId, Collection<String> tenants) {
        tx.deleteFrom(PRINCIPAL_TENANT).where(PRINCIPAL_TENANT.PRINCIPAL_ID.eq(principalId)).execute();
        for (String t : tenants) {
            tx.insertInto(PRINCIPAL_TENANT).set(PRINCIPAL_TENANT.PRINCIPAL_ID, principalId)
                    .set(PRINCIPAL_TENANT.TENANT, t).onDuplicateKeyIgnore().execute();
        }
    }

    void setRank(DSLContext tx, long principalId, Rank rank, Instant now) {
        tx.update(PRINCIPAL).set(PRINCIPAL.USER_RANK, rank.name()).set(PRINCIPAL.UPDATED_AT, Times.toLocal(now))
                .set(PRINCIPAL.VERSION, PRINCIPAL.VERSION.plus(1)).where(PRINCIPAL.PRINCIPAL_ID.eq(principalId)).execute();
    }
}
