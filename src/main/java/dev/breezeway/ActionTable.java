package dev.breezeway;

import static dev.breezeway.access.PermissionCatalogue.AUDIT_READ;
import static dev.breezeway.access.PermissionCatalogue.CLIENTS_MANAGE;
import static dev.breezeway.access.PermissionCatalogue.CLIENTS_READ;
import static dev.breezeway.access.PermissionCatalogue.DIRECTORY_LIST;
import static dev.breezeway.access.PermissionCatalogue.FIELDS_MANAGE;
import static dev.breezeway.access.PermissionCatalogue.GROUPS_UPDATE;
import static dev.breezeway.access.PermissionCatalogue.MAIL_READ;
import static dev.breezeway.access.PermissionCatalogue.MAIL_SEND;
import static dev.breezeway.access.PermissionCatalogue.PERMISSIONS_MANAGE;
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
import dev.breezeway.iam.IamService;
import dev.breezeway.query.ListLimit;
import dev.breezeway.xml.ActionRegistry;
import dev.breezeway.xml.action.AccountPolicyInfoAction;
import dev.breezeway.xml.action.MailTemplateAction;
import dev.breezeway.xml.action.PasswordForgotAction;
import dev.breezeway.xml.action.PasswordRecoverAction;
import dev.breezeway.xml.action.AccountPolicyUpdateAction;
import dev.breezeway.xml.action.AclFieldInfoAction;
import dev.breezeway.xml.action.AclFieldListAction;
import dev.breezeway.xml.action.AclFieldUpdateAction;
import dev.breezeway.xml.action.AuditEventListAction;
import dev.breezeway.xml.action.ClientCreateAction;
import dev.breezeway.xml.action.ClientListAction;
import dev.breezeway.xml.action.ClientRevokeAction;
import dev.breezeway.xml.action.ClientRolesUpdateAction;
import dev.breezeway.xml.action.ClientRotateAction;
import dev.breezeway.xml.action.ClientTokenAction;
import dev.breezeway.xml.action.CommonInfoAction;
import dev.breezeway.xml.action.CustomFieldUpdateAction;
import dev.breezeway.xml.action.CustomFieldsAction;
import dev.breezeway.xml.action.CustomFieldsDeleteAction;
import dev.breezeway.xml.action.GroupMembershipUpdateAction;
import dev.breezeway.xml.action.GuestPromoteAction;
import dev.breezeway.xml.action.LoginAction;
import dev.breezeway.xml.action.LogoutAction;
import dev.breezeway.xml.action.PermissionListAction;
import dev.breezeway.xml.action.PermissionsInfoAction;
import dev.breezeway.xml.action.PermissionsResetAction;
import dev.breezeway.xml.action.PermissionsUpdateAction;
import dev.breezeway.xml.action.PolicyMembershipUpdateAction;
import dev.breezeway.xml.action.PolicyUpdateAction;
import dev.breezeway.xml.action.PrincipalAccessUpdateAction;
import dev.breezeway.xml.action.PrincipalAclUpdateAction;
import dev.breezeway.xml.action.PrincipalDeactivateAction;
import dev.breezeway.xml.action.PrincipalInfoAction;
import dev.breezeway.xml.action.PrincipalListAction;
import dev.breezeway.xml.action.PrincipalListByFieldAction;
import dev.breezeway.xml.action.PrincipalModernInfoAction;
import dev.breezeway.xml.action.LoginLockClearAction;
import dev.breezeway.xml.action.LoginLockListAction;
import dev.breezeway.xml.action.PrincipalPasswordResetAction;
import dev.breezeway.xml.action.PrincipalRolesUpdateAction;
import dev.breezeway.xml.action.PrincipalSuspensionAction;
import dev.breezeway.xml.action.PrincipalUpdateAction;
import dev.breezeway.xml.action.PrincipalsDeleteAction;
import dev.breezeway.xml.action.ReportBulkUsersAction;
import dev.breezeway.xml.action.RoleCreateAction;
import dev.breezeway.xml.action.RoleDeleteAction;
import dev.breezeway.xml.action.RoleInfoAction;
import dev.breezeway.xml.action.RoleListAction;
import dev.breezeway.xml.action.RoleUpdateAction;
import dev.breezeway.xml.action.ScoShortcutsAction;
import dev.breezeway.xml.action.SendingCreateAction;
import dev.breezeway.xml.action.SendingInfoAction;
import dev.breezeway.xml.action.SendingListAction;
import dev.breezeway.xml.action.SessionListAction;
import dev.breezeway.xml.action.SessionRevokeAction;
import dev.breezeway.xml.action.UpdatePrincipalTypeAction;
import dev.breezeway.xml.action.UserAccountsAction;
import dev.breezeway.xml.action.UserComputerUsernamesUpdateAction;
import dev.breezeway.xml.action.UserPermissionsAction;
import dev.breezeway.xml.action.UserRolesAction;
import dev.breezeway.xml.action.UserRankUpdateAction;
import dev.breezeway.xml.action.UserRemoveAction;
import dev.breezeway.xml.action.UserRolesUpdateAction;
import dev.breezeway.xml.action.UserSmartcardsInfoAction;
import dev.breezeway.xml.action.UserSmartcardsUpdateAction;
import dev.breezeway.xml.action.UserSuspensionToggleAction;
import dev.breezeway.xml.action.UserTenantsUpdateAction;
import dev.breezeway.xml.action.UserUpdatePwdAction;

/**
 * The XML action table, the index of {@code /api/xml}: wire name → what it requires → handler, e.g.
 * {@code principals-delete} requires {@code users:delete}. The README's action table shows the same column.
 */
final class ActionTable {
    private ActionTable() {
    }

    static ActionRegistry build(Services s, String version) {
        // Every list action holds its answers to this limit (principal-list through its service).
        var lists = new ListLimit(s.config().listLimit());
        return ActionRegistry.builder()
                .add("common-info", Access.ANYONE, new CommonInfoAction(s.sessions(), s.clock(), version))
                .add("login", Access.ANYONE, new LoginAction(s.auth(), s.headerAuth()))
                .add("logout", Access.ANYONE, new LogoutAction(s.sessions(), s.auth()))
                .add("user-accounts", Access.ANYONE, new UserAccountsAction(s.auth(), s.accounts()))
                .add("login-lock-list", Access.permission(USERS_UPDATE), new LoginLockListAction(s.auth()))
                .add("login-lock-clear", Access.permission(USERS_UPDATE), new LoginLockClearAction(s.auth()))
                .add("audit-event-list", Access.permission(AUDIT_READ), new AuditEventListAction(s.audit(), lists))
                // Mirrors of the Sendings API (/resources/sendings).
                .add("sending-create", Access.permission(MAIL_SEND), new SendingCreateAction(s.sendings()))
                .add("sending-list", Access.permission(MAIL_READ), new SendingListAction(s.sendings()))
                .add("sending-info", Access.permission(MAIL_READ), new SendingInfoAction(s.sendings()))
                // Password recovery by mail, for users themselves (/resources/auth/password/…), and the mails' texts.
                .add("password-forgot", Access.ANYONE, new PasswordForgotAction(s.recovery()))
                .add("password-recover", Access.ANYONE, new PasswordRecoverAction(s.recovery()))
                .add("mail-template-info", Access.permission(POLICIES_MANAGE), MailTemplateAction.info(s.mailTemplates()))
                .add("mail-template-update", Access.permission(POLICIES_MANAGE),
                        MailTemplateAction.update(s.mailTemplates()))
                // HTTP header authentication's settings (/resources/auth/header-auth).
                .add("header-auth-info", Access.permission(POLICIES_MANAGE),
                        dev.breezeway.xml.action.HeaderAuthAction.info(s.headerAuth()))
                .add("header-auth-update", Access.permission(dev.breezeway.access.PermissionCatalogue.SIGN_IN_MANAGE),
                        dev.breezeway.xml.action.HeaderAuthAction.update(s.headerAuth()))
                // OpenID Connect providers (/resources/sso/providers).
                .add("sso-provider-list", Access.permission(POLICIES_MANAGE),
                        dev.breezeway.xml.action.SsoProviderAction.list(s.ssoProviders()))
                .add("sso-provider-info", Access.permission(POLICIES_MANAGE),
                        dev.breezeway.xml.action.SsoProviderAction.info(s.ssoProviders()))
                .add("sso-provider-update", Access.permission(dev.breezeway.access.PermissionCatalogue.SIGN_IN_MANAGE),
                        dev.breezeway.xml.action.SsoProviderAction.update(s.ssoProviders()))
                .add("sso-provider-delete", Access.permission(dev.breezeway.access.PermissionCatalogue.SIGN_IN_MANAGE),
                        dev.breezeway.xml.action.SsoProviderAction.delete(s.ssoProviders()))
                .add("sco-shortcuts", Access.LOGGED_IN, new ScoShortcutsAction())
                .add("principal-info", Access.selfOr(USERS_READ), new PrincipalInfoAction(s.principals()))
                .add("principal-list", Access.permission(DIRECTORY_LIST), new PrincipalListAction(s.principalList()))
                .add("principal-list-by-field", Access.permission(DIRECTORY_LIST),
                        new PrincipalListByFieldAction(s.principalList()))
                .add("report-bulk-users", Access.permission(USERS_LIST), new ReportBulkUsersAction(s.principalList()))
                .add("principal-update", Access.createOrUpdate(USERS_CREATE, USERS_UPDATE),
                        new PrincipalUpdateAction(s.principals(), s.clientUsers(), s.signIn()))
                .add("principals-delete", Access.permission(USERS_DELETE), new PrincipalsDeleteAction(s.lifecycle()))
                .add("group-membership-update", Access.permission(GROUPS_UPDATE),
                        new GroupMembershipUpdateAction(s.memberships()))
                // A temporary or expired password is changed here on the XML face.
                .addDuringPasswordChange("user-update-pwd", Access.selfOr(USERS_PASSWORD_RESET),
                        new UserUpdatePwdAction(s.credentials()))
                // Definitions are not personal data; values are filtered per caller by AclFieldService.
                .add("custom-fields", Access.LOGGED_IN, new CustomFieldsAction(s.customFields(), lists))
                .add("custom-field-update", Access.permission(FIELDS_MANAGE), new CustomFieldUpdateAction(s.customFields()))
                .add("custom-fields-delete", Access.permission(FIELDS_MANAGE), new CustomFieldsDeleteAction(s.customFields()))
                .add("acl-field-info", Access.selfOr(USERS_READ), new AclFieldInfoAction(s.aclFields()))
                .add("acl-field-list", Access.LOGGED_IN, new AclFieldListAction(s.aclFields(), lists))
                .add("acl-field-update", Access.permission(FIELDS_MANAGE), new AclFieldUpdateAction(s.aclFields()))
                .add("permissions-info", Access.permission(PERMISSIONS_MANAGE),
                        new PermissionsInfoAction(s.permissions(), lists))
                .add("permissions-update", Access.permission(PERMISSIONS_MANAGE), new PermissionsUpdateAction(s.permissions()))
                .add("permissions-reset", Access.permission(PERMISSIONS_MANAGE), new PermissionsResetAction(s.permissions()))
                .add("role-create", Access.permission(ROLES_CREATE), new RoleCreateAction(s.roles()))
                .add("role-info", Access.permission(ROLES_READ), new RoleInfoAction(s.roles()))
                .add("role-update", Access.permission(ROLES_UPDATE), new RoleUpdateAction(s.roles()))
                .add("role-list", Access.permission(ROLES_LIST), new RoleListAction(s.roles(), lists))
                .add("role-delete", Access.permission(ROLES_DELETE), new RoleDeleteAction(s.roles()))
                .add("permission-list", Access.permission(ROLES_READ), new PermissionListAction(s.roles()))
                .add("user-permissions", Access.selfOr(USERS_READ), new UserPermissionsAction(s.users()))
                .add("user-roles", Access.selfOr(USERS_READ), new UserRolesAction(s.users()))
                .add("user-roles-update", Access.permission(USERS_UPDATE), new UserRolesUpdateAction(s.users()))
                .add("user-tenants-update", Access.permission(USERS_UPDATE), new UserTenantsUpdateAction(s.users()))
                .add("user-rank-update", Access.permission(USERS_UPDATE), new UserRankUpdateAction(s.lifecycle()))
                .add("guest-promote", Access.permission(USERS_UPDATE), new GuestPromoteAction(s.lifecycle()))
                .add("update-principal-type", Access.permission(USERS_UPDATE), new UpdatePrincipalTypeAction(s.lifecycle()))
                .add("user-suspension-toggle", Access.permission(USERS_UPDATE),
                        new UserSuspensionToggleAction(s.lifecycle()))
                .add("user-computer-usernames-update", Access.permission(USERS_UPDATE),
                        new UserComputerUsernamesUpdateAction(s.org()))
                .add("user-smartcards-info", Access.selfOr(USERS_UPDATE), new UserSmartcardsInfoAction(s.org()))
                .add("user-smartcards-update", Access.permission(USERS_UPDATE), new UserSmartcardsUpdateAction(s.org()))
                .add("user-remove", Access.permission(USERS_DELETE), new UserRemoveAction(s.org(), s.lifecycle()))
                .add("policy-update", Access.permission(USERS_UPDATE), new PolicyUpdateAction(s.memberships()))
                .add("policy-membership-update", Access.permission(USERS_UPDATE),
                        new PolicyMembershipUpdateAction(s.memberships()))
                // Mirrors of the JSON API, with the permissions of /resources/iam.
                .add("principal-modern-info", Access.selfOr(PRINCIPALS_READ), new PrincipalModernInfoAction(s.iam()))
                .add("principal-suspend", Access.permission(PRINCIPALS_WRITE),
                        new PrincipalSuspensionAction(s.iam(), IamService::suspend))
                .add("principal-reactivate", Access.permission(PRINCIPALS_WRITE),
                        new PrincipalSuspensionAction(s.iam(), IamService::reactivate))
                .add("principal-password-reset", Access.permission(PRINCIPALS_WRITE),
                        new PrincipalPasswordResetAction(s.iam(), s.accountMail()))
                .add("principal-roles-update", Access.permission(PRINCIPALS_WRITE), new PrincipalRolesUpdateAction(s.iam()))
                .add("principal-acl-update", Access.permission(PRINCIPALS_WRITE), new PrincipalAclUpdateAction(s.iam()))
                .add("principal-access-update", Access.permission(PRINCIPALS_WRITE),
                        new PrincipalAccessUpdateAction(s.iam()))
                .add("session-list", Access.selfOr(PRINCIPALS_READ), new SessionListAction(s.iam(), lists))
                .add("session-revoke", Access.selfOr(PRINCIPALS_WRITE), new SessionRevokeAction(s.iam()))
                .add("principal-deactivate", Access.ownerOr(USERS_DELETE), new PrincipalDeactivateAction(s.clientUsers()))
                .add("client-create", Access.permission(CLIENTS_MANAGE), new ClientCreateAction(s.clients()))
                .add("client-rotate", Access.permission(CLIENTS_MANAGE), new ClientRotateAction(s.clients()))
                .add("client-revoke", Access.permission(CLIENTS_MANAGE), new ClientRevokeAction(s.clients()))
                .add("client-roles-update", Access.permission(CLIENTS_MANAGE), new ClientRolesUpdateAction(s.clients()))
                .add("client-list", Access.permission(CLIENTS_READ), new ClientListAction(s.clients(), lists))
                .add("client-token", Access.ANYONE, new ClientTokenAction(s.clients()))
                .add("account-policy-info", Access.LOGGED_IN, new AccountPolicyInfoAction(s.policies()))
                .add("account-policy-update", Access.permission(POLICIES_MANAGE),
                        new AccountPolicyUpdateAction(s.policies()))
                .build();
    }
}
