package dev.breezeway.principal;

import static dev.breezeway.support.Xml.status;
import static dev.breezeway.support.Xml.xpath;
import static org.assertj.core.api.Assertions.assertThat;

import dev.breezeway.support.BreezeClient;
import dev.breezeway.support.JsonClient;
import dev.breezeway.support.TestServer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.xmlunit.builder.Input;
import org.xmlunit.xpath.JAXPXPathEngine;

/**
 * filter-like-name through the name index (principal_ngram: windows of 3 to 5 characters, V008 and
 * V010): still "name contains value", ignoring case, for every term length, and kept right by every
 * write of a name.
 */
class PrincipalNameSearchHttpTest {
    private static TestServer server;
    private static BreezeClient admin;
    private static String marguerite;
    private static String percent;
    private static String snake;
    private static String zoe;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        admin = server.admin();
        marguerite = user("marguerite@search.example", "Marguerite", "Oyelaran-Smith");
        percent = user("percent@search.example", "100%", "Sure");
        snake = user("snake@search.example", "snake_case", "Bot");
        zoe = user("zoe@search.example", "Zoë", "Émile");
        user("hundred@search.example", "100", "Plus");
        user("snakes@search.example", "snakeXcase", "Other");
        user("ananas@search.example", "Anananas", "Nananana");
        user("emoji@search.example", "Emoji", "😀 Fan");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** A user without a password (no Argon2id cost); returns its principal-id. */
    private static String user(String login, String first, String last) {
        String xml = admin.call("principal-update", "login", login, "first-name", first, "last-name", last,
                "type", "user", "has-children", "0");
        assertThat(status(xml)).as(xml).isEqualTo("ok");
        return xpath(xml, "/results/principal/@principal-id");
    }

    private static List<String> like(String term) {
        String xml = admin.call("principal-list", "filter-like-name", term);
        assertThat(status(xml)).as(xml).isEqualTo("ok");
        List<String> out = new ArrayList<>();
        new JAXPXPathEngine().selectNodes("/results/principal-list/principal/@principal-id", Input.fromString(xml).build())
                .forEach(n -> out.add(n.getNodeValue()));
        return out;
    }

    /** What the plain LIKE finds, straight from the table, bypassing the index. */
    private static List<String> likeScan(String term) throws SQLException {
        String pattern = "%" + PrincipalListSql.escapeLike(term) + "%";
        List<String> out = new ArrayList<>();
        try (Connection c = server.jdbc(); PreparedStatement ps = c.prepareStatement("SELECT principal_id FROM principal"
                + " WHERE account_id = 1 AND deleted_at IS NULL AND name LIKE ? ESCAPE '!' ORDER BY principal_id")) {
            ps.setString(1, pattern);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
        }
        return out;
    }

    private static long ngramRows(String principalId) throws SQLException {
        try (Connection c = server.jdbc();
             PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM principal_ngram WHERE principal_id = ?")) {
            ps.setLong(1, Long.parseLong(principalId));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    @Test
    void midWordTermsMatchIgnoringCase() {
        assertThat(like("GUER")).containsExactly(marguerite);
        assertThat(like("rite oye")).containsExactly(marguerite);
        assertThat(like("lAran-sMI")).containsExactly(marguerite);
    }

    @Test
    void percentAndUnderscoreInLongTermsAreLiteral() {
        assertThat(like("0% S")).containsExactly(percent);
        assertThat(like("100%")).containsExactly(percent);
        assertThat(like("e_c")).containsExactly(snake);
        assertThat(like("%%%")).isEmpty();
        assertThat(like("___")).isEmpty();
        assertThat(like("!%!")).isEmpty();
    }

    @Test
    void termsShorterThanATrigramStillMatchEverywhere() {
        assertThat(like("gu")).contains(marguerite);
        assertThat(like("%")).containsExactly(percent);
        assertThat(like("_")).containsExactly(snake);
        assertThat(like("Ë")).contains(zoe, marguerite);
    }

    @Test
    void accentsAndEmojiMatchAsTheLikeDoes() throws SQLException {
        for (String term : List.of("zoe emi", "ZOË", "oë É", "😀 F", "ji 😀", "nanan", "anas N", "Smith", "xcase",
                "e_case", "0 P", "Sure", "nothing-like-this")) {
            assertThat(like(term)).as(term).containsExactlyInAnyOrderElementsOf(likeScan(term));
        }
        assertThat(like("zoe emi")).containsExactly(zoe);
    }

    @Test
    void termsOfThreeToFiveCharactersMatchAsTheLikeDoes() throws SQLException {
        for (String term : List.of("ite", "ite O", "OYEL", "oyela", "e Bot", "as N", "s Nan", "Zoë É", "ÉMILE", "emil",
                "ase O", "Fan", "i 😀 F", "nan", "anana", "0% S", "n-Sm", "no ma")) {
            assertThat(like(term)).as(term).containsExactlyInAnyOrderElementsOf(likeScan(term));
        }
        assertThat(like("ite O")).containsExactly(marguerite);
    }

    @Test
    void longTermsUseSomeTrigramsButTheWholeTermDecides() {
        assertThat(like("Marguerite Oyelaran-Smith")).containsExactly(marguerite);
        assertThat(like("Marguerite Oyelaran-Smitt")).isEmpty();
    }

    @Test
    void renamedUserIsFoundByTheNewNameOnly() throws SQLException {
        String id = user("rename@search.example", "Quentin", "Zanzibar");
        assertThat(like("zanzib")).containsExactly(id);
        String xml = admin.call("principal-update", "principal-id", id, "last-name", "Kowalczyk");
        assertThat(status(xml)).as(xml).isEqualTo("ok");
        assertThat(like("zanzib")).isEmpty();
        assertThat(like("tin Kowal")).containsExactly(id);
        assertThat(ngramRows(id)).isEqualTo(PrincipalNgrams.of("Quentin Kowalczyk").size());
    }

    /**
     * Windows equal under the column's collation share one row ("Abc" and "abc" in "Abc abc Qq"). A rename
     * that drops one spelling and keeps the other deletes that row by primary key and puts it back, so the
     * kept window is still found (V012: windows go by primary key, no foreign key cascades).
     */
    @Test
    void aRenameKeepsAWindowThatTheOldNameHadInTwoSpellings() throws SQLException {
        String id = user("spellings@search.example", "Abc", "abc Qqv");
        assertThat(status(admin.call("principal-update", "principal-id", id, "first-name", "Xyw"))).isEqualTo("ok");
        assertThat(like("abc qqv")).containsExactly(id);
        assertThat(like("xyw ab")).containsExactly(id);
        assertThat(ngramRows(id)).isEqualTo(PrincipalNgrams.of("Xyw abc Qqv").size());
        assertThat(status(admin.call("principal-update", "principal-id", id, "first-name", "Xyw"))).as("a repeat")
                .isEqualTo("ok");
        assertThat(ngramRows(id)).isEqualTo(PrincipalNgrams.of("Xyw abc Qqv").size());
    }

    @Test
    void renamedGroupIsFoundByTheNewNameOnly() {
        String xml = admin.call("principal-update", "name", "Xylophone Club", "description", "d", "type", "group",
                "has-children", "1");
        String id = xpath(xml, "/results/principal/@principal-id");
        assertThat(like("phone c")).containsExactly(id);
        assertThat(status(admin.call("principal-update", "principal-id", id, "name", "Marimba Guild"))).isEqualTo("ok");
        assertThat(like("phone c")).isEmpty();
        assertThat(like("mba gu")).containsExactly(id);
    }

    @Test
    void deletedUserIsNotFoundAndLeavesNoTrigrams() throws SQLException {
        String id = user("deleted@search.example", "Wilhelmina", "Pettigrew");
        assertThat(like("lhelm")).containsExactly(id);
        assertThat(status(admin.call("principals-delete", "principal-id", id))).isEqualTo("ok");
        assertThat(like("lhelm")).isEmpty();
        assertThat(ngramRows(id)).isZero();
    }

    @Test
    void namesWrittenThroughTheJsonApiAreSearchable() throws SQLException {
        JsonClient json = JsonClient.loggedIn(server, TestServer.ADMIN_LOGIN, TestServer.ADMIN_PASSWORD);
        UUID uuid = UUID.randomUUID();
        JsonClient.Reply put = json.put("/resources/iam/principals/" + uuid, "{\"name\":\"Quokka Ferrante\"}", Optional.empty());
        assertThat(put.status()).as(put.raw()).isEqualTo(201);
        List<String> found = like("kka fer");
        assertThat(found).hasSize(1);
        JsonClient.Reply patch = json.patch("/resources/iam/principals/" + uuid, "{\"name\":\"Wombat Ferrante\"}",
                put.etag());
        assertThat(patch.status()).as(patch.raw()).isEqualTo(200);
        assertThat(like("kka fer")).isEmpty();
        assertThat(like("bat fer")).isEqualTo(found);
        assertThat(ngramRows(found.get(0))).isEqualTo(PrincipalNgrams.of("Wombat Ferrante").size());
    }

    @Test
    void listByFieldCombinesTheCustomValueWithTheIndexedName() {
        String field = admin.call("custom-field-update", "object-type", "object-type-principal", "permission-id", "manage",
                "name", "Search Team", "field-type", "text", "is-required", "false", "is-primary", "false");
        String fieldId = xpath(field, "/results/field/@field-id");
        assertThat(status(admin.call("acl-field-update", "acl-id", marguerite, "field-id", fieldId, "value", "Blue",
                "acl-id", zoe, "field-id", fieldId, "value", "Blue"))).isEqualTo("ok");
        String xml = admin.call("principal-list-by-field", "value", "blue", "filter-like-name", "GUER");
        assertThat(xpath(xml, "/results/principal-list/principal/@principal-id")).isEqualTo(marguerite);
        assertThat(xpath(xml, "count(/results/principal-list/principal)")).isEqualTo("1");
    }
}
