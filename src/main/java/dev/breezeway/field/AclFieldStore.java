package dev.breezeway.field;

import static dev.breezeway.db.gen.Tables.ACCOUNT;
import static dev.breezeway.db.gen.Tables.ACL_FIELD_VALUE;
import static dev.breezeway.db.gen.Tables.CUSTOM_FIELD;
import static dev.breezeway.db.gen.Tables.PRINCIPAL;

import dev.breezeway.db.Times;
import java.time.Instant;
import java.util.List;
import java.util.ArrayList;
import java.util.OptionalLong;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.impl.DSL;

/** Values of custom fields on ACL objects ({@code acl_field_value}), and the named fields read from their owners' rows. */
public final class AclFieldStore {
    private final DSLContext db;

    public AclFieldStore(DSLContext db) {
        this.db = db;
    }

    /** A stored custom field value, e.g. field 900000003 = "Belgium". */
    public record CustomValue(long fieldId, String value) {
    }

    /** The custom field values of {@code aclId}, in the fields' display order. */
    public List<CustomValue> customValuesOf(long aclId) {
        return db.select(ACL_FIELD_VALUE.FIELD_ID, ACL_FIELD_VALUE.FIELD_VALUE)
                .from(ACL_FIELD_VALUE)
                .join(CUSTOM_FIELD).on(CUSTOM_FIELD.FIELD_ID.eq(ACL_FIELD_VALUE.FIELD_ID))
                .where(ACL_FIELD_VALUE.ACL_ID.eq(aclId))
                .orderBy(CUSTOM_FIELD.DISPLAY_SEQ.asc(), CUSTOM_FIELD.FIELD_ID.asc())
                .fetch(r -> new CustomValue(r.value1(), r.value2()));
    }

    /**
     * The values of custom field {@code fieldId} on the live principals of {@code accountId}, by acl-id:
     * at most {@code rows} of them, from the {@code start}th (0-based).
     */
    public List<AclFieldValue> valuesOfCustomField(long accountId, long fieldId, OptionalLong onlyAclId, int start,
                                                   int rows) {
        Condition only = onlyAclId.isPresent() ? ACL_FIELD_VALUE.ACL_ID.eq(onlyAclId.getAsLong()) : DSL.noCondition();
        return db.select(ACL_FIELD_VALUE.ACL_ID, ACL_FIELD_VALUE.FIELD_VALUE)
                .from(ACL_FIELD_VALUE)
                .join(PRINCIPAL).on(PRINCIPAL.PRINCIPAL_ID.eq(ACL_FIELD_VALUE.ACL_ID))
                .where(ACL_FIELD_VALUE.FIELD_ID.eq(fieldId).and(PRINCIPAL.ACCOUNT_ID.eq(accountId))
                        .and(PRINCIPAL.DELETED_AT.isNull()).and(only))
                .orderBy(ACL_FIELD_VALUE.ACL_ID.asc())
                .limit(rows).offset(start)
                .fetch(r -> new AclFieldValue(r.value1(), Long.toString(fieldId), r.value2()));
    }

    /**
     * The values of named field {@code field} on the objects of account {@code accountId} that have
     * one (the account itself for account fields, its live principals otherwise), by acl-id: at most
     * {@code rows} of them, from the {@code start}th (0-based).
     */
    public List<AclFieldValue> valuesOfNamedField(long accountId, NamedField field, OptionalLong onlyAclId, int start,
                                                  int rows) {
        if (field == NamedField.ACCOUNT_COMPANY) {
            if (onlyAclId.isPresent() && onlyAclId.getAsLong() != accountId) {
                return List.of();
            }
            return db.select(ACCOUNT.NAME).from(ACCOUNT).where(ACCOUNT.ACCOUNT_ID.eq(accountId))
                    .limit(rows).offset(start)
                    .fetch(r -> new AclFieldValue(accountId, field.wire(), r.value1()));
        }
        Field<String> column = principalColumn(field);
        Condition only = onlyAclId.isPresent() ? PRINCIPAL.PRINCIPAL_ID.eq(onlyAclId.getAsLong()) : DSL.noCondition();
        return db.select(PRINCIPAL.PRINCIPAL_ID, column).from(PRINCIPAL)
                .where(PRINCIPAL.ACCOUNT_ID.eq(accountId).and(PRINCIPAL.DELETED_AT.isNull())
                        .and(column.isNotNull()).and(only))
                .orderBy(PRINCIPAL.PRINCIPAL_ID.asc())
                .limit(rows).offset(start)
                .fetch(r -> new AclFieldValue(r.value1(), field.wire(), r.value2()));
    }

    /** The named fields of live principal {@code principalId} that have a value, in {@link NamedField} order. */
    public List<AclFieldValue> namedValuesOf(long accountId, long principalId) {
        List<NamedField> fields = List.of(NamedField.FIRST_NAME, NamedField.LAST_NAME, NamedField.EMAIL, NamedField.LOGIN);
        List<Field<String>> columns = fields.stream().map(AclFieldStore::principalColumn).toList();
        List<AclFieldValue> out = new ArrayList<>();
        db.select(columns).from(PRINCIPAL)
                .where(PRINCIPAL.PRINCIPAL_ID.eq(principalId).and(PRINCIPAL.ACCOUNT_ID.eq(accountId))
                        .and(PRINCIPAL.DELETED_AT.isNull()))
                .fetchOptional()
                .ifPresent(r -> {
                    for (int i = 0; i < fields.size(); i++) {
                        String v = r.get(columns.get(i));
                        if (v != null) {
                            out.add(new AclFieldValue(principalId, fields.get(i).wire(), v));
                        }
                    }
                });
        return out;
    }

    /** Sets the value of a custom field on an object, replacing any previous value. */
    public void put(DSLContext tx, long aclId, long fieldId, String value, Instant now) {
        tx.insertInto(ACL_FIELD_VALUE)
                .set(ACL_FIELD_VALUE.ACL_ID, aclId)
                .set(ACL_FIELD_VALUE.FIELD_ID, fieldId)
                .set(ACL_FIELD_VALUE.FIELD_VALUE, value)
                .set(ACL_FIELD_VALUE.UPDATED_AT, Times.toLocal(now))
                .onDuplicateKeyUpdate()
                .set(ACL_FIELD_VALUE.FIELD_VALUE, value)
                .set(ACL_FIELD_VALUE.UPDATED_AT, Times.toLocal(now))
                .execute();
    }

    /** Removes the value of a custom field on an object, if any. */
    public void remove(DSLContext tx, long aclId, long fieldId) {
        tx.deleteFrom(ACL_FIELD_VALUE)
                .where(ACL_FIELD_VALUE.ACL_ID.eq(aclId).and(ACL_FIELD_VALUE.FIELD_ID.eq(fieldId)))
                .execute();
    }

    private static Field<String> principalColumn(NamedField field) {
        return switch (field) {
            case FIRST_NAME -> PRINCIPAL.FIRST_NAME;
            case LAST_NAME -> PRINCIPAL.LAST_NAME;
            case EMAIL -> PRINCIPAL.EMAIL;
            case LOGIN -> DSL.coalesce(PRINCIPAL.LOGIN, PRINCIPAL.NAME);
            case ACCOUNT_COMPANY -> throw new IllegalArgumentException("not a principal field");
        };
    }
}
