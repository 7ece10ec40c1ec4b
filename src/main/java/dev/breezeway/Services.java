package dev.breezeway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.breezeway.access.Authorizer;
import dev.breezeway.account.AccountStore;
import dev.breezeway.acl.PermissionService;
import dev.breezeway.auth.AuthService;
import dev.breezeway.client.ClientService;
import dev.breezeway.client.ClientUserService;
import dev.breezeway.config.AppConfig;
import dev.breezeway.field.AclFieldService;
import dev.breezeway.field.CustomFieldService;
import dev.breezeway.iam.IamService;
import dev.breezeway.org.OrgService;
import dev.breezeway.principal.Credentials;
import dev.breezeway.principal.Lifecycle;
import dev.breezeway.principal.Memberships;
import dev.breezeway.principal.PrincipalListService;
import dev.breezeway.principal.PrincipalService;
import dev.breezeway.role.RoleService;
import dev.breezeway.session.SessionService;
import java.time.Clock;

/**
 * Everything {@link App} wires, handed to the two tables ({@link ActionTable}, {@link RouteTable}):
 * the principal core ({@code principals}, {@code lifecycle}, {@code credentials}, {@code memberships}),
 * the {@link Authorizer}, and the faces' own services.
 */
record Services(AppConfig config, Clock clock, ObjectMapper json, JsonNode openApi, Authorizer authorizer,
                AccountStore accounts, SessionService sessions, AuthService auth, PrincipalService principals,
                PrincipalListService principalList, Lifecycle lifecycle, Credentials credentials,
                Memberships memberships, CustomFieldService customFields, AclFieldService aclFields,
                PermissionService permissions, IamService iam, ClientService clients, ClientUserService clientUsers,
                RoleService roles, OrgService org, dev.breezeway.user.UserService users,
                dev.breezeway.principal.Policies policies, dev.breezeway.audit.AuditStore audit,
                dev.breezeway.mail.SendingService sendings, dev.breezeway.mail.MailTemplates mailTemplates,
                dev.breezeway.recovery.AccountMail accountMail, dev.breezeway.recovery.PasswordRecovery recovery,
                dev.breezeway.principal.SignIn signIn, dev.breezeway.auth.HeaderAuth headerAuth,
                dev.breezeway.sso.SsoProviders ssoProviders) {
}
