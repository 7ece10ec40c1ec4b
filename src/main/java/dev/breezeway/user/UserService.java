package dev.breezeway.user;

import static dev.breezeway.db.gen.Tables.PRINCIPAL;

import dev.breezeway.access.Authorizer;
import dev.breezeway.access.Grant;
import dev.breezeway.error.ApiException;
import dev.breezeway.error.FieldType;
import dev.breezeway.error.Invalid;
import dev.breezeway.error.InvalidSubcode;
import dev.breezeway.error.Problem;
import dev.breezeway.iam.IamPrincipal;
import dev.breezeway.iam.IamStore;
import dev.breezeway.principal.Authorizations;
import dev.breezeway.principal.Credentials;
import dev.breezeway.principal.Face;
import dev.breezeway.principal.Lifecycle;
import dev.breezeway.principal.Principal;
import dev.breezeway.principal.PrincipalService;
import dev.breezeway.principal.PrincipalStore;
import dev.breezeway.principal.PrincipalType;
import dev.breezeway.principal.Uuids;
import dev.breezeway.access.PermissionCatalogue;
import dev.breezeway.session.Session;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.Record1;

/**
 * The users, roles and tenants API of seed 002 over the one principal core: a user is a principal (its
 * locator is the principal's UUID), its roles are the modern API's roles, its permissions what the
 * {@link Authorizer} enforces. Every rule is the core's; this class maps the seed's shapes.
 */
public final class UserService {
    private final DSLContext db;
    private final PrincipalService principals;
    private final PrincipalStore principalStore;
    private final IamStore iam;
    private final Authorizer authz;
    private final Authorizations authorizations;
    private final Credentials credentials;
    private final Lifecycle lifecycle;

    public UserService(DSLContext db, PrincipalService principals, PrincipalStore principalStore, IamStore iam,
                       Authorizer authz, Authorizations authorizations, Credentials credentials, Lifecycle lifecycle) {
        this.db = db;
        this.principals = principals;
        this.principalStore = principalStore;
        this.iam = iam;
        this.authz = authz;
        this.authorizations = authorizations;
        this.credentials = credentials;
        this.lifecycle = lifecycle;
    }

    /** A user as seed 002 shows it. */
    public record User(UUID locator, long principalId, String firstName, String lastName, String userName,
                       Optional<String> email, List<String> roles, List<String> tenants, List<String> permissions) {
    }

    /** A new user of seed 002's createUser. */
    public record NewUser(String firstName, String lastName, String userName, String password, boolean temporaryPassword,
                          Optional<String> email, List<String> roles, List<String> tenants) {
    }

    /** Creates a user with its roles and tenants; a taken user name is {@code duplicate} whatever the password. */
    public User create(Session caller, NewUser n) {
        if (!n.userName().matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+")) {
            throw ApiException.invalid(Invalid.of("userName", FieldType.STRING, InvalidSubcode.FORMAT));
        }
        Authorizations.Change roles = Authorizations.Change.roles(n.roles());
        authorizations.guardNew(caller, roles);
        long id = db.transactionResult(() -> {
            Principal p = principals.createUser(caller, new PrincipalService.NewUser(PrincipalType.USER, n.userName(),
                    n.firstName(), n.lastName(), n.email().or(() -> Optional.of(n.userName())), Optional.of(n.password())),
                    Face.JSON);
            if (n.temporaryPassword()) {
                credentials.markTemporary(db, p.principalId());
            }
            authorizations.write(caller, p.principalId(), Authorizations.Current.NONE, roles);
            authorizations.writeTenants(db, p.principalId(), n.tenants());
            return p.principalId();
        });
        return load(id);
    }

    public User whoami(Session caller) {
        return load(caller.principalId());
    }

    public User get(Session caller, UUID locator) {
        long id = find(caller, locator);
        authz.requireSelfOr(caller, id, PermissionCatalogue.USERS_READ);
        return load(id);
    }

    public List<User> byUserName(Session caller, String userName) {
        return db.select(PRINCIPAL.PRINCIPAL_ID).from(PRINCIPAL)
                .where(PRINCIPAL.LOGIN.eq(userName).and(PRINCIPAL.ACCOUNT_ID.eq(caller.accountId()))
                        .and(PRINCIPAL.DELETED_AT.isNull()))
                .fetch(Record1::value1).stream().map(this::load).toList();
    }

    /** A page of users by principal id; {@code listCompleted} once the end is reached. */
    public record Page(List<User> items, boolean listCompleted) {
    }

    public Page list(Session caller, int offset, int count) {
        List<Long> ids = db.select(PRINCIPAL.PRINCIPAL_ID).from(PRINCIPAL)
                .where(PRINCIPAL.ACCOUNT_ID.eq(caller.accountId()).and(PRINCIPAL.DELETED_AT.isNull())
                        .and(PRINCIPAL.TYPE.eq(PrincipalType.USER.wire())))
                .orderBy(PRINCIPAL.PRINCIPAL_ID).limit(count + 1).offset(offset).fetch(Record1::value1);
        boolean more = ids.size() > count;
        return new Page((more ? ids.subList(0, count) : ids).stream().map(this::load).toList(), !more);
    }

    /**
     * Updates names and email (the user itself or {@code users:update}), and replaces roles, tenants
     * and own permissions (ACL entries) when given, through the core's rules against escalation.
     */
    public User update(Session caller, UUID locator, String firstName, String lastName, Optional<String> email,
                       Optional<List<String>> roles, Optional<List<String>> tenants, Optional<List<String>> permissions) {
        long id = find(caller, locator);
        Optional<java.util.Collection<Grant>> acl = permissions.map(UserService::grants);
        IamPrincipal current = iam.findById(id).orElseThrow(() -> ApiException.problem(Problem.NOT_FOUND, "locator"));
        Authorizations.Change change = new Authorizations.Change(roles.map(r -> r), acl, Optional.empty());
        Authorizations.Current now = new Authorizations.Current(current.roles(), current.acl(), Map.of());
        authorizations.guard(caller, id, now, change);
        boolean tenantsChange = tenants.map(t -> !java.util.Set.copyOf(t)
                .equals(java.util.Set.copyOf(authorizations.tenantsOf(id)))).orElse(false);
        if (tenantsChange) {
            authz.require(caller, PermissionCatalogue.USERS_UPDATE);
        }
        db.transaction(() -> {
            principals.update(caller, id, new PrincipalService.Update(Optional.empty(), Optional.of(firstName),
                    Optional.of(lastName), email, Optional.empty(), Optional.empty()), Face.JSON);
            authorizations.write(caller, id, now, change);
            if (tenantsChange) {
                authorizations.setTenants(caller, id, tenants.get());
            }
        });
        return load(id);
    }

    /** Sets a new password the user must change at the next login; its sessions end. */
    public void resetPassword(Session caller, UUID locator, String password) {
        credentials.setTemporary(caller, find(caller, locator), password, "password");
    }

    public void delete(Session caller, UUID locator) {
        long id = find(caller, locator);
        lifecycle.delete(caller, id, OptionalLong.empty());
    }

    /** Effective permissions of a person (user or guest): exactly what every check enforces ({@link Authorizer#report}). */
    public List<String> permissions(Session caller, UUID locator) {
        return permissions(caller, idOfPerson(caller, locator));
    }

    /** As {@link #permissions(Session, UUID)}, for a Breeze principal-id ({@code no-data} unless a person of the account). */
    public List<String> permissions(Session caller, long principalId) {
        Principal p = principalStore.findById(principalId).filter(x -> x.accountId() == caller.accountId())
                .filter(x -> x.type().isPerson()).orElseThrow(ApiException::noData);
        authz.requireSelfOr(caller, p.principalId(), PermissionCatalogue.USERS_READ);
        return authz.report(p.principalId());
    }

    private long idOfPerson(Session caller, UUID locator) {
        return db.select(PRINCIPAL.PRINCIPAL_ID).from(PRINCIPAL)
                .where(PRINCIPAL.UUID.eq(Uuids.toBytes(locator)).and(PRINCIPAL.ACCOUNT_ID.eq(caller.accountId()))
                        .and(PRINCIPAL.DELETED_AT.isNull()).and(PRINCIPAL.TYPE.in(PrincipalType.USER.wire(),
                                PrincipalType.GUEST.wire(), PrincipalType.EXTERNAL_USER.wire())))
                .fetchOptional(Record1::value1)
                .orElseThrow(() -> ApiException.problem(Problem.NOT_FOUND, "locator"));
    }

    public User changeRoles(Session caller, UUID locator, List<String> add, List<String> remove) {
        long id = find(caller, locator);
        authorizations.changeRoles(caller, id, add, remove);
        return load(id);
    }

    public User changeTenants(Session caller, UUID locator, List<String> add, List<String> remove) {
        long id = find(caller, locator);
        authorizations.changeTenants(caller, id, add, remove);
        return load(id);
    }

    /** The locator of a principal id of the caller's account, for the XML actions. */
    public UUID locatorOf(Session caller, long principalId) {
        return principalStore.findById(principalId).filter(p -> p.accountId() == caller.accountId())
                .map(Principal::uuid).orElseThrow(ApiException::noData);
    }

    private static List<Grant> grants(List<String> permissions) {
        List<Grant> acl = new ArrayList<>();
        for (String p : permissions) {
            acl.add(Grant.parse(p).filter(x -> PermissionCatalogue.isKnown(p)).orElseThrow(
                    () -> ApiException.invalid(Invalid.of("permissions", FieldType.STRING, InvalidSubcode.NO_SUCH_ITEM))));
        }
        return acl;
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
        List<String> roles = authorizations.rolesOf(principalId);
        return new User(p.uuid(), principalId, p.firstName().orElse(""), p.lastName().orElse(""), p.breezeLogin(), p.email(),
                roles, authorizations.tenantsOf(principalId), authz.report(principalId));
    }
}
