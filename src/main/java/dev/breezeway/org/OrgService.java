package dev.breezeway.org;

import dev.breezeway.audit.AuditLog;
import dev.breezeway.audit.AuditTarget;
import static dev.breezeway.db.gen.Tables.COMPUTER_USERNAME;
import static dev.breezeway.db.gen.Tables.GROUP_MEMBER;
import static dev.breezeway.db.gen.Tables.POLICY;
import static dev.breezeway.db.gen.Tables.POLICY_MEMBER;
import static dev.breezeway.db.gen.Tables.PRINCIPAL;
import static dev.breezeway.db.gen.Tables.SMARTCARD;

import dev.breezeway.access.Authorizer;
import dev.breezeway.access.Rank;
import dev.breezeway.auth.SecretBox;
import dev.breezeway.db.Times;
import dev.breezeway.db.gen.tables.records.PrincipalRecord;
import dev.breezeway.error.ApiException;
import dev.breezeway.error.FieldType;
import dev.breezeway.error.Invalid;
import dev.breezeway.error.InvalidSubcode;
import dev.breezeway.principal.PrincipalType;
import dev.breezeway.principal.Uuids;
import dev.breezeway.access.PermissionCatalogue;
import dev.breezeway.session.Session;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.jooq.DSLContext;
import org.jooq.Record1;
import org.jooq.impl.DSL;

/**
 * The organisation's own data about its users (seed 004): computer usernames and smartcards (secrets,
 * stored encrypted), and the directory listing with groups and ranks. Ranks, suspension, guests and
 * removal are the principal core's ({@code Lifecycle}); who may do what is the {@code Authorizer}'s,
 * e.g. only the user itself or a holder of {@code users:update} reads its smartcard numbers back.
 */
public final class OrgService {
    private final DSLContext db;
    private final Supplier<SecretBox> secrets;
    private final Authorizer authz;
    private final AuditLog audit;

    public OrgService(DSLContext db, Authorizer authz, Supplier<SecretBox> secrets, AuditLog audit) {
        this.audit = audit;
        this.authz = authz;
        this.db = db;
        this.secrets = secrets;
    }

    /** One smartcard: its number (with PIN) and optional label. */
    public record Smartcard(String number, Optional<String> label) {
    }

    /** A user as /multipleusers lists it. */
    public record OrgUser(long id, String uuid, String login, String name, String firstName, String lastName,
                          Optional<String> email, boolean guest, boolean suspended, Instant created,
                          Optional<Instant> lastActive, List<String> groups, Rank rank) {
    }

    /** One user's details: policies, computer usernames, smartcards. */
    public record Detail(List<String> policies, List<String> computerUsernames, List<Smartcard> smartcards) {
    }




    /** Replaces the whole list; an empty list clears it. */
    public void setComputerUsernames(Session caller, long userId, List<String> usernames) {
        authz.requireMayActOn(caller, userId);
        user(caller, userId);
        for (String u : usernames) {
            if (u.isBlank() || u.length() > 255) {
                throw bad("computer_usernames", "Each computer_username must be 1 to 255 characters");
            }
        }
        db.transaction(() -> {
            db.deleteFrom(COMPUTER_USERNAME).where(COMPUTER_USERNAME.PRINCIPAL_ID.eq(userId)).execute();
            for (String u : usernames) {
                db.insertInto(COMPUTER_USERNAME).set(COMPUTER_USERNAME.PRINCIPAL_ID, userId)
                        .set(COMPUTER_USERNAME.USERNAME, u.strip()).onDuplicateKeyIgnore().execute();
            }
            audit.change(caller, "principal.computer-usernames", AuditTarget.principal(userId, null),
                    Map.of("after", usernames.stream().map(String::strip).toList()));
        });
    }

    /** The user's smartcards in clear: for the user itself and organisation admins only. */
    public List<Smartcard> smartcards(Session caller, long userId) {
        authz.requireSelfOr(caller, userId, PermissionCatalogue.USERS_UPDATE);
        authz.requireMayActOn(caller, userId);
        user(caller, userId);
        return db.select(SMARTCARD.NUMBER_ENC, SMARTCARD.LABEL).from(SMARTCARD).where(SMARTCARD.PRINCIPAL_ID.eq(userId))
                .orderBy(SMARTCARD.POSITION)
                .fetch(r -> new Smartcard(secrets.get().decrypt(r.value1()), Optional.ofNullable(r.value2())));
    }

    /**
     * Replaces the user's smartcards; an empty list removes them. Without {@code allowDuplicates} a
     * number another user already has is refused and nothing changes.
     */
    public void setSmartcards(Session caller, long userId, List<Smartcard> cards, boolean allowDuplicates) {
        authz.requireMayActOn(caller, userId);
        user(caller, userId);
        for (Smartcard c : cards) {
            if (!c.number().matches("[0-9]{1,64}")) {
                throw bad("smartcards", "A smartcard number must be an integer string of 1 to 64 digits");
            }
            if (c.label().map(l -> l.length() > 255).orElse(false)) {
                throw bad("smartcards", "A smartcard label must be at most 255 characters");
            }
        }
        SecretBox box = secrets.get();
        db.transaction(() -> {
            if (!allowDuplicates) {
                for (Smartcard c : cards) {
                    boolean taken = db.fetchExists(DSL.selectOne().from(SMARTCARD).join(PRINCIPAL)
                            .on(PRINCIPAL.PRINCIPAL_ID.eq(SMARTCARD.PRINCIPAL_ID))
                            .where(SMARTCARD.NUMBER_MAC.eq(box.fingerprint(c.number()))
                                    .and(SMARTCARD.PRINCIPAL_ID.ne(userId)).and(PRINCIPAL.DELETED_AT.isNull())));
                    if (taken) {
                        throw bad("smartcards", "Smartcard number is already used by another user");
                    }
                }
            }
            db.deleteFrom(SMARTCARD).where(SMARTCARD.PRINCIPAL_ID.eq(userId)).execute();
            int position = 0;
            for (Smartcard c : cards) {
                db.insertInto(SMARTCARD).set(SMARTCARD.PRINCIPAL_ID, userId)
                        .set(SMARTCARD.NUMBER_ENC, box.encrypt(c.number()))
                        .set(SMARTCARD.NUMBER_MAC, box.fingerprint(c.number()))
                        .set(SMARTCARD.LABEL, c.label().orElse(null))
                        .set(SMARTCARD.POSITION, position++).execute();
            }
            // How many, never which: the numbers are stored encrypted and stay out of the trail.
            audit.change(caller, "principal.cards", AuditTarget.principal(userId, null), Map.of("count", cards.size()));
        });
    }

    /** Every user of the organisation (guests only with {@code guests}), with its groups. */
    public List<OrgUser> list(Session caller, boolean guests) {
        List<PrincipalRecord> rows = db.selectFrom(PRINCIPAL)
                .where(PRINCIPAL.ACCOUNT_ID.eq(caller.accountId()).and(PRINCIPAL.DELETED_AT.isNull())
                        .and(PRINCIPAL.TYPE.eq(guests ? PrincipalType.GUEST.wire() : PrincipalType.USER.wire())))
                .orderBy(PRINCIPAL.PRINCIPAL_ID).fetch();
        Map<Long, List<String>> groups = new LinkedHashMap<>();
        var g = PRINCIPAL.as("g");
        if (!rows.isEmpty()) {
            db.select(GROUP_MEMBER.MEMBER_ID, g.NAME).from(GROUP_MEMBER).join(g).on(g.PRINCIPAL_ID.eq(GROUP_MEMBER.GROUP_ID))
                    .where(GROUP_MEMBER.MEMBER_ID.in(rows.stream().map(PrincipalRecord::getPrincipalId).toList()))
                    .orderBy(g.NAME)
                    .forEach(r -> groups.computeIfAbsent(r.value1(), k -> new ArrayList<>()).add(r.value2()));
        }
        List<OrgUser> out = new ArrayList<>();
        for (PrincipalRecord r : rows) {
            out.add(new OrgUser(r.getPrincipalId(), Uuids.fromBytes(r.getUuid()).toString(),
                    Optional.ofNullable(r.getLogin()).orElse(r.getName()), r.getName(),
                    Optional.ofNullable(r.getFirstName()).orElse(""), Optional.ofNullable(r.getLastName()).orElse(""),
                    Optional.ofNullable(r.getEmail()), PrincipalType.GUEST.wire().equals(r.getType()),
                    r.getSuspendedAt() != null, Times.toInstant(r.getCreatedAt()),
                    Optional.ofNullable(r.getLastActiveAt()).map(Times::toInstant),
                    groups.getOrDefault(r.getPrincipalId(), List.of()), Rank.parse(r.getUserRank()).orElse(Rank.REGULAR)));
        }
        return out;
    }

    public Detail detail(Session caller, long userId) {
        authz.requireSelfOr(caller, userId, PermissionCatalogue.USERS_UPDATE);
        authz.requireMayActOn(caller, userId);
        user(caller, userId);
        List<String> policies = db.select(POLICY.NAME).from(POLICY).join(POLICY_MEMBER)
                .on(POLICY_MEMBER.POLICY_ID.eq(POLICY.POLICY_ID)).where(POLICY_MEMBER.PRINCIPAL_ID.eq(userId))
                .orderBy(POLICY.NAME).fetch(Record1::value1);
        List<String> usernames = db.select(COMPUTER_USERNAME.USERNAME).from(COMPUTER_USERNAME)
                .where(COMPUTER_USERNAME.PRINCIPAL_ID.eq(userId)).orderBy(COMPUTER_USERNAME.USERNAME).fetch(Record1::value1);
        return new Detail(policies, usernames, smartcards(caller, userId));
    }

    /** How removal answers about a user: its email and login, e.g. {@code ada@example.com/ada@example.com}. */
    public String describe(Session caller, long userId) {
        PrincipalRecord target = user(caller, userId);
        return Optional.ofNullable(target.getEmail()).orElse("") + "/" + Optional.ofNullable(target.getLogin()).orElse("");
    }

    /** The principal id of the organisation user with this email (for removal by email). */
    public long idByEmail(Session caller, String email) {
        return db.select(PRINCIPAL.PRINCIPAL_ID).from(PRINCIPAL)
                .where(PRINCIPAL.ACCOUNT_ID.eq(caller.accountId()).and(PRINCIPAL.DELETED_AT.isNull())
                        .and(PRINCIPAL.EMAIL.eq(email).or(PRINCIPAL.LOGIN.eq(email))))
                .fetchOptional(Record1::value1)
                .orElseThrow(() -> ApiException.noData().describedAs("No such user in your organization"));
    }








    private PrincipalRecord user(Session caller, long userId) {
        return db.selectFrom(PRINCIPAL)
                .where(PRINCIPAL.PRINCIPAL_ID.eq(userId).and(PRINCIPAL.ACCOUNT_ID.eq(caller.accountId()))
                        .and(PRINCIPAL.DELETED_AT.isNull())
                        .and(PRINCIPAL.TYPE.in(PrincipalType.USER.wire(), PrincipalType.GUEST.wire())))
                .fetchOptional()
                .orElseThrow(() -> ApiException.noData().describedAs("No such user in your organization"));
    }

    /** Bad input with a message (400; XML invalid on the field). */
    static ApiException bad(String field, String message) {
        return ApiException.invalid(Invalid.of(field, FieldType.STRING, InvalidSubcode.FORMAT)).describedAs(message);
    }
}
