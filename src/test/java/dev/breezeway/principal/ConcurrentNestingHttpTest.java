package dev.breezeway.principal;

import static dev.breezeway.support.Xml.count;
import static org.assertj.core.api.Assertions.assertThat;

import dev.breezeway.support.BreezeClient;
import dev.breezeway.support.Directory;
import dev.breezeway.support.TestServer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Concurrent group-membership-update calls never build a cycle of groups. */
class ConcurrentNestingHttpTest {
    private static TestServer server;
    private static Directory dir;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        dir = new Directory(server);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static String transaction(BreezeClient c, String groupId, String memberId) {
        String body = "<actions mode=\"transaction\">"
                + "<action name=\"principal-list\"><param name=\"filter-rows\">1</param></action>"
                + "<action name=\"group-membership-update\"><param name=\"group-id\">" + groupId + "</param>"
                + "<param name=\"principal-id\">" + memberId + "</param><param name=\"is-member\">true</param></action>"
                + "</actions>";
        return c.post("session=" + c.session().orElseThrow(), "text/xml", body.getBytes(StandardCharsets.UTF_8)).body();
    }

    @Test
    void twoGroupsNestedIntoEachOtherAtOnceNeverFormACycle() throws Exception {
        races((c, g, m) -> c.call("group-membership-update", "group-id", g, "principal-id", m, "is-member", "true"));
    }

    @Test
    void twoBatchesThatReadFirstAndThenNestNeverFormACycle() throws Exception {
        races(ConcurrentNestingHttpTest::transaction);
    }

    private interface Nesting {
        String nest(BreezeClient c, String groupId, String memberId);
    }

    private static void races(Nesting nesting) throws Exception {
        BreezeClient a = dir.admin();
        BreezeClient b = dir.admin();
        BreezeClient reader = dir.admin();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        int cycles = 0;
        try {
            for (int i = 0; i < 20; i++) {
                String g1 = dir.group("race-a-" + i + "-" + System.nanoTime(), "d");
                String g2 = dir.group("race-b-" + i + "-" + System.nanoTime(), "d");
                CyclicBarrier start = new CyclicBarrier(2);
                List<Future<String>> replies = new ArrayList<>();
                replies.add(pool.submit(() -> {
                    start.await();
                    return nesting.nest(a, g1, g2);
                }));
                replies.add(pool.submit(() -> {
                    start.await();
                    return nesting.nest(b, g2, g1);
                }));
                for (Future<String> f : replies) {
                    f.get();
                }
                boolean g2InG1 = count(reader.call("principal-list", "group-id", g1, "filter-is-member", "true"),
                        "//principal[@principal-id='" + g2 + "']") == 1;
                boolean g1InG2 = count(reader.call("principal-list", "group-id", g2, "filter-is-member", "true"),
                        "//principal[@principal-id='" + g1 + "']") == 1;
                if (g2InG1 && g1InG2) {
                    cycles++;
                }
                assertThat(g2InG1 || g1InG2).as("one of the two nestings is applied").isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(cycles).as("races that built a cycle").isZero();
    }
}
