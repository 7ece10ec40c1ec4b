package dev.breezeway;

import static dev.breezeway.access.PermissionCatalogue.AUDIT_READ;
import static dev.breezeway.access.PermissionCatalogue.SIGN_IN_MANAGE;
import static dev.breezeway.access.PermissionCatalogue.CLIENTS_MANAGE;
import static dev.breezeway.access.PermissionCatalogue.CLIENTS_READ;
import static dev.breezeway.access.PermissionCatalogue.MAIL_READ;
import static dev.breezeway.access.PermissionCatalogue.MAIL_SEND;
import static dev.breezeway.access.PermissionCatalogue.POLICIES_MANAGE;
import static dev.breezeway.access.PermissionCatalogue.PRINCIPALS_READ;
import static dev.breezeway.access.PermissionCatalogue.PRINCIPALS_WRITE;
import static dev.breezeway.access.PermissionCatalogue.ROLES_CREATE;
import static dev.breezeway.access.PermissionCatalogue.ROLES_DELETE;
import static dev.breezeway.access.PermissionCatalogue.ROLES_LIST;
import static dev.breezeway.access.PermissionCatalogue.ROLES_READ;
import static dev.breezeway.access.PermissionCatalogue.ROLES_UPDATE;
import static dev.breezeway.access.PermissionCatalogue.USERS_CREATE;
import static dev.breezeway.access.PermissionCatalogue.USERS_DELETE;
import static dev.breezeway.access.PermissionCatalogue.USERS_LIST;
import static dev.breezeway.access.PermissionCatalogue.USERS_PASSWORD_RESET;
import static dev.breezeway.access.PermissionCatalogue.USERS_READ;
import static dev.breezeway.access.PermissionCatalogue.USERS_UPDATE;

import dev.breezeway.access.Access;
import dev.breezeway.rest.AuditResources;
import dev.breezeway.rest.AuthResources;
import dev.breezeway.rest.ClientResources;
import dev.breezeway.rest.IamResources;
import dev.breezeway.rest.LoginLockResources;
import dev.breezeway.rest.OrgResources;
import dev.breezeway.rest.PolicyResources;
import dev.breezeway.rest.RestReply;
import dev.breezeway.rest.Router;
import dev.breezeway.rest.SeedUsersResources;
import dev.breezeway.rest.RecoveryResources;
import dev.breezeway.rest.SendingResources;

/**
 * The JSON route table: method and path → what it requires → handler, e.g.
 * {@code DELETE /auth/users/{locator}} requires {@code users:delete}. The README's route tables show the same column.
 */
final class RouteTable {
    private RouteTable() {
    }

    static Router build(Services s) {
        IamResources iam = new IamResources(s.iam(), s.clientUsers(), s.json());
        ClientResources clients = new ClientResources(s.clients(), s.clientUsers(), s.json());
        SeedUsersResources users = new SeedUsersResources(s.users(), s.roles(), s.json());
        OrgResources org = new OrgResources(s.org(), s.lifecycle(), s.json());
        PolicyResources policies = new PolicyResources(s.policies(), s.json());
        AuthResources auth = new AuthResources(s.auth(), s.sessions(), s.iam(), s.json());
        LoginLockResources locks = new LoginLockResources(s.auth());
        dev.breezeway.rest.HeaderAuthResources header = new dev.breezeway.rest.HeaderAuthResources(s.headerAuth(),
                s.json());
        dev.breezeway.rest.SsoResources sso = new dev.breezeway.rest.SsoResources(s.ssoProviders(), s.json());
        AuditResources audit = new AuditResources(s.audit(), s.iam(), s.json());
        SendingResources sendings = new SendingResources(s.sendings(), s.json());
        RecoveryResources recovery = new RecoveryResources(s.recovery(), s.accountMail(), s.mailTemplates(), s.iam(),
                s.json());
        return Router.builder()
                .get("/resources/openapi.json", Access.ANYONE, c -> RestReply.ok(s.openApi()))
                .post("/resources/auth/login", Access.ANYONE, auth::login)
                .postDuringPasswordChange("/resources/auth/logout", Access.LOGGED_IN, auth::logout)
                .get("/resources/me", Access.LOGGED_IN, auth::me)
                .get("/resources/audit-events", Access.permission(AUDIT_READ), audit::list)
                .post("/resources/sendings", Access.permission(MAIL_SEND), sendings::create)
                .get("/resources/sendings", Access.permission(MAIL_READ), sendings::list)
                .get("/resources/sendings/{id}", Access.permission(MAIL_READ), sendings::get)
                .post("/resources/auth/password/forgot", Access.ANYONE, recovery::forgot)
                .post("/resources/auth/password/recover", Access.ANYONE, recovery::recover)
                .get("/resources/mail-templates/{template}/{lang}", Access.permission(POLICIES_MANAGE),
                        recovery::getTemplate)
                .put("/resources/mail-templates/{template}/{lang}", Access.permission(POLICIES_MANAGE),
                        recovery::putTemplate)
                .get("/resources/auth/header-auth", Access.permission(POLICIES_MANAGE), header::get)
                .put("/resources/auth/header-auth", Access.permission(SIGN_IN_MANAGE), header::put)
                .delete("/resources/auth/header-auth", Access.permission(SIGN_IN_MANAGE), header::reset)
                .get("/resources/sso/providers", Access.permission(POLICIES_MANAGE), sso::list)
                .get("/resources/sso/providers/{slug}", Access.permission(POLICIES_MANAGE), sso::get)
                .put("/resources/sso/providers/{slug}", Access.permission(SIGN_IN_MANAGE), sso::put)
                .delete("/resources/sso/providers/{slug}", Access.permission(SIGN_IN_MANAGE), sso::delete)
                .get("/resources/login-locks", Access.permission(USERS_UPDATE), locks::list)
                .delete("/resources/login-locks/{login}", Access.permission(USERS_UPDATE), locks::clear)
                .postDuringPasswordChange("/resources/me/password", Access.LOGGED_IN, auth::changePassword)
                .get("/resources/iam/principals", Access.permission(PRINCIPALS_READ), iam::list)
                .get("/resources/iam/principals/{id}", Access.selfOr(PRINCIPALS_READ), iam::get)
                .put("/resources/iam/principals/{id}", Access.permission(PRINCIPALS_WRITE), iam::put)
                .patch("/resources/iam/principals/{id}", Access.permission(PRINCIPALS_WRITE), iam::patch)
                .delete("/resources/iam/principals/{id}", Access.permission(PRINCIPALS_WRITE), iam::delete)
                .put("/resources/iam/principals/{id}/roles", Access.permission(PRINCIPALS_WRITE), iam::putRoles)
                .put("/resources/iam/principals/{id}/acl", Access.permission(PRINCIPALS_WRITE), iam::putAcl)
                .put("/resources/iam/principals/{id}/access-attributes", Access.permission(PRINCIPALS_WRITE),
                        iam::putAccessAttributes)
                .post("/resources/iam/principals/{id}/suspend", Access.permission(PRINCIPALS_WRITE), iam::suspend)
                .post("/resources/iam/principals/{id}/reactivate", Access.permission(PRINCIPALS_WRITE), iam::reactivate)
                .post("/resources/iam/principals/{id}/password/reset", Access.permission(PRINCIPALS_WRITE),
                        recovery::resetPassword)
                .get("/resources/iam/principals/{id}/sessions", Access.selfOr(PRINCIPALS_READ), iam::sessions)
                .delete("/resources/iam/principals/{id}/sessions/{sessionId}", Access.selfOr(PRINCIPALS_WRITE),
                        iam::revokeSession)
                .get("/resources/account/policies/{face}", Access.LOGGED_IN, policies::get)
                .put("/resources/account/policies/{face}", Access.permission(POLICIES_MANAGE), policies::put)
                .post("/resources/graph/query", Access.permission(PRINCIPALS_READ), iam::graphQuery)
                .post("/resources/clients", Access.permission(CLIENTS_MANAGE), clients::create)
                .get("/resources/clients", Access.permission(CLIENTS_READ), clients::list)
                .get("/resources/clients/{clientId}", Access.permission(CLIENTS_READ), clients::get)
                .post("/resources/clients/{clientId}/rotate", Access.permission(CLIENTS_MANAGE), clients::rotate)
                .delete("/resources/clients/{clientId}", Access.permission(CLIENTS_MANAGE), clients::revoke)
                .put("/resources/clients/{clientId}/roles", Access.permission(CLIENTS_MANAGE), clients::putRoles)
                // Seed 003's own paths, so an integration written for that API only changes its base URL.
                .post("/v1/admin/token", Access.ANYONE, clients::token)
                .get("/api/v1/users", Access.CLIENT, clients::users)
                .get("/api/v1/users/{humanId}", Access.CLIENT, clients::user)
                .delete("/api/v1/users/{humanId}", Access.CLIENT, clients::deleteUser)
                .post("/auth/users", Access.permission(USERS_CREATE), users::createUser)
                .get("/auth/users/whoami", Access.LOGGED_IN, users::whoami)
                .get("/auth/users/username/{username}", Access.permission(USERS_READ), users::byUserName)
                .get("/auth/users/list", Access.permission(USERS_LIST), users::listUsers)
                .get("/auth/users/basic/list", Access.permission(USERS_LIST), users::listBasicUsers)
                .get("/auth/users/{locator}", Access.selfOr(USERS_READ), users::getUser)
                .patch("/auth/users/{locator}", Access.selfOr(USERS_UPDATE), users::updateUser)
                .delete("/auth/users/{locator}", Access.permission(USERS_DELETE), users::deleteUser)
                .patch("/auth/users/{locator}/passwordreset", Access.permission(USERS_PASSWORD_RESET), users::resetPassword)
                .get("/auth/users/{locator}/permissions", Access.selfOr(USERS_READ), users::userPermissions)
                .patch("/auth/users/{locator}/roles", Access.permission(USERS_UPDATE), users::userRoles)
                .patch("/auth/users/{locator}/tenants", Access.permission(USERS_UPDATE), users::userTenants)
                .post("/auth/roles", Access.permission(ROLES_CREATE), users::createRole)
                .get("/auth/roles/permissions", Access.permission(ROLES_READ), users::permissionCatalogue)
                .get("/auth/roles/list", Access.permission(ROLES_LIST), users::listRoles)
                .get("/auth/roles/{locator}", Access.permission(ROLES_READ), users::getRole)
                .patch("/auth/roles/{locator}", Access.permission(ROLES_UPDATE), users::updateRole)
                .delete("/auth/roles/{locator}", Access.permission(ROLES_DELETE), users::deleteRole)
                .plain("POST", "/modifyallusernames", Access.permission(USERS_UPDATE), org::modifyAllUsernames)
                .plain("POST", "/modifyrank", Access.permission(USERS_UPDATE), org::modifyRank)
                .plain("GET", "/modifysmartcard", Access.selfOr(USERS_UPDATE), org::getSmartcards)
                .plain("POST", "/modifysmartcard", Access.permission(USERS_UPDATE), org::modifySmartcards)
                .plain("GET", "/multipleusers", Access.permission(USERS_LIST), org::multipleUsers)
                .plain("POST", "/promoteguest", Access.permission(USERS_UPDATE), org::promoteGuest)
                .plain("POST", "/togglesuspension", Access.permission(USERS_UPDATE), org::toggleSuspension)
                .plain("GET", "/user", Access.selfOr(USERS_UPDATE), org::getUser)
                .plain("DELETE", "/user", Access.permission(USERS_DELETE), org::deleteUser)
                .build();
    }
}
