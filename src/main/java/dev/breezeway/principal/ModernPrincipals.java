package dev.breezeway.principal;

import dev.breezeway.access.Authorizer;
import dev.breezeway.audit.AuditLog;
import dev.breezeway.db.Constraints;
import dev.breezeway.error.ApiException;
import dev.breezeway.error.FieldType;
import dev.breezeway.error.Invalid;
import dev.breezeway.error.InvalidSubcode;
import dev.breezeway.error.Problem;
import dev.breezeway.session.Session;
import java.time.Clock;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.exception.DataAccessException;

/**
 * Persons of the modern model created under a UUID the client chose and replaced field by field
 * ({@code PUT /resources/iam/principals/{id}}), with their roles, ACL and attributes, through the same
 * rules as every other face: a taken email or phone is {@code duplicate}, a stale version changes nothing.
 */
public final class ModernPrincipals {
    private final DSLContext db;
    private final ModernFieldsStore fields;
    private final Authorizations authorizations;
    private final Authorizer authz;
    private final Clock clock;
    private final AuditLog audit;
    private final PrincipalStore principals;

    public ModernPrincipals(DSLContext db, Authorizations authorizations, Authorizer authz, Clock clock, AuditLog audit) {
        this.audit = audit;
        this.principals = new PrincipalStore(db);
        this.db = db;
        this.fields = new ModernFieldsStore(db);
        this.authorizations = authorizations;
        this.authz = authz;
        this.clock = clock;
    }

    /** Creates the person {@code id} in the caller's account; a UUID used before (by anyone) is {@code PRECONDITION_FAILED}. */
    public long create(Session caller, UUID id, ModernFields f, Authorizations.Change change) {
        if (fields.uuidTaken(id)) {
            throw ApiException.problem(Problem.PRECONDITION_FAILED, "version");
        }
        authorizations.guardNew(caller, change);
        try {
            return db.transactionResult(() -> {
                long created = fields.insert(db, caller.accountId(), id, f);
                authorizations.write(db, created, change);
                Principal p = principals.findById(db, created).orElseThrow();
                audit.change(caller, "principal.create", PrincipalAudit.target(p), PrincipalAudit.created(p));
                authorizations.record(caller, created, Authorizations.Current.NONE, change);
                return created;
            });
        } catch (DataAccessException e) {
            throw translate(e);
        }
    }

    /** Replaces the fields of an existing person if its version is still {@code expected}. */
    public void update(Session caller, long principalId, Optional<String> oldEmail, ModernFields f,
                       Authorizations.Current current, Authorizations.Change change, OptionalLong expected) {
        authz.requireMayActOn(caller, principalId);
        authorizations.guard(caller, principalId, current, change);
        try {
            db.transaction(() -> {
                Optional<Principal> before = principals.findById(db, principalId);
                if (!fields.updateFields(db, principalId, expected, f, oldEmail, clock.instant())) {
                    throw ApiException.problem(Problem.PRECONDITION_FAILED, "version");
                }
                authorizations.write(db, principalId, change);
                Principal after = principals.findById(db, principalId).orElseThrow();
                var changed = AuditLog.changes(before.map(PrincipalAudit::fields).orElse(java.util.Map.of()),
                        PrincipalAudit.fields(after));
                if (!changed.isEmpty()) {
                    audit.change(caller, "principal.update", PrincipalAudit.target(after), changed);
                }
                authorizations.record(caller, principalId, current, change);
            });
        } catch (DataAccessException e) {
            throw translate(e);
        }
    }

    private static RuntimeException translate(DataAccessException e) {
        if (Constraints.violated(e, "uk_principal_email") || Constraints.violated(e, "uk_principal_login")) {
            return ApiException.invalid(Invalid.of("email", FieldType.STRING, InvalidSubcode.DUPLICATE));
        }
        if (Constraints.violated(e, "uk_principal_phone")) {
            return ApiException.invalid(Invalid.of("phone", FieldType.STRING, InvalidSubcode.DUPLICATE));
        }
        return e;
    }
}
