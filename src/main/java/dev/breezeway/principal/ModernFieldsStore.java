package dev.breezeway.principal;

import static dev.breezeway.db.gen.Tables.PRINCIPAL;

import dev.breezeway.db.Times;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.JSON;
import org.jooq.Record1;
import org.jooq.impl.DSL;

/**
 * The versioned writes of the modern model: a person created under a UUID the client chose, its name,
 * email, phone and dynamic properties, and its suspension. Every write names the version it expects
 * (checked inside the UPDATE) or none for "the current one".
 */
final class ModernFieldsStore {
    private final DSLContext db;

    ModernFieldsStore(DSLContext db) {
        this.db = db;
    }

    long insert(DSLContext tx, long accountId, UUID id, ModernFields f) {
        long principalId = tx.insertInto(PRINCIPAL)
                .set(PRINCIPAL.UUID, Uuids.toBytes(id))
                .set(PRINCIPAL.ACCOUNT_ID, accountId)
                .set(PRINCIPAL.TYPE, PrincipalType.USER.wire())
                .set(PRINCIPAL.LOGIN, f.email().orElse(null))
                .set(PRINCIPAL.NAME, f.name())
                .set(PRINCIPAL.EMAIL, f.email().orElse(null))
                .set(PRINCIPAL.PHONE, f.phone().orElse(null))
                .set(PRINCIPAL.PROPERTIES, JSON.json(f.propertiesJson()))
                .returningResult(PRINCIPAL.PRINCIPAL_ID)
                .fetchSingle(Record1::value1);
        PrincipalNgrams.indexNew(tx, principalId, f.name());
        return principalId;
    }

    /** Whether any principal (person or not, live or deleted) has this UUID. */
    boolean uuidTaken(UUID id) {
        return db.fetchExists(PRINCIPAL, PRINCIPAL.UUID.eq(Uuids.toBytes(id)));
    }

    /**
     * Writes the fields if the version is still the expected one, bumping it; false when another writer
     * won. The login follows the email when it was the old email or unset.
     */
    boolean updateFields(DSLContext tx, long principalId, OptionalLong expected, ModernFields f,
                         Optional<String> oldEmail, Instant now) {
        Optional<String> oldName = PrincipalNgrams.lockName(tx, principalId);
        var update = tx.update(PRINCIPAL)
                .set(PRINCIPAL.NAME, f.name())
                .set(PRINCIPAL.EMAIL, f.email().orElse(null))
                .set(PRINCIPAL.PHONE, f.phone().orElse(null))
                .set(PRINCIPAL.PROPERTIES, JSON.json(f.propertiesJson()))
                .set(PRINCIPAL.UPDATED_AT, Times.toLocal(now))
                .set(PRINCIPAL.VERSION, PRINCIPAL.VERSION.plus(1));
        if (f.email().isPresent() && !f.email().equals(oldEmail)) {
            update = update.set(PRINCIPAL.LOGIN, DSL.when(PRINCIPAL.LOGIN.isNull()
                    .or(PRINCIPAL.LOGIN.eq(oldEmail.orElse(""))), DSL.val(f.email().get())).otherwise(PRINCIPAL.LOGIN));
        }
        if (update.where(PRINCIPAL.PRINCIPAL_ID.eq(principalId).and(versionIs(expected))).execute() != 1) {
            return false;
        }
        PrincipalNgrams.reindex(tx, principalId, oldName.orElse(""), f.name());
        return true;
    }

    /** Bumps the version if it is still the expected one: the guard for changes to roles, ACL or attributes. */
    boolean bumpVersion(DSLContext tx, long principalId, OptionalLong expected, Instant now) {
        return tx.update(PRINCIPAL)
                .set(PRINCIPAL.VERSION, PRINCIPAL.VERSION.plus(1))
                .set(PRINCIPAL.UPDATED_AT, Times.toLocal(now))
                .where(PRINCIPAL.PRINCIPAL_ID.eq(principalId).and(versionIs(expected)))
                .execute() == 1;
    }

    boolean setSuspended(DSLContext tx, long principalId, OptionalLong expected, Optional<Instant> at, Instant now) {
        return tx.update(PRINCIPAL)
                .set(PRINCIPAL.SUSPENDED_AT, at.map(Times::toLocal).orElse(null))
                .set(PRINCIPAL.VERSION, PRINCIPAL.VERSION.plus(1))
                .set(PRINCIPAL.UPDATED_AT, Times.toLocal(now))
                .where(PRINCIPAL.PRINCIPAL_ID.eq(principalId).and(versionIs(expected)))
                .execute() == 1;
    }

    /** A guest becomes a regular user. */
    void promoteGuest(DSLContext tx, long principalId, Instant now) {
        tx.update(PRINCIPAL).set(PRINCIPAL.TYPE, PrincipalType.USER.wire()).set(PRINCIPAL.UPDATED_AT, Times.toLocal(now))
                .set(PRINCIPAL.VERSION, PRINCIPAL.VERSION.plus(1))
                .where(PRINCIPAL.PRINCIPAL_ID.eq(principalId).and(PRINCIPAL.TYPE.eq(PrincipalType.GUEST.wire())))
                .execute();
    }

    private static Condition versionIs(OptionalLong expected) {
        return expected.isPresent() ? PRINCIPAL.VERSION.eq(expected.getAsLong()) : DSL.noCondition();
    }
}
