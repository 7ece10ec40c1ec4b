package dev.breezeway.iam;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.breezeway.support.JsonClient;
import dev.breezeway.support.TestServer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** GET /resources/iam/principals: keyset pages, search, role filters and orders. */
class IamListHttpTest {
    private static final int N = 10_000;
    private static TestServer server;
    private static JsonClient admin;

    @BeforeAll
    static void start() throws Exception {
        // The detail cache off: a page's rows must be read from the database (aPageShowsEachPrincipalAsItsOwnGetDoes).
        server = TestServer.start(Map.of("BREEZEWAY_DETAIL_CACHE_ENTRIES", "0"));
        admin = JsonClient.loggedIn(server, TestServer.ADMIN_LOGIN, TestServer.ADMIN_PASSWORD);
        insert(0, N, "bulk");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** Inserts users bulk{from..to} with names spread over the alphabet, straight into the database. */
    private static void insert(int from, int to, String prefix) throws Exception {
        try (Connection c = server.jdbc(); PreparedStatement ps = c.prepareStatement(
                "INSERT INTO principal (uuid, account_id, type, login, name, email) VALUES (UNHEX(REPLACE(UUID(),'-','')),"
                        + " 1, 'user', ?, ?, ?)")) {
            for (int i = from; i < to; i++) {
                String email = prefix + i + "@list.example";
                ps.setString(1, email);
                ps.setString(2, (char) ('a' + (i * 7919) % 26) + "-" + prefix + "-" + (i * 31 % 1000) + "-" + i);
                ps.setString(3, email);
                ps.addBatch();
                if (i % 1000 == 999) {
                    ps.executeBatch();
                }
            }
            ps.executeBatch();
        }
    }

    /** A page shows each principal exactly as GET by id does: roles, ACL entries and attributes in their order. */
    @Test
    void aPageShowsEachPrincipalAsItsOwnGetDoes() {
        List<String> ids = new ArrayList<>();
        for (String who : List.of("zz-kids-one", "zz-kids-two", "zz-kids-three")) {
            String id = UUID.randomUUID().toString();
            JsonClient.Reply made = admin.put("/resources/iam/principals/" + id, "{\"name\":\"" + who + "\","
                    + "\"email\":\"" + who + "@list.example\",\"roles\":[\"iam:viewer\",\"iam:editor\"],"
                    + "\"acl\":[\"orders:write\",\"orders:read\",\"billing:read\"],"
                    + "\"accessAttributes\":{\"region\":[\"west\",\"east\"],\"channelKey\":[\"STORE-NYC\"]}}",
                    Optional.empty());
            assertThat(made.status()).as(made.raw()).isEqualTo(201);
            ids.add(id);
        }
        // the second one with nothing of its own
        JsonClient.Reply bare = admin.put("/resources/iam/principals/" + ids.get(1) + "/roles", "{\"roles\":[]}",
                admin.get("/resources/iam/principals/" + ids.get(1)).etag());
        assertThat(bare.status()).as(bare.raw()).isEqualTo(200);
        JsonNode page = admin.get("/resources/iam/principals?search=zz-kids&limit=10").body();
        assertThat(page.path("principals").size()).isEqualTo(3);
        for (JsonNode item : page.path("principals")) {
            JsonNode own = admin.get("/resources/iam/principals/" + item.path("id").asText()).body();
            assertThat(item).isEqualTo(own);
        }
        JsonNode first = admin.get("/resources/iam/principals/" + ids.get(0)).body();
        assertThat(first.path("roles").toString()).isEqualTo("[\"iam:editor\",\"iam:viewer\"]");
        assertThat(first.path("accessAttributes").toString())
                .isEqualTo("{\"channelKey\":[\"STORE-NYC\"],\"region\":[\"east\",\"west\"]}");
    }

    @Test
    void keysetPagesVisitEveryRowExactlyOnceWhileRowsAreInserted() throws Exception {
        Map<String, Integer> seen = new HashMap<>();
        String after = null;
        int pages = 0;
        int inserted = 0;
        while (true) {
            JsonClient.Reply r = admin.get("/resources/iam/principals?limit=100&search=-bulk-"
                    + (after == null ? "" : "&after=" + after));
            assertThat(r.status()).as(r.raw()).isEqualTo(200);
            JsonNode items = r.body().get("principals");
            if (items.isEmpty()) {
                break;
            }
            for (JsonNode p : items) {
                seen.merge(p.get("email").asText(), 1, Integer::sum);
            }
            after = r.body().get("lastCursor").asText();
            pages++;
            insert(N + inserted, N + inserted + 7, "bulk");
            inserted += 7;
        }
        for (int i = 0; i < N; i++) {
            assertThat(seen.get("bulk" + i + "@list.example")).as("bulk%d", i).isEqualTo(1);
        }
        assertThat(seen.values()).allMatch(v -> v == 1);
        assertThat(pages).isGreaterThanOrEqualTo(N / 100);
    }

    @Test
    void pagesAreOrderedByNameAndBeforeGoesBack() {
        JsonClient.Reply first = admin.get("/resources/iam/principals?limit=20&search=-bulk-");
        JsonClient.Reply second = admin.get("/resources/iam/principals?limit=20&search=-bulk-&after="
                + first.body().get("lastCursor").asText());
        List<String> names = new ArrayList<>();
        first.body().get("principals").forEach(p -> names.add(p.get("name").asText()));
        second.body().get("principals").forEach(p -> names.add(p.get("name").asText()));
        assertThat(names).isSorted();
        JsonClient.Reply back = admin.get("/resources/iam/principals?limit=20&search=-bulk-&before="
                + second.body().get("firstCursor").asText());
        assertThat(back.body().get("principals").toString()).isEqualTo(first.body().get("principals").toString());
        assertThat(first.body().get("totalCount").asInt()).isGreaterThanOrEqualTo(N);
    }

    @Test
    void descendingOrderByEmailFollowsTheDatabaseCollation() throws Exception {
        JsonClient.Reply r = admin.get("/resources/iam/principals?limit=50&search=%40list.example&orderBy=email%20desc");
        JsonClient.Reply next = admin.get("/resources/iam/principals?limit=50&search=%40list.example&orderBy=email+desc&after="
                + r.body().get("lastCursor").asText());
        List<String> emails = new ArrayList<>();
        r.body().get("principals").forEach(p -> emails.add(p.get("email").asText()));
        next.body().get("principals").forEach(p -> emails.add(p.get("email").asText()));
        List<String> expected = new ArrayList<>();
        try (Connection c = server.jdbc(); var s = c.createStatement(); var rs = s.executeQuery(
                "SELECT email FROM principal WHERE email LIKE '%@list.example' ORDER BY email DESC, principal_id DESC LIMIT 100")) {
            while (rs.next()) {
                expected.add(rs.getString(1));
            }
        }
        assertThat(emails).isEqualTo(expected);
    }

    @Test
    void roleFiltersAnyOfSingleAndPrefix() {
        UUID a = UUID.randomUUID();
        UUID b = UUID.randomUUID();
        admin.put("/resources/iam/principals/" + a, "{\"name\":\"Role A\",\"roles\":[\"system:portal:full\"]}", Optional.empty());
        admin.put("/resources/iam/principals/" + b, "{\"name\":\"Role B\",\"roles\":[\"support:agent\"]}", Optional.empty());
        assertThat(ids(admin.get("/resources/iam/principals?roles=system:portal:full&roles=support:agent")))
                .containsExactlyInAnyOrder(a.toString(), b.toString());
        assertThat(ids(admin.get("/resources/iam/principals?role=support:agent"))).containsExactly(b.toString());
        assertThat(ids(admin.get("/resources/iam/principals?rolePrefix=system:portal:"))).containsExactly(a.toString());
        assertThat(ids(admin.get("/resources/iam/principals?rolePrefix=system:&search=role+a&orderBy=name+asc")))
                .containsExactly(a.toString());
    }

    @Test
    void searchIsCaseInsensitiveOnNameOrEmail() {
        assertThat(admin.get("/resources/iam/principals?search=BULK42%40LIST").body().get("totalCount").asInt()).isEqualTo(1);
    }

    @Test
    void badParametersAre400() {
        JsonClient.Reply limit = admin.get("/resources/iam/principals?limit=101");
        assertThat(limit.status()).isEqualTo(400);
        assertThat(limit.errorCode()).isEqualTo("VALIDATION_FAILED");
        assertThat(admin.get("/resources/iam/principals?orderBy=shoeSize").status()).isEqualTo(400);
        assertThat(admin.get("/resources/iam/principals?after=not-a-uuid").status()).isEqualTo(400);
    }

    private static Set<String> ids(JsonClient.Reply r) {
        Set<String> out = new HashSet<>();
        r.body().get("principals").forEach(p -> out.add(p.get("id").asText()));
        return out;
    }
}
