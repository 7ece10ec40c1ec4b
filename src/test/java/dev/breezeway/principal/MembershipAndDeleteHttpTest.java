package dev.breezeway.principal;

import static dev.breezeway.support.Xml.assertSimilar;
import static dev.breezeway.support.Xml.count;
import static dev.breezeway.support.Xml.status;
import static org.assertj.core.api.Assertions.assertThat;

import dev.breezeway.support.BreezeClient;
import dev.breezeway.support.Directory;
import dev.breezeway.support.TestServer;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** group-membership-update and principals-delete: trios, nesting, cycles, idempotency, what deletion keeps. */
class MembershipAndDeleteHttpTest {
    private static final String OK = "<results><status code=\"ok\"/></results>";
    private static TestServer server;
    private static Directory dir;
    private static BreezeClient admin;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        dir = new Directory(server);
        admin = dir.admin();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static int memberships(String groupId) throws Exception {
        try (Statement s = server.jdbc().createStatement();
             ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM group_member WHERE group_id = " + Long.parseLong(groupId))) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private static boolean isMember(String group, String principal) {
        return count(admin.call("principal-list", "group-id", group, "filter-is-member", "true", "filter-principal-id", principal),
                "/results/principal-list/principal") == 1;
    }

    @Test
    void addAndRemoveAMember() {
        String g = dir.group("Addremove", "");
        String u = dir.user("ar@example.com", "A", "R");
        assertSimilar(OK, admin.call("group-membership-update", "group-id", g, "principal-id", u, "is-member", "true"));
        assertThat(isMember(g, u)).isTrue();
        assertSimilar(OK, admin.call("group-membership-update", "group-id", g, "principal-id", u, "is-member", "false"));
        assertThat(isMember(g, u)).isFalse();
    }

    @Test
    void repeatedAddAndRemoveChangeNothingMore() throws Exception {
        String g = dir.group("Idem", "");
        String u = dir.user("idem@example.com", "I", "D");
        admin.call("group-membership-update", "group-id", g, "principal-id", u, "is-member", "true");
        assertSimilar(OK, admin.call("group-membership-update", "group-id", g, "principal-id", u, "is-member", "true"));
        assertThat(memberships(g)).isEqualTo(1);
        admin.call("group-membership-update", "group-id", g, "principal-id", u, "is-member", "false");
        assertSimilar(OK, admin.call("group-membership-update", "group-id", g, "principal-id", u, "is-member", "false"));
        assertThat(memberships(g)).isZero();
    }

    @Test
    void severalTriosInOneCall() throws Exception {
        String g = dir.group("Trios", "");
        String a = dir.user("t1@example.com", "T", "One");
        String b = dir.user("t2@example.com", "T", "Two");
        assertSimilar(OK, admin.call("group-membership-update", "group-id", g, "principal-id", a, "is-member", "true",
                "group-id", g, "principal-id", b, "is-member", "1"));
        assertThat(memberships(g)).isEqualTo(2);
    }

    @Test
    void groupsNestAndCyclesAreRefused() throws Exception {
        String outer = dir.group("Outer", "");
        String inner = dir.group("Inner", "");
        String innermost = dir.group("Innermost", "");
        assertSimilar(OK, admin.call("group-membership-update", "group-id", outer, "principal-id", inner, "is-member", "true"));
        assertSimilar(OK, admin.call("group-membership-update", "group-id", inner, "principal-id", innermost, "is-member", "true"));
        assertSimilar("""
                <results><status code="invalid"><invalid field="principal-id" type="id" subcode="illegal-operation"/></status></results>""",
                admin.call("group-membership-update", "group-id", innermost, "principal-id", outer, "is-member", "true"));
        assertThat(memberships(innermost)).isZero();
        assertSimilar("""
                <results><status code="invalid"><invalid field="principal-id" type="id" subcode="illegal-operation"/></status></results>""",
                admin.call("group-membership-update", "group-id", outer, "principal-id", outer, "is-member", "true"));
    }

    @Test
    void oneBadTrioWritesNothing() throws Exception {
        String g = dir.group("Atomic", "");
        String u = dir.user("atomic@example.com", "A", "T");
        String xml = admin.call("group-membership-update", "group-id", g, "principal-id", u, "is-member", "true",
                "group-id", g, "principal-id", "99999999", "is-member", "true");
        assertSimilar("""
                <results><status code="invalid"><invalid field="principal-id" type="id" subcode="no-such-item"/></status></results>""", xml);
        assertThat(memberships(g)).isZero();
    }

    @Test
    void aUserIsNotAGroup() {
        String u = dir.user("notgroup@example.com", "N", "G");
        String v = dir.user("notgroup2@example.com", "N", "G2");
        assertSimilar("""
                <results><status code="invalid"><invalid field="group-id" type="id" subcode="illegal-operation"/></status></results>""",
                admin.call("group-membership-update", "group-id", u, "principal-id", v, "is-member", "true"));
    }

    @Test
    void incompleteTriosAreMissing() {
        String g = dir.group("Incomplete", "");
        assertSimilar("""
                <results><status code="invalid">
                  <invalid field="principal-id" type="id" subcode="missing"/>
                  <invalid field="is-member" type="boolean" subcode="missing"/>
                </status></results>""", admin.call("group-membership-update", "group-id", g));
    }

    @Test
    void builtInGroupsTakeMembersAndAdminsMembershipMakesAnAdministrator() {
        BreezeClient user = dir.plainUser("promoted@example.com");
        String userId = dir.admin().call("principal-list", "filter-login", "promoted@example.com")
                .replaceAll("(?s).*principal-id=\"(\\d+)\".*", "$1");
        assertThat(status(user.call("principal-update", "name", "P", "type", "group", "has-children", "1"))).isEqualTo("no-access");
        admin.call("group-membership-update", "group-id", dir.builtIn("admins"), "principal-id", userId, "is-member", "true");
        assertThat(status(user.call("principal-update", "name", "Promoted group", "type", "group", "has-children", "1")))
                .isEqualTo("ok");
    }

    @Test
    void membershipThroughANestedGroupInAdminsAlsoCounts() {
        BreezeClient user = dir.plainUser("nested-admin@example.com");
        String userId = admin.call("principal-list", "filter-login", "nested-admin@example.com")
                .replaceAll("(?s).*principal-id=\"(\\d+)\".*", "$1");
        String ops = dir.group("Ops", "");
        dir.addMember(ops, userId);
        dir.addMember(dir.builtIn("admins"), ops);
        assertThat(status(user.call("principal-update", "name", "Ops child", "type", "group", "has-children", "1"))).isEqualTo("ok");
    }

    @Test
    void deletingAUserRemovesItFromItsGroups() throws Exception {
        String g = dir.group("Leavers", "");
        String u = dir.user("leaver@example.com", "L", "V");
        dir.addMember(g, u);
        assertSimilar(OK, admin.call("principals-delete", "principal-id", u));
        assertThat(memberships(g)).isZero();
        assertSimilar("<results><status code=\"no-data\"/></results>", admin.call("principal-info", "principal-id", u));
    }

    @Test
    void deletingAGroupKeepsItsMembers() {
        String g = dir.group("Doomed", "");
        String u = dir.user("survivor@example.com", "S", "V");
        dir.addMember(g, u);
        assertSimilar(OK, admin.call("principals-delete", "principal-id", g));
        assertThat(status(admin.call("principal-info", "principal-id", u))).isEqualTo("ok");
    }

    @Test
    void severalIdsAtOnceAndRepeatingTheDeleteIsOk() {
        String a = dir.user("del1@example.com", "D", "One");
        String b = dir.user("del2@example.com", "D", "Two");
        assertSimilar(OK, admin.call("principals-delete", "principal-id", a, "principal-id", b));
        assertSimilar(OK, admin.call("principals-delete", "principal-id", a, "principal-id", b));
        assertThat(count(admin.call("principal-list", "filter-principal-id", a, "filter-principal-id", b),
                "/results/principal-list/principal")).isZero();
    }

    @Test
    void builtInGroupsAndYourselfCannotBeDeleted() {
        String adminId = admin.call("principal-list", "filter-login", TestServer.ADMIN_LOGIN)
                .replaceAll("(?s).*principal-id=\"(\\d+)\".*", "$1");
        assertSimilar("""
                <results><status code="invalid"><invalid field="principal-id" type="id" subcode="illegal-operation"/></status></results>""",
                admin.call("principals-delete", "principal-id", dir.builtIn("authors")));
        assertSimilar("""
                <results><status code="invalid"><invalid field="principal-id" type="id" subcode="illegal-operation"/></status></results>""",
                admin.call("principals-delete", "principal-id", adminId));
    }

    @Test
    void deleteNeedsAnId() {
        assertSimilar("""
                <results><status code="invalid"><invalid field="principal-id" type="id" subcode="missing"/></status></results>""",
                admin.call("principals-delete"));
    }

    @Test
    void plainUsersMayNotChangeMembershipOrDelete() {
        BreezeClient user = dir.plainUser("meddler@example.com");
        String g = dir.group("Guarded", "");
        assertSimilar("<results><status code=\"no-access\" subcode=\"denied\"/></results>",
                user.call("group-membership-update", "group-id", g, "principal-id", g, "is-member", "true"));
        assertSimilar("<results><status code=\"no-access\" subcode=\"denied\"/></results>",
                user.call("principals-delete", "principal-id", g));
        assertSimilar("<results><status code=\"no-access\" subcode=\"no-login\"/></results>",
                server.client().call("principals-delete", "principal-id", g));
    }
}
