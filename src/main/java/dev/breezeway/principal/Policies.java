package dev.breezeway.principal;

import dev.breezeway.audit.AuditLog;
import dev.breezeway.audit.AuditTarget;
import dev.breezeway.error.ApiException;
import dev.breezeway.error.FieldType;
import dev.breezeway.error.Invalid;
import dev.breezeway.error.InvalidSubcode;
import dev.breezeway.error.Problem;
import dev.breezeway.session.Session;
import java.util.ArrayList;
import java.util.List;
import org.jooq.DSLContext;

/**
 * The account's login and password policies, one per face, read by every check of a login or password
 * and changed by administrators on both faces, e.g. the XML face's minimum length raised to 8. Every face
 * validates passwords through these rules; nothing is cached, so several nodes see a change at once.
 */
public final class Policies {
    /** Adobe Connect allows a password policy of 4 to 32 characters on its own face. */
    static final int XML_LENGTH_MAX = 32;
    private final DSLContext db;
    private final PolicyStore store;
    private final AuditLog audit;

    public Policies(DSLContext db, AuditLog audit) {
        this.audit = audit;
        this.db = db;
        this.store = new PolicyStore(db);
    }

    public PasswordRules of(long accountId, Face face) {
        return store.of(accountId, face);
    }

    /**
     * Replaces the policy of {@code face} if its version is still {@code expected} (that of {@link #of});
     * every out-of-bounds value is reported at once ({@code range} on its parameter).
     */
    public PasswordRules update(Session caller, Face face, PasswordRules r, long expected) {
        List<Invalid> problems = new ArrayList<>();
        int lengthMax = face == Face.XML ? XML_LENGTH_MAX : PasswordRules.LENGTH_MAX;
        boolean minOk = r.minLength() >= PasswordRules.LENGTH_MIN && r.minLength() <= lengthMax;
        if (!minOk) {
            problems.add(Invalid.range("password-min-length", FieldType.LONG, PasswordRules.LENGTH_MIN, lengthMax));
        }
        // The maximum is checked against a minimum that is itself acceptable, so one mistake is one problem.
        int maxFloor = minOk ? r.minLength() : PasswordRules.LENGTH_MIN;
        if (r.maxLength() < maxFloor || r.maxLength() > lengthMax) {
            problems.add(Invalid.range("password-max-length", FieldType.LONG, maxFloor, lengthMax));
        }
        if (r.expiryDays() < 0 || r.expiryDays() > PasswordRules.EXPIRY_MAX) {
            problems.add(Invalid.range("password-expiry-days", FieldType.LONG, 0, PasswordRules.EXPIRY_MAX));
        }
        if (r.historyCount() < 0 || r.historyCount() > PasswordRules.HISTORY_MAX) {
            problems.add(Invalid.range("password-history", FieldType.LONG, 0, PasswordRules.HISTORY_MAX));
        }
        if (r.specialChars().map(s -> s.isBlank() || s.length() > PasswordRules.SPECIAL_MAX).orElse(false)) {
            problems.add(Invalid.range("password-special-characters", FieldType.STRING, 1, PasswordRules.SPECIAL_MAX));
        }
        if (!problems.isEmpty()) {
            throw ApiException.invalid(problems);
        }
        boolean written = db.transactionResult(() -> {
            PasswordRules before = store.of(caller.accountId(), face);
            if (!store.write(db, caller.accountId(), face, r, expected)) {
                return false;
            }
            audit.change(caller, "policy.update", AuditTarget.of("account-policy", face.wire(), face.wire()),
                    AuditLog.changes(AuditLog.fieldsOf(before, "version"), AuditLog.fieldsOf(r, "version")));
            return true;
        });
        if (!written) {
            throw ApiException.problem(Problem.PRECONDITION_FAILED, "version");
        }
        return store.of(caller.accountId(), face);
    }
}
