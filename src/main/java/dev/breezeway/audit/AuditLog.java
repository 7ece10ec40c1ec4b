package dev.breezeway.audit;

import static dev.breezeway.db.gen.Tables.AUDIT_EVENT;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.breezeway.db.Times;
import dev.breezeway.db.gen.tables.records.AuditEventRecord;
import dev.breezeway.session.Session;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jooq.DSLContext;
import org.jooq.InsertSetMoreStep;

/**
 * Writes the audit trail ({@code audit_event}): who did what to which object, the before/after of the
 * changed fields, when, from which address and through which face ({@link AuditContext}).
 *
 * <p>{@link #change} writes through the thread-bound context, so the event is committed or rolled back with
 * the change it records: a service calls it inside its own {@code db.transaction(() -> …)}. Failed and
 * locked logins are written by {@link #loginRefused} on a connection of their own, committed at once, so
 * they survive a rolled-back batch as the failure counters do.
 *
 * <p>Details never hold a secret: a key naming a password, hash, secret or token is dropped whatever the
 * caller passes.
 */
public final class AuditLog {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern SECRET = Pattern.compile("(?i).*(password|passwd|hash|secret|token|smartcard).*");
    private static final int MAX_TEXT = 255;

    private final DSLContext db;
    private final DSLContext autonomous;
    private final Clock clock;

    public AuditLog(DSLContext db, DSLContext autonomous, Clock clock) {
        this.db = db;
        this.autonomous = autonomous;
        this.clock = clock;
    }

    /** A change made by {@code actor}, in the calling thread's transaction. */
    public void change(Session actor, String kind, AuditTarget target, Map<String, ?> details) {
        insert(db, actor.accountId(), Optional.of(actor.principalId()), Optional.of(actor.login()), kind, target,
                details);
    }

    /** One event of {@code kind} per target (with its details), in one multi-row insert, e.g. a bulk create. */
    public void changeAll(Session actor, String kind, List<AuditTarget> targets, List<? extends Map<String, ?>> details) {
        if (targets.isEmpty()) {
            return;
        }
        InsertSetMoreStep<AuditEventRecord> step = null;
        for (int i = 0; i < targets.size(); i++) {
            AuditEventRecord r = row(actor.accountId(), Optional.of(actor.principalId()), Optional.of(actor.login()), kind,
                    targets.get(i), details.get(i));
            step = step == null ? db.insertInto(AUDIT_EVENT).set(r) : step.newRecord().set(r);
        }
        step.execute();
    }

    /** A change made by the system or an anonymous caller in {@code accountId}, in the calling thread's transaction. */
    public void system(long accountId, String kind, AuditTarget target, Map<String, ?> details) {
        insert(db, accountId, Optional.empty(), Optional.empty(), kind, target, details);
    }

    /** A successful login of {@code principalId}, in the calling thread's transaction (with its session). */
    public void loginOk(long accountId, long principalId, String login) {
        loginOk(accountId, principalId, login, "login.ok", AuditTarget.principal(principalId, login));
    }

    /** A successful login of {@code principalId} as {@code kind} (e.g. an API client's token), in the thread's transaction. */
    public void loginOk(long accountId, long principalId, String login, String kind, AuditTarget target) {
        insert(db, accountId, Optional.of(principalId), Optional.of(login), kind, target, Map.of());
    }

    /**
     * A refused login ({@code login.failed} or {@code login.locked}), committed at once whatever happens to the
     * calling thread's transaction; the actor is anonymous, the object the login tried.
     */
    public void loginRefused(long accountId, String kind, Optional<Long> principalId, String login,
                             Map<String, ?> details) {
        loginRefused(accountId, kind, new AuditTarget("principal", principalId.map(Object::toString).orElse(null), login),
                details);
    }

    /** A refused login of {@code target} (e.g. an API client), committed at once as {@link #loginRefused} is. */
    public void loginRefused(long accountId, String kind, AuditTarget target, Map<String, ?> details) {
        insert(autonomous, accountId, Optional.empty(), Optional.empty(), kind, target, details);
    }

    /**
     * The fields that differ between {@code before} and {@code after}, as
     * {@code {"name":{"before":"Ada","after":"Ada L."}}}; equal fields are left out.
     */
    public static Map<String, Object> changes(Map<String, ?> before, Map<String, ?> after) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<String, ?> e : after.entrySet()) {
            Object was = before.get(e.getKey());
            if (!Objects.equals(was, e.getValue())) {
                Map<String, Object> pair = new LinkedHashMap<>();
                pair.put("before", was);
                pair.put("after", e.getValue());
                out.put(e.getKey(), pair);
            }
        }
        return out;
    }

    /**
     * The components of {@code r} as a map (an empty Optional as null, a present one as its value), without
     * those named in {@code leaveOut}, e.g. a policy's settings without its version.
     */
    public static Map<String, Object> fieldsOf(Record r, String... leaveOut) {
        Map<String, Object> out = new LinkedHashMap<>();
        java.util.Set<String> skip = java.util.Set.of(leaveOut);
        for (java.lang.reflect.RecordComponent c : r.getClass().getRecordComponents()) {
            if (skip.contains(c.getName())) {
                continue;
            }
            try {
                Object v = c.getAccessor().invoke(r);
                out.put(c.getName(), v instanceof Optional<?> o ? o.orElse(null) : v);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        }
        return out;
    }

    private void insert(DSLContext ctx, long accountId, Optional<Long> actorId, Optional<String> actorLogin, String kind,
                        AuditTarget target, Map<String, ?> details) {
        ctx.insertInto(AUDIT_EVENT).set(row(accountId, actorId, actorLogin, kind, target, details)).execute();
    }

    private AuditEventRecord row(long accountId, Optional<Long> actorId, Optional<String> actorLogin, String kind,
                                 AuditTarget target, Map<String, ?> details) {
        Optional<AuditContext.Origin> origin = AuditContext.current();
        AuditEventRecord r = new AuditEventRecord();
        r.setAccountId(accountId);
        r.setOccurredAt(Times.toLocal(clock.instant()));
        r.setActorPrincipalId(actorId.orElse(null));
        r.setActorLogin(actorLogin.map(AuditLog::cut).orElse(null));
        r.setKind(kind);
        r.setObjectType(target.type());
        r.setObjectId(target.id());
        r.setObjectName(target.name() == null ? null : cut(target.name()));
        r.setDetails(details.isEmpty() ? null : json(details));
        r.setAddress(origin.map(AuditContext.Origin::address).orElse(null));
        r.setFace(origin.map(o -> o.face().wire()).orElse(null));
        return r;
    }

    private static String json(Map<String, ?> details) {
        try {
            return JSON.writeValueAsString(withoutSecrets(details));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("audit details are not JSON", e);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> withoutSecrets(Map<String, ?> details) {
        Map<String, Object> out = new LinkedHashMap<>();
        details.forEach((k, v) -> {
            if (!SECRET.matcher(k).matches()) {
                out.put(k, v instanceof Map<?, ?> m ? withoutSecrets((Map<String, ?>) m) : v);
            }
        });
        return out;
    }

    private static String cut(String s) {
        return s.length() <= MAX_TEXT ? s : s.substring(0, MAX_TEXT);
    }
}
