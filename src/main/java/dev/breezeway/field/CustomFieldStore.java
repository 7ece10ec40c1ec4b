package dev.breezeway.field;

import static dev.breezeway.db.gen.Tables.ACCOUNT;
import static dev.breezeway.db.gen.Tables.CUSTOM_FIELD;

import dev.breezeway.db.Constraints;
import dev.breezeway.db.ListQueries;
import dev.breezeway.db.Times;
import dev.breezeway.db.gen.tables.records.CustomFieldRecord;
import dev.breezeway.query.ListQuery;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.jooq.DSLContext;
import org.jooq.Record1;
import org.jooq.UpdateSetMoreStep;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;

/** Custom field definitions ({@code custom_field}) in MariaDB. */
public final class CustomFieldStore {
    /** The fields custom-fields filters and sorts on: every attribute and element it returns. */
    public static final List<String> LIST_FIELDS = List.of("field-id", "account-id", "object-type", "permission-id",
            "field-type", "is-primary", "is-required", "display-seq", "name", "comments");

    private static final Map<String, ListQueries.Column> COLUMNS = Map.of(
            "field-id", ListQueries.number(CUSTOM_FIELD.FIELD_ID),
            "account-id", ListQueries.number(CUSTOM_FIELD.ACCOUNT_ID),
            "object-type", ListQueries.text(CUSTOM_FIELD.OBJECT_TYPE),
            "permission-id", ListQueries.text(CUSTOM_FIELD.PERMISSION_ID),
            "field-type", ListQueries.text(CUSTOM_FIELD.FIELD_TYPE),
            "is-primary", ListQueries.bool(CUSTOM_FIELD.IS_PRIMARY),
            "is-required", ListQueries.bool(CUSTOM_FIELD.IS_REQUIRED),
            "display-seq", ListQueries.number(CUSTOM_FIELD.DISPLAY_SEQ),
            "name", ListQueries.text(CUSTOM_FIELD.NAME),
            "comments", ListQueries.text(CUSTOM_FIELD.COMMENTS));

    private final DSLContext db;

    public CustomFieldStore(DSLContext db) {
        this.db = db;
    }

    /** Another field of the same object type in the account already has this name. */
    public static final class NameTakenException extends RuntimeException {
        NameTakenException(DataAccessException cause) {
            super("custom field name taken", cause, false, false);
        }
    }

    /** A field to create; the store assigns the id. */
    public record NewField(long accountId, ObjectType objectType, String name, CustomFieldType fieldType,
                           boolean isRequired, boolean isPrimary, int displaySeq, Optional<String> comments) {
    }

    /** Changes to a field; empty parts stay as they are, and comments of "" clear them. */
    public record FieldChange(long fieldId, ObjectType objectType, String name, Optional<CustomFieldType> fieldType,
                              Optional<Boolean> isRequired, Optional<Boolean> isPrimary, OptionalInt displaySeq,
                              Optional<String> comments) {
    }

    /** The account's fields that {@code q} selects, by display-seq and id unless {@code q} sorts. */
    public List<CustomField> list(long accountId, ListQuery q) {
        var select = db.selectFrom(CUSTOM_FIELD)
                .where(CUSTOM_FIELD.ACCOUNT_ID.eq(accountId).and(ListQueries.where(q, COLUMNS)))
                .orderBy(ListQueries.orderBy(q, COLUMNS, CUSTOM_FIELD.DISPLAY_SEQ.asc(), CUSTOM_FIELD.FIELD_ID.asc()));
        return ListQueries.page(select, q).fetch(CustomFieldStore::toField);
    }

    /** The account's fields whose values objects of a principal can hold, in display order. */
    public List<CustomField> listByTypes(long accountId, Collection<ObjectType> types) {
        return db.selectFrom(CUSTOM_FIELD)
                .where(CUSTOM_FIELD.ACCOUNT_ID.eq(accountId)
                        .and(CUSTOM_FIELD.OBJECT_TYPE.in(types.stream().map(ObjectType::wire).toList())))
                .orderBy(CUSTOM_FIELD.DISPLAY_SEQ.asc(), CUSTOM_FIELD.FIELD_ID.asc())
                .fetch(CustomFieldStore::toField);
    }

    public Optional<CustomField> find(long accountId, long fieldId) {
        return find(db, accountId, fieldId);
    }

    public Optional<CustomField> find(DSLContext tx, long accountId, long fieldId) {
        return tx.selectFrom(CUSTOM_FIELD)
                .where(CUSTOM_FIELD.FIELD_ID.eq(fieldId).and(CUSTOM_FIELD.ACCOUNT_ID.eq(accountId)))
                .fetchOptional(CustomFieldStore::toField);
    }

    /** The field, share-locked until {@code tx} ends so that it cannot be deleted while values are written to it. */
    public Optional<CustomField> findForShare(DSLContext tx, long accountId, long fieldId) {
        return tx.selectFrom(CUSTOM_FIELD)
                .where(CUSTOM_FIELD.FIELD_ID.eq(fieldId).and(CUSTOM_FIELD.ACCOUNT_ID.eq(accountId)))
                .forShare()
                .fetchOptional(CustomFieldStore::toField);
    }

    /**
     * Locks the account row until {@code tx} ends, so that counting and creating the account's
     * fields is one step for concurrent creators.
     */
    public void lockAccount(DSLContext tx, long accountId) {
        tx.select(ACCOUNT.ACCOUNT_ID).from(ACCOUNT).where(ACCOUNT.ACCOUNT_ID.eq(accountId)).forUpdate().fetch();
    }

    public int count(DSLContext tx, long accountId, ObjectType type) {
        return tx.fetchCount(CUSTOM_FIELD, CUSTOM_FIELD.ACCOUNT_ID.eq(accountId)
                .and(CUSTOM_FIELD.OBJECT_TYPE.eq(type.wire())));
    }

    /** One more than the highest display-seq of the account's fields of {@code type}, or 1. */
    public int nextDisplaySeq(DSLContext tx, long accountId, ObjectType type) {
        return tx.select(DSL.coalesce(DSL.max(CUSTOM_FIELD.DISPLAY_SEQ), 0)).from(CUSTOM_FIELD)
                .where(CUSTOM_FIELD.ACCOUNT_ID.eq(accountId).and(CUSTOM_FIELD.OBJECT_TYPE.eq(type.wire())))
                .fetchSingle(Record1::value1) + 1;
    }

    /** Inserts a field and returns its id. @throws NameTakenException if the name is taken */
    public long insert(DSLContext tx, NewField f, Instant now) {
        try {
            return tx.insertInto(CUSTOM_FIELD)
                    .set(CUSTOM_FIELD.ACCOUNT_ID, f.accountId())
                    .set(CUSTOM_FIELD.OBJECT_TYPE, f.objectType().wire())
                    .set(CUSTOM_FIELD.NAME, f.name())
                    .set(CUSTOM_FIELD.FIELD_TYPE, f.fieldType().wire())
                    .set(CUSTOM_FIELD.PERMISSION_ID, CustomField.MANAGE)
                    .set(CUSTOM_FIELD.IS_REQUIRED, f.isRequired())
                    .set(CUSTOM_FIELD.IS_PRIMARY, f.isPrimary())
                    .set(CUSTOM_FIELD.DISPLAY_SEQ, f.displaySeq())
                    .set(CUSTOM_FIELD.COMMENTS, f.comments().orElse(null))
                    .set(CUSTOM_FIELD.CREATED_AT, Times.toLocal(now))
                    .set(CUSTOM_FIELD.UPDATED_AT, Times.toLocal(now))
                    .returningResult(CUSTOM_FIELD.FIELD_ID)
                    .fetchSingle(Record1::value1);
        } catch (DataAccessException e) {
            throw translate(e);
        }
    }

    /**
     * Applies {@code c} to the account's field with that id and object type; returns false if there is none.
     *
     * @throws NameTakenException if the new name is taken
     */
    public boolean update(DSLContext tx, long accountId, FieldChange c, Instant now) {
        UpdateSetMoreStep<CustomFieldRecord> u = tx.update(CUSTOM_FIELD)
                .set(CUSTOM_FIELD.NAME, c.name())
                .set(CUSTOM_FIELD.UPDATED_AT, Times.toLocal(now));
        if (c.fieldType().isPresent()) {
            u = u.set(CUSTOM_FIELD.FIELD_TYPE, c.fieldType().get().wire());
        }
        if (c.isRequired().isPresent()) {
            u = u.set(CUSTOM_FIELD.IS_REQUIRED, c.isRequired().get());
        }
        if (c.isPrimary().isPresent()) {
            u = u.set(CUSTOM_FIELD.IS_PRIMARY, c.isPrimary().get());
        }
        if (c.displaySeq().isPresent()) {
            u = u.set(CUSTOM_FIELD.DISPLAY_SEQ, c.displaySeq().getAsInt());
        }
        if (c.comments().isPresent()) {
            u = u.set(CUSTOM_FIELD.COMMENTS, c.comments().get().isEmpty() ? null : c.comments().get());
        }
        try {
            // Matched rows, not changed rows: MariaDB Connector/J reports found rows by default.
            return u.where(CUSTOM_FIELD.FIELD_ID.eq(c.fieldId()).and(CUSTOM_FIELD.ACCOUNT_ID.eq(accountId))
                    .and(CUSTOM_FIELD.OBJECT_TYPE.eq(c.objectType().wire()))).execute() == 1;
        } catch (DataAccessException e) {
            throw translate(e);
        }
    }

    /** Deletes the fields; their values go with them ({@code fk_acl_field_value_field} cascades). */
    public void delete(DSLContext tx, long accountId, Collection<Long> fieldIds) {
        tx.deleteFrom(CUSTOM_FIELD)
                .where(CUSTOM_FIELD.FIELD_ID.in(fieldIds).and(CUSTOM_FIELD.ACCOUNT_ID.eq(accountId)))
                .execute();
    }

    private static RuntimeException translate(DataAccessException e) {
        return Constraints.violated(e, "uk_custom_field_name") ? new NameTakenException(e) : e;
    }

    private static CustomField toField(CustomFieldRecord r) {
        return new CustomField(
                r.getFieldId(),
                r.getAccountId(),
                ObjectType.fromWire(r.getObjectType()).orElseThrow(),
                r.getName(),
                CustomFieldType.fromWire(r.getFieldType()).orElse(CustomFieldType.TEXT),
                r.getPermissionId(),
                Boolean.TRUE.equals(r.getIsRequired()),
                Boolean.TRUE.equals(r.getIsPrimary()),
                r.getDisplaySeq(),
                Optional.ofNullable(r.getComments()));
    }
}
