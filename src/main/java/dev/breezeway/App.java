package dev.breezeway;

import dev.breezeway.account.AccountStore;
import dev.breezeway.account.Bootstrap;
import dev.breezeway.acl.AclObjectStore;
import dev.breezeway.acl.PermissionService;
import dev.breezeway.acl.PermissionStore;
import dev.breezeway.auth.AuthService;
import dev.breezeway.auth.LoginThrottle;
import dev.breezeway.auth.PasswordHasher;
import dev.breezeway.auth.PasswordPolicy;
import dev.breezeway.client.ClientService;
import dev.breezeway.client.ClientStore;
import dev.breezeway.client.ClientUserService;
import dev.breezeway.config.AppConfig;
import dev.breezeway.db.Database;
import dev.breezeway.field.AclFieldService;
import dev.breezeway.field.AclFieldStore;
import dev.breezeway.field.CustomFieldService;
import dev.breezeway.field.CustomFieldStore;
import dev.breezeway.http.HealthServlet;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.breezeway.iam.Authorizer;
import dev.breezeway.iam.IamService;
import dev.breezeway.iam.IamStore;
import dev.breezeway.principal.LastActive;
import dev.breezeway.principal.PrincipalListService;
import dev.breezeway.rest.AuthResources;
import dev.breezeway.rest.ClientResources;
import dev.breezeway.rest.OrgResources;
import dev.breezeway.rest.SeedUsersResources;
import dev.breezeway.org.OrgService;
import dev.breezeway.auth.SecretBox;
import java.util.function.Supplier;
import dev.breezeway.role.PermissionCatalogue;
import dev.breezeway.role.RoleService;
import dev.breezeway.role.RoleStore;
import dev.breezeway.user.UserService;
import dev.breezeway.rest.IamResources;
import dev.breezeway.rest.RestReply;
import dev.breezeway.rest.RestServlet;
import dev.breezeway.rest.Router;
import dev.breezeway.principal.PrincipalService;
import dev.breezeway.principal.PrincipalStore;
import dev.breezeway.principal.Uuids;
import dev.breezeway.session.SessionService;
import dev.breezeway.session.SessionStore;
import dev.breezeway.session.Tokens;
import dev.breezeway.xml.Access;
import dev.breezeway.xml.ActionRegistry;
import dev.breezeway.xml.ActionServlet;
import dev.breezeway.xml.BatchRunner;
import dev.breezeway.xml.Dispatcher;
import dev.breezeway.xml.RequestReader;
import dev.breezeway.xml.XmlWriter;
import dev.breezeway.xml.action.AclFieldInfoAction;
import dev.breezeway.xml.action.AclFieldListAction;
import dev.breezeway.xml.action.AclFieldUpdateAction;
import dev.breezeway.xml.action.ClientCreateAction;
import dev.breezeway.xml.action.ClientListAction;
import dev.breezeway.xml.action.ClientRevokeAction;
import dev.breezeway.xml.action.ClientRolesUpdateAction;
import dev.breezeway.xml.action.ClientRotateAction;
import dev.breezeway.xml.action.ClientTokenAction;
import dev.breezeway.xml.action.CommonInfoAction;
import dev.breezeway.xml.action.PrincipalDeactivateAction;
import dev.breezeway.xml.action.GuestPromoteAction;
import dev.breezeway.xml.action.PolicyMembershipUpdateAction;
import dev.breezeway.xml.action.PolicyUpdateAction;
import dev.breezeway.xml.action.UserComputerUsernamesUpdateAction;
import dev.breezeway.xml.action.UserRankUpdateAction;
import dev.breezeway.xml.action.UserRemoveAction;
import dev.breezeway.xml.action.UserSmartcardsInfoAction;
import dev.breezeway.xml.action.UserSmartcardsUpdateAction;
import dev.breezeway.xml.action.UserSuspensionToggleAction;
import dev.breezeway.xml.action.PermissionListAction;
import dev.breezeway.xml.action.RoleCreateAction;
import dev.breezeway.xml.action.RoleDeleteAction;
import dev.breezeway.xml.action.RoleInfoAction;
import dev.breezeway.xml.action.RoleListAction;
import dev.breezeway.xml.action.RoleUpdateAction;
import dev.breezeway.xml.action.UserPermissionsAction;
import dev.breezeway.xml.action.UserRolesUpdateAction;
import dev.breezeway.xml.action.UserTenantsUpdateAction;
import dev.breezeway.xml.action.GroupMembershipUpdateAction;
import dev.breezeway.xml.action.PrincipalListAction;
import dev.breezeway.xml.action.PrincipalListByFieldAction;
import dev.breezeway.xml.action.PrincipalUpdateAction;
import dev.breezeway.xml.action.PrincipalsDeleteAction;
import dev.breezeway.xml.action.UserAccountsAction;
import dev.breezeway.xml.action.UserUpdatePwdAction;
import dev.breezeway.xml.action.CustomFieldUpdateAction;
import dev.breezeway.xml.action.CustomFieldsAction;
import dev.breezeway.xml.action.CustomFieldsDeleteAction;
import dev.breezeway.xml.action.LoginAction;
import dev.breezeway.xml.action.LogoutAction;
import dev.breezeway.xml.action.PermissionsInfoAction;
import dev.breezeway.xml.action.PermissionsResetAction;
import dev.breezeway.xml.action.PermissionsUpdateAction;
import dev.breezeway.xml.action.PrincipalInfoAction;
import dev.breezeway.xml.action.PrincipalAccessUpdateAction;
import dev.breezeway.xml.action.PrincipalAclUpdateAction;
import dev.breezeway.xml.action.PrincipalModernInfoAction;
import dev.breezeway.xml.action.PrincipalPasswordResetAction;
import dev.breezeway.xml.action.PrincipalRolesUpdateAction;
import dev.breezeway.xml.action.PrincipalSuspensionAction;
import dev.breezeway.xml.action.SessionListAction;
import dev.breezeway.xml.action.SessionRevokeAction;
import dev.breezeway.xml.model.AclFieldListXml;
import dev.breezeway.xml.model.AclFieldsXml;
import dev.breezeway.xml.model.ClientListXml;
import dev.breezeway.xml.model.ClientTokenXml;
import dev.breezeway.xml.model.ClientXml;
import dev.breezeway.xml.model.CommonXml;
import dev.breezeway.xml.model.PolicyXml;
import dev.breezeway.xml.model.SmartcardsXml;
import dev.breezeway.xml.model.PermissionNamesXml;
import dev.breezeway.xml.model.RoleListXml;
import dev.breezeway.xml.model.RoleXml;
import dev.breezeway.xml.model.ContactXml;
import dev.breezeway.xml.model.CreatedPrincipalXml;
import dev.breezeway.xml.model.CustomFieldXml;
import dev.breezeway.xml.model.CustomFieldsXml;
import dev.breezeway.xml.model.ManagerXml;
import dev.breezeway.xml.model.PermissionXml;
import dev.breezeway.xml.model.PermissionsXml;
import dev.breezeway.xml.model.PreferencesXml;
import dev.breezeway.xml.model.PrincipalXml;
import dev.breezeway.xml.model.PrincipalModernXml;
import dev.breezeway.xml.model.SessionsXml;
import dev.breezeway.xml.model.TemporaryPasswordXml;
import dev.breezeway.xml.model.UsersXml;
import jakarta.servlet.http.HttpServlet;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jooq.DSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The composition root: configuration → database → stores → services → the action table and
 * servlets. The embedded server ({@link Main}), the WAR ({@link WebAppListener}) and the tests all
 * mount exactly {@link #servlets()}.
 */
public final class App implements AutoCloseable {
    public static final String VERSION = "breezeway_0.1.0";
    private static final Logger log = LoggerFactory.getLogger(App.class);

    private final AppConfig config;
    private final Database database;
    private final XmlWriter xmlWriter;
    private final Map<String, HttpServlet> servlets = new LinkedHashMap<>();
    private final Router router;
    private final ScheduledExecutorService housekeeping;
    private final LastActive lastActive;

    private App(AppConfig config, Database database, Clock clock) {
        this.config = config;
        this.database = database;
        DSLContext db = database.dsl();

        ObjectMapper json = new ObjectMapper();
        JsonNode openApi = readOpenApi(json);
        PasswordHasher hasher = new PasswordHasher();
        PasswordPolicy policy = new PasswordPolicy();
        Uuids uuids = new Uuids(clock);
        AccountStore accounts = new AccountStore(db);
        PrincipalStore principals = new PrincipalStore(db);
        SessionStore sessionStore = new SessionStore(db);
        SessionService sessions = new SessionService(sessionStore, principals, new Tokens(), clock,
                config.sessionIdleTimeout(), database.writes(), config.sessionCacheTtl());
        IamStore iamStore = new IamStore(db, json);
        Authorizer authorizer = new Authorizer(iamStore);
        PrincipalService principalService = new PrincipalService(db, principals, sessionStore, hasher, policy, uuids,
                clock, authorizer::can, config.bulkWriters());
        PrincipalListService principalList = new PrincipalListService(principals, config.listLimit());
        LoginThrottle throttle = new LoginThrottle(db, clock, config.loginMaxFailures(), config.loginLockWindow());
        this.lastActive = new LastActive(principals);
        AuthService auth = new AuthService(db, sessions, hasher, throttle, lastActive, clock);
        AclObjectStore aclObjects = new AclObjectStore(db);
        CustomFieldStore customFieldStore = new CustomFieldStore(db);
        CustomFieldService customFields = new CustomFieldService(db, customFieldStore, clock);
        AclFieldService aclFields = new AclFieldService(db, aclObjects, customFieldStore, new AclFieldStore(db), clock);
        PermissionService permissions = new PermissionService(db, aclObjects, new PermissionStore(db), clock);

        new Bootstrap(db, accounts, principals, hasher, policy, uuids).run(config.adminLogin(), config.adminPassword());

        IamService iam = new IamService(db, iamStore, authorizer, sessionStore, principals, principalService,
                hasher, json, clock, database.writes());
        ClientStore clientStore = new ClientStore(db);
        ClientService clients = new ClientService(db, clientStore, principals, iamStore, sessions, sessionStore,
                authorizer, uuids, clock);
        ClientUserService clientUsers = new ClientUserService(db, clientStore, clients, principalService, principals, iam,
                sessionStore, authorizer, clock);
        RoleService roles = new RoleService(db, new RoleStore(db), authorizer::can);
        Supplier<SecretBox> secrets = new Supplier<>() {
            private SecretBox box;

            @Override
            public synchronized SecretBox get() {
                if (box == null) {
                    box = SecretBox.open(config.secretKey(), config.dataDir());
                }
                return box;
            }
        };
        OrgService org = new OrgService(db, principals, sessionStore, secrets, clock);
        UserService users = new UserService(db, principalService, principals, iamStore, authorizer, sessionStore, hasher,
                clock);

        ActionRegistry actions = ActionRegistry.builder()
                .add("common-info", Access.ANYONE, new CommonInfoAction(sessions, clock, VERSION))
                .add("login", Access.ANYONE, new LoginAction(auth))
                .add("logout", Access.ANYONE, new LogoutAction(sessions))
                .add("principal-info", Access.LOGGED_IN, new PrincipalInfoAction(principalService))
                .add("user-accounts", Access.ANYONE, new UserAccountsAction(auth, accounts))
                .add("principal-list", Access.requires(PermissionCatalogue.DIRECTORY_LIST), new PrincipalListAction(principalList))
                .add("principal-list-by-field", Access.requires(PermissionCatalogue.DIRECTORY_LIST),
                        new PrincipalListByFieldAction(principalList))
                // users:create to create, users:update to update: checked by the action, which knows which it is.
                .add("principal-update", Access.LOGGED_IN,
                        new PrincipalUpdateAction(principalService, clientUsers, authorizer::can))
                .add("principals-delete", Access.requires(PermissionCatalogue.USERS_DELETE), new PrincipalsDeleteAction(principalService))
                .add("group-membership-update", Access.requires(PermissionCatalogue.GROUPS_UPDATE), new GroupMembershipUpdateAction(principalService))
                .add("user-update-pwd", Access.LOGGED_IN, new UserUpdatePwdAction(principalService))
                // Definitions are not personal data; values are filtered per caller by AclFieldService.
                .add("custom-fields", Access.LOGGED_IN, new CustomFieldsAction(customFields))
                .add("custom-field-update", Access.requires(PermissionCatalogue.FIELDS_MANAGE), new CustomFieldUpdateAction(customFields))
                .add("custom-fields-delete", Access.requires(PermissionCatalogue.FIELDS_MANAGE), new CustomFieldsDeleteAction(customFields))
                .add("acl-field-info", Access.LOGGED_IN, new AclFieldInfoAction(aclFields))
                .add("acl-field-list", Access.LOGGED_IN, new AclFieldListAction(aclFields))
                .add("acl-field-update", Access.requires(PermissionCatalogue.FIELDS_MANAGE), new AclFieldUpdateAction(aclFields))
                .add("permissions-info", Access.requires(PermissionCatalogue.PERMISSIONS_MANAGE), new PermissionsInfoAction(permissions))
                .add("permissions-update", Access.requires(PermissionCatalogue.PERMISSIONS_MANAGE), new PermissionsUpdateAction(permissions))
                .add("permissions-reset", Access.requires(PermissionCatalogue.PERMISSIONS_MANAGE), new PermissionsResetAction(permissions))
                .add("role-create", Access.LOGGED_IN, new RoleCreateAction(roles))
                .add("role-info", Access.LOGGED_IN, new RoleInfoAction(roles))
                .add("role-update", Access.LOGGED_IN, new RoleUpdateAction(roles))
                .add("role-list", Access.LOGGED_IN, new RoleListAction(roles))
                .add("role-delete", Access.LOGGED_IN, new RoleDeleteAction(roles))
                .add("permission-list", Access.LOGGED_IN, new PermissionListAction(roles))
                .add("user-permissions", Access.LOGGED_IN, new UserPermissionsAction(users))
                .add("user-roles-update", Access.LOGGED_IN, new UserRolesUpdateAction(users))
                .add("user-tenants-update", Access.LOGGED_IN, new UserTenantsUpdateAction(users))
                .add("user-rank-update", Access.LOGGED_IN, new UserRankUpdateAction(org))
                .add("guest-promote", Access.LOGGED_IN, new GuestPromoteAction(org))
                .add("user-suspension-toggle", Access.LOGGED_IN, new UserSuspensionToggleAction(org))
                .add("user-computer-usernames-update", Access.LOGGED_IN, new UserComputerUsernamesUpdateAction(org))
                .add("user-smartcards-info", Access.LOGGED_IN, new UserSmartcardsInfoAction(org))
                .add("user-smartcards-update", Access.LOGGED_IN, new UserSmartcardsUpdateAction(org))
                .add("user-remove", Access.LOGGED_IN, new UserRemoveAction(org))
                .add("policy-update", Access.LOGGED_IN, new PolicyUpdateAction(org))
                .add("policy-membership-update", Access.LOGGED_IN, new PolicyMembershipUpdateAction(org))
                // Mirrors of the JSON API: IamService checks the same permissions as on /resources/iam.
                .add("principal-modern-info", Access.LOGGED_IN, new PrincipalModernInfoAction(iam))
                .add("principal-suspend", Access.LOGGED_IN, new PrincipalSuspensionAction(iam, IamService::suspend))
                .add("principal-reactivate", Access.LOGGED_IN, new PrincipalSuspensionAction(iam, IamService::reactivate))
                .add("principal-password-reset", Access.LOGGED_IN, new PrincipalPasswordResetAction(iam))
                .add("principal-roles-update", Access.LOGGED_IN, new PrincipalRolesUpdateAction(iam))
                .add("principal-acl-update", Access.LOGGED_IN, new PrincipalAclUpdateAction(iam))
                .add("principal-access-update", Access.LOGGED_IN, new PrincipalAccessUpdateAction(iam))
                .add("session-list", Access.LOGGED_IN, new SessionListAction(iam, config.sessionIdleTimeout()))
                .add("session-revoke", Access.LOGGED_IN, new SessionRevokeAction(iam))
                .add("principal-deactivate", Access.requires(PermissionCatalogue.USERS_DELETE),
                        new PrincipalDeactivateAction(clientUsers))
                .add("client-create", Access.requires(PermissionCatalogue.CLIENTS_MANAGE), new ClientCreateAction(clients))
                .add("client-rotate", Access.requires(PermissionCatalogue.CLIENTS_MANAGE), new ClientRotateAction(clients))
                .add("client-revoke", Access.requires(PermissionCatalogue.CLIENTS_MANAGE), new ClientRevokeAction(clients))
                .add("client-roles-update", Access.requires(PermissionCatalogue.CLIENTS_MANAGE),
                        new ClientRolesUpdateAction(clients))
                .add("client-list", Access.requires(PermissionCatalogue.CLIENTS_READ), new ClientListAction(clients))
                .add("client-token", Access.ANYONE, new ClientTokenAction(clients))
                .build();

        this.xmlWriter = new XmlWriter(List.of(CommonXml.class, ContactXml.class, ManagerXml.class,
                PreferencesXml.class, PrincipalXml.class, CreatedPrincipalXml.class,
                UsersXml.class, CustomFieldXml.class, CustomFieldsXml.class, AclFieldsXml.class, AclFieldListXml.class,
                PermissionsXml.class, PermissionXml.class, RoleXml.class, RoleListXml.class, PermissionNamesXml.class,
                SmartcardsXml.class, PolicyXml.class,
                PrincipalModernXml.class, SessionsXml.class, TemporaryPasswordXml.class, ClientXml.class,
                ClientListXml.class, ClientTokenXml.class));
        RequestReader reader = new RequestReader(config.maxRequestBytes(), config.maxParamChars());
        IamResources iamResources = new IamResources(iam, clientUsers, json, config.sessionIdleTimeout());
        ClientResources clientResources = new ClientResources(clients, clientUsers, json);
        SeedUsersResources seedUsers = new SeedUsersResources(users, roles, json);
        OrgResources orgRoutes = new OrgResources(org, json);
        AuthResources authResources = new AuthResources(auth, sessions, iam, json);
        Router routes = Router.builder()
                .get("/resources/openapi.json", c -> RestReply.ok(openApi))
                .post("/resources/auth/login", authResources::login)
                .postDuringPasswordChange("/resources/auth/logout", authResources::logout)
                .get("/resources/me", authResources::me)
                .postDuringPasswordChange("/resources/me/password", authResources::changePassword)
                .get("/resources/iam/principals", iamResources::list)
                .get("/resources/iam/principals/{id}", iamResources::get)
                .put("/resources/iam/principals/{id}", iamResources::put)
                .patch("/resources/iam/principals/{id}", iamResources::patch)
                .delete("/resources/iam/principals/{id}", iamResources::delete)
                .put("/resources/iam/principals/{id}/roles", iamResources::putRoles)
                .put("/resources/iam/principals/{id}/acl", iamResources::putAcl)
                .put("/resources/iam/principals/{id}/access-attributes", iamResources::putAccessAttributes)
                .post("/resources/iam/principals/{id}/suspend", iamResources::suspend)
                .post("/resources/iam/principals/{id}/reactivate", iamResources::reactivate)
                .post("/resources/iam/principals/{id}/password/reset", iamResources::resetPassword)
                .get("/resources/iam/principals/{id}/sessions", iamResources::sessions)
                .delete("/resources/iam/principals/{id}/sessions/{sessionId}", iamResources::revokeSession)
                .post("/resources/graph/query", iamResources::graphQuery)
                .post("/resources/clients", clientResources::create)
                .get("/resources/clients", clientResources::list)
                .get("/resources/clients/{clientId}", clientResources::get)
                .post("/resources/clients/{clientId}/rotate", clientResources::rotate)
                .delete("/resources/clients/{clientId}", clientResources::revoke)
                .put("/resources/clients/{clientId}/roles", clientResources::putRoles)
                // Seed 003's own paths, so an integration written for that API only changes its base URL.
                .post("/v1/admin/token", clientResources::token)
                .get("/api/v1/users", clientResources::users)
                .get("/api/v1/users/{humanId}", clientResources::user)
                .delete("/api/v1/users/{humanId}", clientResources::deleteUser)
                .post("/auth/users", seedUsers::createUser)
                .get("/auth/users/whoami", seedUsers::whoami)
                .get("/auth/users/username/{username}", seedUsers::byUserName)
                .get("/auth/users/list", seedUsers::listUsers)
                .get("/auth/users/basic/list", seedUsers::listBasicUsers)
                .get("/auth/users/{locator}", seedUsers::getUser)
                .patch("/auth/users/{locator}", seedUsers::updateUser)
                .delete("/auth/users/{locator}", seedUsers::deleteUser)
                .patch("/auth/users/{locator}/passwordreset", seedUsers::resetPassword)
                .get("/auth/users/{locator}/permissions", seedUsers::userPermissions)
                .patch("/auth/users/{locator}/roles", seedUsers::userRoles)
                .patch("/auth/users/{locator}/tenants", seedUsers::userTenants)
                .post("/auth/roles", seedUsers::createRole)
                .get("/auth/roles/permissions", seedUsers::permissionCatalogue)
                .get("/auth/roles/list", seedUsers::listRoles)
                .get("/auth/roles/{locator}", seedUsers::getRole)
                .patch("/auth/roles/{locator}", seedUsers::updateRole)
                .delete("/auth/roles/{locator}", seedUsers::deleteRole)
                .plain("POST", "/modifyallusernames", orgRoutes::modifyAllUsernames)
                .plain("POST", "/modifyrank", orgRoutes::modifyRank)
                .plain("GET", "/modifysmartcard", orgRoutes::getSmartcards)
                .plain("POST", "/modifysmartcard", orgRoutes::modifySmartcards)
                .plain("GET", "/multipleusers", orgRoutes::multipleUsers)
                .plain("POST", "/promoteguest", orgRoutes::promoteGuest)
                .plain("POST", "/togglesuspension", orgRoutes::toggleSuspension)
                .plain("GET", "/user", orgRoutes::getUser)
                .plain("DELETE", "/user", orgRoutes::deleteUser)
                .build();
        this.router = routes;
        RestServlet rest = new RestServlet(routes, sessions, json);
        servlets.put("/resources/*", rest);
        servlets.put("/auth/*", rest);
        servlets.put("/v1/*", rest);
        servlets.put("/api/v1/*", rest);
        for (String path : List.of("/modifyallusernames", "/modifyrank", "/modifysmartcard", "/multipleusers",
                "/promoteguest", "/togglesuspension", "/user")) {
            servlets.put(path, rest);
        }

        Dispatcher dispatcher = new Dispatcher(actions, authorizer::can);
        servlets.put("/api/xml", new ActionServlet(dispatcher, new BatchRunner(dispatcher, xmlWriter, db), sessions,
                reader, xmlWriter));
        servlets.put("/healthz", new HealthServlet(database));

        this.housekeeping = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "breezeway-housekeeping");
            t.setDaemon(true);
            return t;
        });
        housekeeping.scheduleWithFixedDelay(() -> {
            try {
                int n = sessions.purgeExpired();
                if (n > 0) {
                    log.info("Purged {} expired sessions", n);
                }
                throttle.purge();
            } catch (RuntimeException e) {
                log.warn("Session purge failed: {}", e.toString());
            }
        }, 10, 10, TimeUnit.MINUTES);
        housekeeping.scheduleWithFixedDelay(this::flushLastActive, 1, 1, TimeUnit.SECONDS);
    }

    private void flushLastActive() {
        try {
            lastActive.flush();
        } catch (RuntimeException e) {
            log.warn("Writing last-active times failed (kept for the next flush): {}", e.toString());
        }
    }

    /** Opens the database (embedded unless a URL is configured), migrates it, bootstraps it and wires everything. */
    public static App start(AppConfig config) {
        return start(config, Database.open(config), Clock.systemUTC());
    }

    /** Wires the application over an already open database; closes it if wiring fails. */
    public static App start(AppConfig config, Database database, Clock clock) {
        try {
            return new App(config, database, clock);
        } catch (RuntimeException e) {
            database.close();
            throw e;
        }
    }

    private static JsonNode readOpenApi(ObjectMapper json) {
        try (var in = App.class.getResourceAsStream("/openapi.json")) {
            return json.readTree(in);
        } catch (java.io.IOException | NullPointerException e) {
            throw new IllegalStateException("openapi.json is missing from the classpath", e);
        }
    }

    /** Path → servlet, to mount in a servlet context. */
    public Map<String, HttpServlet> servlets() {
        return servlets;
    }

    public AppConfig config() {
        return config;
    }

    /** The JSON route table, e.g. for checking that the OpenAPI document covers every route. */
    public Router router() {
        return router;
    }

    public XmlWriter xmlWriter() {
        return xmlWriter;
    }

    public Database database() {
        return database;
    }

    @Override
    public void close() {
        housekeeping.shutdownNow();
        try {
            housekeeping.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        flushLastActive();  // the times of the last second
        database.close();
    }
}
