package dev.breezeway.user;

import static dev.breezeway.db.gen.Tables.PRINCIPAL;
import static dev.breezeway.db.gen.Tables.PRINCIPAL_TENANT;

import dev.breezeway.auth.PasswordHasher;
import dev.breezeway.error.AccessSubcode;
import dev.breezeway.error.ApiException;
import dev.breezeway.error.FieldType;
import dev.breezeway.error.Invalid;
import dev.breezeway.error.InvalidSubcode;
import dev.breezeway.error.Problem;
import dev.breezeway.iam.Authorizer;
import dev.breezeway.iam.IamPrincipal;
import dev.breezeway.iam.IamStore;
import dev.breezeway.principal.Principal;
import dev.breezeway.principal.PrincipalService;
import dev.breezeway.principal.PrincipalStore;
import dev.breezeway.principal.PrincipalType;
import dev.breezeway.principal.Uuids;
import dev.breezeway.role.PermissionCatalogue;
import dev.breezeway.session.Session;
import dev.breezeway.session.SessionStore;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.Record1;

/**
 * The users, roles and tenants API of seed 002 over the one model: a user is a principal (its locator
 * is the principal's UUID), its roles are the modern API's roles, its permissions what the server checks.
 */
public final class UserService {
    private final DSLContext db;
    private final PrincipalService principals;
    private final PrincipalStore principalStore;
    private final IamStore iam;
    private final Authorizer authz;
    private final SessionStore sessions;
    private final PasswordHasher hasher;
    private final Clock clock;

    public UserService(DSLContext db, PrincipalService principals, PrincipalStore principalStore, IamStore iam,
                       Authorizer authz, SessionStore sessions, PasswordHasher hasher, Clock clock) {
        this.db = db;
        this.principals = principals;
        this.principalStore = principalStore;
        this.iam = iam;
        this.authz = authz;
        this.sessions = sessions;
        this.hasher = hasher;
        this.clock = clock;
    }

    /** A user as seed 002 shows it. */
    public record User(UUID locator, long principalId, String firstName, String lastName, String userName,
                       Optional<String> email, List<String> roles, List<String> tenants, List<String> permissions) {
    }

    /** A new user of seed 002's createUser. */
    public record NewUser(String firstName, String lastName, String userName, String password, boolean temporaryPassword,
                          Optional<String> email, List<String> roles, List<String> tenants) {
    }

    public User create(Session caller, NewUser n) {
        if (!n.userName().matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+")) {
            throw ApiException.invalid(Invalid.of("userName", FieldType.STRING, InvalidSubcode.FORMAT));
        }
        long id = db.transactionResult(() -> {
            Principal p = principals.createUser(caller, new PrincipalService.NewUser(PrincipalType.USER, n.userName(),
                    n.firstName(), n.lastName(), n.email().or(() -> Optional.of(n.userName())), Optional.of(n.password())));
            if (n.temporaryPassword()) {
                principalStore.setPassword(db, p.principalId(), hasher.hash(n.password()), true, clock.instant());
            }
            iam.replaceRoles(p.principalId(), n.roles());
            replaceTenants(p.principalId(), n.tenants());
            return p.principalId();
        });
        return load(id);
    }

    public User whoami(Session caller) {
        return load(caller.principalId());
    }

    public User get(Session caller, UUID locator) {
        long id = find(caller, locator);
        if (id != caller.principalId()) {
            require(caller, PermissionCatalogue.USERS_READ);
        }
        return load(id);
    }

    public List<User> byUserName(Session caller, String userName) {
        require(caller, PermissionCatalogue.USERS_READ);
        return db.select(PRINCIPAL.PRINCIPAL_ID).from(PRINCIPAL)
                .where(PRINCIPAL.LOGIN.eq(userName).and(PRINCIPAL.ACCOUNT_ID.eq(caller.accountId()))
                        .and(PRINCIPAL.DELETED_AT.isNull()))
                .fetch(Record1::value1).stream().map(this::load).toList();
    }

    /** A page of users by principal id; {@code listCompleted} once the end is reached. */
    public record Page(List<User> items, boolean listCompleted) {
    }

    public Page list(Session caller, int offset, int count) {
        require(caller, PermissionCatalogue.USERS_READ);
        require(caller, PermissionCatalogue.USERS_LIST);
        List<Long> ids = db.select(PRINCIPAL.PRINCIPAL_ID).from(PRINCIPAL)
                .where(PRINCIPAL.ACCOUNT_ID.eq(caller.accountId()).and(PRINCIPAL.DELETED_AT.isNull())
                        .and(PRINCIPAL.TYPE.eq(PrincipalType.USER.wire())))
                .orderBy(PRINCIPAL.PRINCIPAL_ID).limit(count + 1).offset(offset).fetch(Record1::value1);
        boolean more = ids.size() > count;
        return new Page((more ? ids.subList(0, count) : ids).stream().map(this::load).toList(), !more);
    }

    public User update(Session caller, UUID locator, String firstName, String lastName, Optional<String> email,
                       Optional<List<String>> roles, Optional<List<String>> tenants, Optional<List<String>> permissions) {
        long id = find(caller, locator);
        if (id != caller.principalId() || roles.isPresent() || permissions.isPresent() || tenants.isPresent()) {
            require(caller, PermissionCatalogue.USERS_UPDATE);
        }
        db.transaction(() -> {
            principals.update(caller, id, new PrincipalService.Update(Optional.empty(), Optional.of(firstName),
                    Optional.of(lastName), email, Optional.empty(), Optional.empty()));
            roles.ifPresent(r -> iam.replaceRoles(id, r));
            tenants.ifPresent(t -> replaceTenants(id, t));
            permissions.ifPresent(ps -> {
                List<IamPrincipal.AclEntry> acl = new ArrayList<>();
                for (String p : ps) {
                    acl.add(IamPrincipal.AclEntry.parse(p).filter(x -> PermissionCatalogue.isKnown(p)).orElseThrow(
                            () -> ApiException.invalid(Invalid.of("permissions", FieldType.STRING, InvalidSubcode.NO_SUCH_ITEM))));
                }
                iam.replaceAcl(id, acl);
            });
        });
        return load(id);
    }

    /** Sets a new password the user must change at the next login; its sessions end. */
    public void resetPassword(Session caller, UUID locator, String password) {
        require(caller, PermissionCatalogue.USERS_PASSWORD_RESET);
        long id = find(caller, locator);
        principals.checkPassword("password", password);
        String hash = hasher.hash(password);
        db.transaction(() -> {
            principalStore.setPassword(db, id, hash, true, clock.instant());
            sessions.revokeAllOf(db, id, Optional.empty(), clock.instant());
        });
    }

    public void delete(Session caller, UUID locator) {
        require(caller, PermissionCatalogue.USERS_DELETE);
        long id = find(caller, locator);
        if (id == caller.principalId()) {
            throw ApiException.problem(Problem.CANNOT_DELETE_SELF, "locator");
        }
        principals.delete(caller, List.of(id));
    }

    /** Effective permissions: every catalogue permission for administrators, else roles' and own entries. */
    public List<String> permissions(Session caller, UUID locator) {
        long id = find(caller, locator);
        if (id != caller.principalId()) {
            require(caller, PermissionCatalogue.USERS_READ);
        }
        return effective(id, caller.accountId());
    }

    public User changeRoles(Session caller, UUID locator, List<String> add, List<String> remove) {
        require(caller, PermissionCatalogue.USERS_UPDATE);
        long id = find(caller, locator);
        Set<String> roles = new LinkedHashSet<>(load(id).roles());
        roles.addAll(add);
        roles.removeAll(remove);
        db.transaction(() -> iam.replaceRoles(id, roles));
        return load(id);
    }

    public User changeTenants(Session caller, UUID locator, List<String> add, List<String> remove) {
        require(caller, PermissionCatalogue.USERS_UPDATE);
        long id = find(caller, locator);
        Set<String> tenants = new LinkedHashSet<>(load(id).tenants());
        tenants.addAll(add);
        tenants.removeAll(remove);
        db.transaction(() -> replaceTenants(id, tenants));
        return load(id);
    }

    /** The locator of a principal id of the caller's account, for the XML actions. */
    public UUID locatorOf(Session caller, long principalId) {
        return principalStore.findById(principalId).filter(p -> p.accountId() == caller.accountId())
                .map(Principal::uuid).orElseThrow(ApiException::noData);
    }

    private List<String> effective(long principalId, long accountId) {
        boolean admin = principalStore.isInGroupOfType(principalId, PrincipalType.ADMINS);
        if (admin) {
            return PermissionCatalogue.ALL;
        }
        Set<String> out = new LinkedHashSet<>(iam.rolePermissions(principalId, accountId));
        iam.aclOf(principalId).forEach(e -> out.add(e.toString()));
        return List.copyOf(out);
    }

    private void replaceTenants(long principalId, Collection<String> tenants) {
        db.deleteFrom(PRINCIPAL_TENANT).where(PRINCIPAL_TENANT.PRINCIPAL_ID.eq(principalId)).execute();
        for (String t : tenants) {
            if (t.isBlank() || t.length() > 255) {
                throw ApiException.invalid(Invalid.of("tenants", FieldType.STRING, InvalidSubcode.FORMAT));
            }
            db.insertInto(PRINCIPAL_TENANT).set(PRINCIPAL_TENANT.PRINCIPAL_ID, principalId)
                    .set(PRINCIPAL_TENANT.TENANT, t).onDuplicateKeyIgnore().execute();
        }
    }

    private long find(Session caller, UUID locator) {
        return db.select(PRINCIPAL.PRINCIPAL_ID).from(PRINCIPAL)
                .where(PRINCIPAL.UUID.eq(Uuids.toBytes(locator)).and(PRINCIPAL.ACCOUNT_ID.eq(caller.accountId()))
                        .and(PRINCIPAL.DELETED_AT.isNull()).and(PRINCIPAL.TYPE.eq(PrincipalType.USER.wire())))
                .fetchOptional(Record1::value1)
                .orElseThrow(() -> ApiException.problem(Problem.NOT_FOUND, "locator"));
    }

    private User load(long principalId) {
        Principal p = principalStore.findById(principalId).orElseThrow(() -> ApiException.problem(Problem.NOT_FOUND, "locator"));
        List<String> tenants = db.select(PRINCIPAL_TENANT.TENANT).from(PRINCIPAL_TENANT)
                .where(PRINCIPAL_TENANT.PRINCIPAL_ID.eq(principalId)).orderBy(PRINCIPAL_TENANT.TENANT).fetch(Record1::value1);
        List<String> roles = iam.findById(principalId).map(IamPrincipal::roles).orElse(List.of());
        return new User(p.uuid(), principalId, p.firstName().orElse(""), p.lastName().orElse(""), p.breezeLogin(), p.email(),
                roles, tenants, effective(principalId, p.accountId()));
    }

    private void require(Session caller, String permission) {
        if (!authz.can(caller, permission)) {
            throw ApiException.noAccess(AccessSubcode.DENIED);
        }
    }
}
