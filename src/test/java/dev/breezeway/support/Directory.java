package dev.breezeway.support;

import static dev.breezeway.support.Xml.status;
import static dev.breezeway.support.Xml.xpath;
import static org.assertj.core.api.Assertions.assertThat;

/** Creates users and groups through the XML API as an administrator, for test set-up. */
public final class Directory {
    public static final String USER_PASSWORD = "User-Pass-5150";
    private final TestServer server;
    private final BreezeClient admin;

    public Directory(TestServer server) {
        this.server = server;
        this.admin = server.admin();
    }

    public BreezeClient admin() {
        return admin;
    }

    /** Creates a user with {@link #USER_PASSWORD} and returns its principal-id. */
    public String user(String login, String first, String last) {
        String xml = admin.call("principal-update", "login", login, "first-name", first, "last-name", last,
                "email", login, "password", USER_PASSWORD, "type", "user", "has-children", "0");
        assertThat(status(xml)).as(xml).isEqualTo("ok");
        return xpath(xml, "/results/principal/@principal-id");
    }

    public String group(String name, String description) {
        String xml = admin.call("principal-update", "name", name, "description", description, "type", "group",
                "has-children", "1");
        assertThat(status(xml)).as(xml).isEqualTo("ok");
        return xpath(xml, "/results/principal/@principal-id");
    }

    public void addMember(String groupId, String principalId) {
        String xml = admin.call("group-membership-update", "group-id", groupId, "principal-id", principalId,
                "is-member", "true");
        assertThat(status(xml)).as(xml).isEqualTo("ok");
    }

    /** The principal-id of the account's built-in group of {@code type}. */
    public String builtIn(String type) {
        return xpath(admin.call("principal-list", "filter-type", type), "/results/principal-list/principal/@principal-id");
    }

    /** A client logged in as a new plain (non-admin) user. */
    public BreezeClient plainUser(String login) {
        user(login, "Plain", "User");
        BreezeClient c = server.client();
        c.login(login, USER_PASSWORD);
        return c;
    }
}
