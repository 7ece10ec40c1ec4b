package dev.breezeway.iam;

import static org.assertj.core.api.Assertions.assertThat;

import dev.breezeway.support.JsonClient;
import dev.breezeway.support.TestServer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * totalCount of GET /resources/iam/principals: a cursor page reuses the total counted for the same
 * filter in the last 10 seconds, so one walk through the pages sees one total; a first page reuses it
 * only while nothing was written through the server since. A row written behind the server's back (raw
 * SQL here, another node in production) shows within the 10 seconds.
 */
class IamListTotalCountHttpTest {
    private static TestServer server;
    private static JsonClient admin;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        admin = JsonClient.loggedIn(server, TestServer.ADMIN_LOGIN, TestServer.ADMIN_PASSWORD);
        for (int i = 0; i < 5; i++) {
            create("Counted Person " + i);
        }
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static void create(String name) {
        JsonClient.Reply r = admin.put("/resources/iam/principals/" + UUID.randomUUID(), "{\"name\":\"" + name + "\"}",
                Optional.empty());
        assertThat(r.status()).as(r.raw()).isEqualTo(201);
    }

    private static int total(JsonClient.Reply r) {
        assertThat(r.status()).as(r.raw()).isEqualTo(200);
        return r.body().get("totalCount").asInt();
    }

    @Test
    void cursorPagesOfOneWalkShowTheFirstPagesTotalAndFirstPagesCountAgain() {
        JsonClient.Reply first = admin.get("/resources/iam/principals?limit=2&search=counted+person");
        assertThat(total(first)).isEqualTo(5);
        create("Counted Person 5");
        String after = first.body().get("lastCursor").asText();
        assertThat(total(admin.get("/resources/iam/principals?limit=2&search=counted+person&after=" + after))).isEqualTo(5);
        assertThat(total(admin.get("/resources/iam/principals?limit=2&search=counted+person"))).isEqualTo(6);
    }

    @Test
    void cursorPageCountsAgainOnceTheTotalIsOlderThanTenSeconds() {
        JsonClient.Reply first = admin.get("/resources/iam/principals?limit=2&search=counted+late");
        assertThat(total(first)).isZero();
        create("Counted Late");
        JsonClient.Reply page = admin.get("/resources/iam/principals?limit=2&search=counted");
        String after = page.body().get("principals").get(0).get("id").asText();
        assertThat(total(admin.get("/resources/iam/principals?limit=2&search=counted+late&after=" + after))).isZero();
        server.clock().advance(Duration.ofSeconds(11));
        assertThat(total(admin.get("/resources/iam/principals?limit=2&search=counted+late&after=" + after))).isEqualTo(1);
    }

    @Test
    void aFirstPageReusesItsTotalUntilSomethingIsWrittenThroughTheServer() throws Exception {
        assertThat(total(admin.get("/resources/iam/principals?limit=2&search=reused+total"))).isZero();
        insertBehindTheServersBack("Reused Total Raw");
        assertThat(total(admin.get("/resources/iam/principals?limit=2&search=reused+total")))
                .as("nothing was written through the server").isZero();
        create("Reused Total Person");
        assertThat(total(admin.get("/resources/iam/principals?limit=2&search=reused+total"))).isEqualTo(2);
    }

    @Test
    void aFirstPageCountsAgainAfterTenSecondsWhateverWasWritten() throws Exception {
        assertThat(total(admin.get("/resources/iam/principals?limit=2&search=other+node"))).isZero();
        insertBehindTheServersBack("Other Node Person");
        server.clock().advance(Duration.ofSeconds(11));
        assertThat(total(admin.get("/resources/iam/principals?limit=2&search=other+node"))).isEqualTo(1);
    }

    /** A person written by raw SQL, as another node would: this server's write counter does not see it. */
    private static void insertBehindTheServersBack(String name) throws Exception {
        try (Connection c = server.jdbc(); PreparedStatement ps = c.prepareStatement("INSERT INTO principal"
                + " (uuid, account_id, type, name) VALUES (UNHEX(REPLACE(UUID(), '-', '')), 1, 'user', ?)")) {
            ps.setString(1, name);
            assertThat(ps.executeUpdate()).isEqualTo(1);
        }
    }
}
