package dev.breezeway.xml.model;

import java.util.List;

/** Every JAXB class the XML face writes as a payload, for the one {@code XmlWriter}'s context. */
public final class XmlModels {
    /** The payload classes; a new payload class is added here. */
    public static final List<Class<?>> ALL = List.of(
            CommonXml.class,
            ContactXml.class,
            ManagerXml.class,
            PreferencesXml.class,
            PrincipalXml.class,
            CreatedPrincipalXml.class,
            UsersXml.class,
            CustomFieldXml.class,
            CustomFieldsXml.class,
            AclFieldsXml.class,
            AclFieldListXml.class,
            PermissionsXml.class,
            PermissionXml.class,
            RoleXml.class,
            RoleListXml.class,
            PermissionNamesXml.class,
            UserRolesXml.class,
            SmartcardsXml.class,
            PolicyXml.class,
            PrincipalModernXml.class,
            SessionsXml.class,
            TemporaryPasswordXml.class,
            ClientXml.class,
            ClientListXml.class,
            ClientTokenXml.class,
            AccountPolicyXml.class,
            ShortcutsXml.class,
            ReportBulkUsersXml.class,
            UpdatePrincipalTypeXml.class,
            LoginLocksXml.class,
            AuditEventsXml.class,
            SendingsXml.class,
            SendingsXml.Sending.class,
            MailTemplateXml.class,
            HeaderAuthXml.class,
            SsoProviderXml.class,
            SsoProvidersXml.class);

    private XmlModels() {
    }
}
