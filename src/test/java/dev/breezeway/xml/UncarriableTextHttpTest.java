package dev.breezeway.xml;

import static dev.breezeway.support.Xml.count;
import static dev.breezeway.support.Xml.xpath;
import static org.assertj.core.api.Assertions.assertThat;

import dev.breezeway.support.BreezeClient;
import dev.breezeway.support.Directory;
import dev.breezeway.support.JsonClient;
import dev.breezeway.support.TestServer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Text XML 1.0 cannot carry is refused on every face, and never breaks an XML answer once stored. */
class UncarriableTextHttpTest {
    private static TestServer server;
    private static Directory dir;
    private static BreezeClient xml;
    private static JsonClient json;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        dir = new Directory(server);
        xml = dir.admin();
        json = JsonClient.loggedIn(server, TestServer.ADMIN_LOGIN, TestServer.ADMIN_PASSWORD);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void aControlCharacterInAJsonNameIsValidationFailedAndNothingIsStored() {
        UUID id = UUID.randomUUID();
        JsonClient.Reply r = json.put("/resources/iam/principals/" + id,
                "{\"properties\":{\"name\":\"Bell\\u0007Ringer\",\"email\":\"bell@example.com\"}}", Optional.empty());
        assertThat(r.status()).as(r.raw()).isEqualTo(400);
        assertThat(r.errorCode()).isEqualTo("VALIDATION_FAILED");
        assertThat(json.get("/resources/iam/principals/" + id).status()).isEqualTo(404);
    }

    @Test
    void uFffeInASeedUserNameIsValidationFailed() {
        JsonClient.Reply r = json.post("/auth/users", "{\"firstName\":\"Non\\uFFFEchar\",\"lastName\":\"Doe\","
                + "\"userName\":\"nonchar@example.com\",\"password\":\"Non-Char-Pass-42\",\"temporaryPassword\":false,"
                + "\"roles\":[],\"tenants\":[]}");
        assertThat(r.status()).as(r.raw()).isEqualTo(400);
        assertThat(r.errorCode()).isEqualTo("VALIDATION_FAILED");
        assertThat(count(xml.call("principal-list", "filter-login", "nonchar@example.com"), "//principal")).isZero();
    }

    @Test
    void aControlCharacterAlreadyStoredIsShownAsAReplacementAndTheListStaysParseable() throws Exception {
        String id = dir.user("stored-bad@example.com", "Stored", "Bad");
        try (Connection c = server.jdbc();
             PreparedStatement ps = c.prepareStatement("update principal set name = ? where principal_id = ?")) {
            ps.setString(1, "Stored\u0001Bad\uFFFE");
            ps.setLong(2, Long.parseLong(id));
            assertThat(ps.executeUpdate()).isEqualTo(1);
        }
        String list = xml.call("principal-list", "filter-principal-id", id);
        assertThat(xpath(list, "/results/principal-list/principal/name")).isEqualTo("Stored\uFFFDBad\uFFFD");
    }
}
