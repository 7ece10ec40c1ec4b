package dev.breezeway.principal;

import dev.breezeway.access.Authorizer;
import dev.breezeway.audit.AuditLog;
import dev.breezeway.db.Constraints;
import dev.breezeway.db.FreshCache;
import dev.breezeway.error.ApiException;
import dev.breezeway.error.FieldType;
import dev.breezeway.error.Invalid;
import dev.breezeway.error.InvalidSubcode;
import dev.breezeway.access.PermissionCatalogue;
import dev.breezeway.session.Session;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import org.jooq.DSLContext;
import org.jooq.exception.DataAccessException;

/**
 * The rules for reading and changing principals and memberships, shared by every face. Each public
 * method is one transaction; a repeated call (a client retrying after a lost connection) never
 * duplicates or corrupts anything.
 */
public final class PrincipalService {
    /** Most users {@link #createUsers} inserts with one statement. */
    static final int BULK_ROWS = 100;
    /** Below this many users, a group that broke a unique key is created one by one rather than split again. */
    private static final int SPLIT_MIN = 4;

    private final DSLContext db;
    private final PrincipalStore store;
    private final Credentials credentials;
    private final Uuids uuids;
    private final Clock clock;
    private final Authorizer authz;
    private final Policies policies;
    private final RequestTokenStore tokens;
    /**
     * Bulk creates that may write at once. Each is a stream of multi-row inserts that keeps a database
     * core busy; more of them than the database has cores only contend on the same index pages (at 1 M
     * principals on 2 cores: 4,550 principals/s with 2 writers, 3,100/s with 16).
     */
    private final Semaphore bulkWriters;
    private final AuditLog audit;
    private final WelcomeMail welcome;
    /** What principal-info shows, kept while nothing was written (see {@link FreshCache}). */
    private final FreshCache<Long, PrincipalStore.Detail> details;

    public PrincipalService(DSLContext db, PrincipalStore store, Credentials credentials, Policies policies,
                            Uuids uuids, Clock clock, Authorizer authz, int bulkWriters, AuditLog audit,
                            WelcomeMail welcome, FreshCache<Long, PrincipalStore.Detail> details) {
        this.details = details;
        this.audit = audit;
        this.welcome = welcome;
        this.policies = policies;
        this.tokens = new RequestTokenStore(db);
        this.authz = authz;
        this.credentials = credentials;
        this.bulkWriters = new Semaphore(bulkWriters, true);
        this.db = db;
        this.store = store;
        this.uuids = uuids;
        this.clock = clock;
    }

    /**
     * The principal {@code id} as {@code caller} may see it: administrators see every principal of
     * their account, others only themselves.
     *
     * @throws ApiException {@code no-data} if it does not exist in the caller's account,
     *                      {@code no-access denied} if the caller may not see it
     */
    public PrincipalStore.Detail view(Session caller, long id) {
        PrincipalStore.Detail d = details.get(id, store::findDetail)
                .filter(x -> x.principal().accountId() == caller.accountId())
                .orElseThrow(ApiException::noData);
        authz.requireSelfOr(caller, id, PermissionCatalogue.USERS_READ);
        return d;
    }

    /** A new user: login, names, optional email and password; {@code sendEmail}: mail it its login (needs an email). */
    public record NewUser(PrincipalType type, String login, String firstName, String lastName, Optional<String> email,
                          Optional<String> password, boolean sendEmail) {
        public NewUser(PrincipalType type, String login, String firstName, String lastName, Optional<String> email,
                       Optional<String> password) {
            this(type, login, firstName, lastName, email, password, false);
        }
    }

    /** A new group: its unique name and optional description. */
    public record NewGroup(String name, Optional<String> description) {
    }

    /**
     * Everything wrong with a new user that the parameters alone cannot show, in the order a client reads
     * them: a login or email already taken ({@code duplicate}), a login that the face's policy wants to be
     * the email, a password the face's policy refuses. A face reports them together with its own
     * parameter problems, as Adobe Connect does.
     */
    public List<Invalid> problemsOf(Session caller, NewUser u, Face face) {
        List<Invalid> out = new ArrayList<>();
        boolean loginTaken = store.loginTaken(u.login());
        if (loginTaken) {
            out.add(duplicateInvalid("login"));
        }
        loginPolicyProblem(caller, u, face).ifPresent(out::add);
        // With the login taken the email is not reported too: one duplicate is what clients look for (the
        // Python client reads exactly one <invalid> to raise its Duplicate).
        if (!loginTaken && u.email().isPresent() && store.emailTaken(caller.accountId(), u.email().get())) {
            out.add(duplicateInvalid("email"));
        }
        u.password().ifPresent(pw -> out.addAll(credentials.problems(caller.accountId(), face, "password", pw, u.login())));
        return out;
    }

    /** With "login is the email" on, a user's login must be its email (any case). */
    private Optional<Invalid> loginPolicyProblem(Session caller, NewUser u, Face face) {
        if (!policies.of(caller.accountId(), face).loginIsEmail()) {
            return Optional.empty();
        }
        if (u.email().isEmpty()) {
            return Optional.of(Invalid.of("email", FieldType.STRING, InvalidSubcode.MISSING));
        }
        return u.email().get().equalsIgnoreCase(u.login()) ? Optional.empty()
                : Optional.of(Invalid.of("login", FieldType.STRING, InvalidSubcode.FORMAT));
    }

    /**
     * Creates a user in the caller's account under the face's policy. A taken login or email is
     * {@code duplicate}, always, also for a request that repeats the existing user exactly; only a
     * transaction the database driver itself repeats (same call, same token) answers the user it made.
     */
    public Principal createUser(Session caller, NewUser u, Face face) {
        requireMayCreate(caller);
        List<Invalid> problems = problemsOf(caller, u, face);
        if (!problems.isEmpty()) {
            throw ApiException.invalid(problems);
        }
        return write(caller, u, face, u.password().map(credentials::hash), tokens.next());
    }

    /**
     * The create's transaction, under the call's {@code token}. Run again with the same token (as a driver
     * repeating it after a lost connection would), it answers the principal the first run committed.
     */
    Principal write(Session caller, NewUser u, Face face, Optional<String> hash, byte[] token) {
        try {
            return db.transactionResult(() -> {
                Principal p = store.create(db, newPrincipal(caller, u, hash));
                tokens.record(db, token, List.of(p.principalId()));
                audit.change(caller, "principal.create", PrincipalAudit.target(p), PrincipalAudit.created(p));
                if (hash.isPresent()) {
                    credentials.startExpiry(db, caller.accountId(), p.principalId(), face);
                }
                if (u.sendEmail()) {
                    welcome.queue(caller, p, u.password());
                }
                return p;
            });
        } catch (DataAccessException e) {
            Optional<Principal> own = own(token);
            if (own.isPresent()) {
                return own.get();
            }
            if (Constraints.violated(e, "uk_principal_login")) {
                throw duplicate("login");
            }
            if (Constraints.violated(e, "uk_principal_email")) {
                throw duplicate("email");
            }
            throw e;
        }
    }

    /** The principal a create with this token committed, if its transaction was repeated by the driver. */
    private Optional<Principal> own(byte[] token) {
        return tokens.principalsOf(token).stream().findFirst().flatMap(store::findById);
    }

    /** Forgets the tokens of creates older than a day. */
    public int purgeRequestTokens() {
        return tokens.purge(clock.instant().minus(java.time.Duration.ofDays(1)));
    }

    /** What one create of {@link #createUsers} came to: the user, or the failure the single create would throw. */
    public record Created(Optional<Principal> principal, Optional<ApiException> failure) {
    }

    /**
     * Creates users without passwords as {@link #createUser} would one after another, with the same
     * results (a taken login or email is a {@code duplicate}, also between two of {@code users}), but writes up to {@link #BULK_ROWS} of them
     * with one multi-row insert and one commit. A group of users that breaks a unique key is split
     * until the users that fail are created alone. With {@code stopAtFirstFailure} nothing after the
     * first failure is tried; inside a caller's transaction every part is a savepoint of it.
     */
    public List<Created> createUsers(Session caller, List<NewUser> users, Face face, boolean stopAtFirstFailure) {
        requireMayCreate(caller);
        if (users.stream().anyMatch(u -> u.password().isPresent())) {
            throw new IllegalArgumentException("createUsers takes users without passwords");
        }
        List<Created> out = new ArrayList<>(users.size());
        // Held for the whole call, from before its first write: a writer never waits for a slot while
        // holding row locks another writer could be waiting for.
        bulkWriters.acquireUninterruptibly();
        try {
            for (int from = 0; from < users.size(); from += BULK_ROWS) {
                if (!createInOrder(caller, users.subList(from, Math.min(users.size(), from + BULK_ROWS)), face, out,
                        stopAtFirstFailure)) {
                    break;
                }
            }
        } finally {
            bulkWriters.release();
        }
        return out;
    }

    /** Creates {@code users} in order into {@code out}; false if one failed and the caller asked to stop there. */
    private boolean createInOrder(Session caller, List<NewUser> users, Face face, List<Created> out,
                                  boolean stopAtFirstFailure) {
        if (users.size() >= SPLIT_MIN && !policies.of(caller.accountId(), face).loginIsEmail()) {
            Optional<List<Principal>> all = insertAll(caller, users);
            if (all.isPresent()) {
                all.get().forEach(p -> out.add(new Created(Optional.of(p), Optional.empty())));
                return true;
            }
            // Some user here would fail alone. Halves keep the order: the second sees what the first wrote.
            int half = users.size() / 2;
            return createInOrder(caller, users.subList(0, half), face, out, stopAtFirstFailure)
                    && createInOrder(caller, users.subList(half, users.size()), face, out, stopAtFirstFailure);
        }
        for (NewUser u : users) {
            try {
                out.add(new Created(Optional.of(createUser(caller, u, face)), Optional.empty()));
            } catch (ApiException e) {
                out.add(new Created(Optional.empty(), Optional.of(e)));
                if (stopAtFirstFailure) {
                    return false;
                }
            }
        }
        return true;
    }

    /**
     * Inserts every user or none: empty if one of them takes a login or email already stored or taken
     * by another of them (each inserted alone, in order, would then not have succeeded).
     */
    private Optional<List<Principal>> insertAll(Session caller, List<NewUser> users) {
        List<PrincipalStore.NewPrincipal> rows = new ArrayList<>(users.size());
        for (NewUser u : users) {
            rows.add(newPrincipal(caller, u, Optional.empty()));
        }
        byte[] token = tokens.next();
        try {
            return Optional.of(db.transactionResult(() -> {
                List<Principal> created = store.createAll(db, rows);
                tokens.record(db, token, created.stream().map(Principal::principalId).toList());
                audit.changeAll(caller, "principal.create", created.stream().map(PrincipalAudit::target).toList(),
                        created.stream().map(PrincipalAudit::created).toList());
                for (int i = 0; i < created.size(); i++) {
                    if (users.get(i).sendEmail()) {
                        welcome.queue(caller, created.get(i), Optional.empty());
                    }
                }
                return created;
            }));
        } catch (DataAccessException e) {
            List<Long> own = tokens.principalsOf(token);
            if (!own.isEmpty()) {
                // The driver repeated a transaction that had committed: these are this call's users.
                return Optional.of(own.stream().map(id -> store.findById(id).orElseThrow()).toList());
            }
            if (Constraints.violated(e, "uk_principal_login") || Constraints.violated(e, "uk_principal_email")) {
                return Optional.empty();
            }
            throw e;
        }
    }

    private PrincipalStore.NewPrincipal newPrincipal(Session caller, NewUser u, Optional<String> hash) {
        return new PrincipalStore.NewPrincipal(uuids.next(), caller.accountId(), u.type(), Optional.of(u.login()),
                Optional.empty(), fullName(u.firstName(), u.lastName()), Optional.of(u.firstName()),
                Optional.of(u.lastName()), u.email(), Optional.empty(), hash, false);
    }

    /** Creates a group; a taken name is a duplicate (on {@code login}, as Adobe reports a group's name), always. */
    public Principal createGroup(Session caller, NewGroup g) {
        requireMayCreate(caller);
        try {
            return db.transactionResult(() -> {
                Principal p = store.create(db, new PrincipalStore.NewPrincipal(uuids.next(),
                        caller.accountId(), PrincipalType.GROUP, Optional.empty(), Optional.of(g.name()), g.name(),
                        Optional.empty(), Optional.empty(), Optional.empty(), g.description(), Optional.empty(), false));
                audit.change(caller, "principal.create", PrincipalAudit.target(p), PrincipalAudit.created(p));
                return p;
            });
        } catch (DataAccessException e) {
            if (Constraints.violated(e, "uk_principal_group_name")) {
                // Adobe Connect reports a taken group name on "login": a group's login is its name.
                throw duplicate("login");
            }
            throw e;
        }
    }

    /** Changes to the standard fields of a user or group; empty fields stay as they are. */
    public record Update(Optional<String> login, Optional<String> firstName, Optional<String> lastName,
                         Optional<String> email, Optional<String> name, Optional<String> description) {
    }

    /**
     * Updates a principal of the caller's account: the caller itself, or with {@code users:update} a
     * principal no more powerful than the caller. The same update twice leaves the same state.
     */
    public void update(Session caller, long id, Update u, Face face) {
        requireMayUpdate(caller, id);
        try {
            db.transaction(() -> {
                Principal p = store.findById(db, id).filter(x -> x.accountId() == caller.accountId())
                        .orElseThrow(() -> ApiException.invalid(
                                Invalid.of("principal-id", FieldType.ID, InvalidSubcode.NO_SUCH_ITEM)));
                PrincipalStore.Changes c;
                if (p.type().isGroup()) {
                    Optional<String> name = u.name();
                    c = new PrincipalStore.Changes(Optional.empty(), name, name, Optional.empty(), Optional.empty(),
                            Optional.empty(), u.description());
                } else {
                    if ((u.login().isPresent() || u.email().isPresent())
                            && policies.of(caller.accountId(), face).loginIsEmail()
                            && !u.login().or(p::login).map(l -> l.equalsIgnoreCase(u.email().or(p::email).orElse("")))
                            .orElse(false)) {
                        throw ApiException.invalid(Invalid.of("login", FieldType.STRING, InvalidSubcode.FORMAT));
                    }
                    Optional<String> name = u.firstName().isPresent() || u.lastName().isPresent()
                            ? Optional.of(fullName(u.firstName().or(p::firstName).orElse(""),
                            u.lastName().or(p::lastName).orElse("")))
                            : Optional.empty();
                    c = new PrincipalStore.Changes(u.login(), Optional.empty(), name, u.firstName(), u.lastName(),
                            u.email(), Optional.empty());
                }
                store.update(db, id, c, clock.instant());
                Principal now = store.findById(db, id).orElseThrow();
                Map<String, Object> changed = AuditLog.changes(PrincipalAudit.fields(p), PrincipalAudit.fields(now));
                if (!changed.isEmpty()) {
                    audit.change(caller, "principal.update", PrincipalAudit.target(now), changed);
                }
            });
        } catch (DataAccessException e) {
            if (Constraints.violated(e, "uk_principal_login") || Constraints.violated(e, "uk_principal_group_name")) {
                throw duplicate(Constraints.violated(e, "uk_principal_group_name") ? "name" : "login");
            }
            if (Constraints.violated(e, "uk_principal_email")) {
                throw duplicate("email");
            }
            throw e;
        }
    }

    /**
     * The type of principal {@code id} of the caller's account, for a face that checks an update's
     * fields against it before {@link #update}; asked as {@link #update} is.
     *
     * @throws ApiException {@code invalid} ({@code principal-id}, {@code no-such-item}) if there is none
     */
    public PrincipalType typeOf(Session caller, long id) {
        requireMayUpdate(caller, id);
        return store.findById(db, id).filter(x -> x.accountId() == caller.accountId()).map(Principal::type)
                .orElseThrow(() -> ApiException.invalid(
                        Invalid.of("principal-id", FieldType.ID, InvalidSubcode.NO_SUCH_ITEM)));
    }

    /** {@code users:create}, for a face that checks it before reading the rest of a create. */
    public void requireMayCreate(Session caller) {
        authz.require(caller, PermissionCatalogue.USERS_CREATE);
    }

    /** The caller itself, or {@code users:update} over a principal no more powerful than the caller. */
    public void requireMayUpdate(Session caller, long id) {
        authz.requireSelfOr(caller, id, PermissionCatalogue.USERS_UPDATE);
        authz.requireMayActOn(caller, id);
    }

    private static Invalid duplicateInvalid(String field) {
        return Invalid.of(field, FieldType.STRING, InvalidSubcode.DUPLICATE);
    }

    private static ApiException duplicate(String field) {
        return ApiException.invalid(Invalid.of(field, FieldType.STRING, InvalidSubcode.DUPLICATE));
    }

    static String fullName(String first, String last) {
        return (first + " " + last).strip();
    }
}
