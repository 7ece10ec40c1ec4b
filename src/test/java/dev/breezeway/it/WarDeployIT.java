package dev.breezeway.it;

import static dev.breezeway.support.Xml.status;
import static dev.breezeway.support.Xml.xpath;
import static org.assertj.core.api.Assertions.assertThat;

import dev.breezeway.support.BreezeClient;
import dev.breezeway.support.TestDatabase;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** target/breezeway.war deployed with jetty-base/ into a stock Jetty 12 home, as the README says. */
class WarDeployIT {

    @Test
    void warDeploysIntoStockJettyWithTheRepositoryJettyBase() throws Exception {
        Path home = Path.of(System.getProperty("jetty.home"));
        Path template = Path.of(System.getProperty("jetty.base.template"));
        Path war = Path.of(System.getProperty("breezeway.war"));
        assertThat(home.resolve("start.jar")).exists();
        assertThat(war).exists();

        Path base = Path.of("target", "it-jetty-base").toAbsolutePath();
        deleteRecursively(base);
        copyRecursively(template, base);
        Files.copy(war, base.resolve("webapps").resolve("breezeway.war"), StandardCopyOption.REPLACE_EXISTING);

        String url = TestDatabase.get().newDatabase();
        Map<String, String> env = Map.of(
                "BREEZEWAY_DB_URL", url,
                "BREEZEWAY_DB_USER", TestDatabase.get().user(),
                "BREEZEWAY_DB_PASSWORD", TestDatabase.get().password(),
                "BREEZEWAY_ADMIN_LOGIN", "war@example.com",
                "BREEZEWAY_ADMIN_PASSWORD", "War-Pass-31337");
        List<String> cmd = List.of(ProcessRunner.java(), "-jar", home.resolve("start.jar").toString(),
                "jetty.base=" + base, "jetty.http.port=0");
        try (ProcessRunner jetty = new ProcessRunner(cmd, base, env)) {
            String port = jetty.await("Started \\S*ServerConnector@.*\\{[^}]*:(\\d+)\\}", Duration.ofSeconds(120));
            BreezeClient c = new BreezeClient("http://127.0.0.1:" + port);
            assertThat(c.send(HttpRequest.newBuilder(URI.create(c.baseUrl() + "/healthz"))).status()).isEqualTo(200);
            BreezeClient.Reply bad = c.getRaw("login", "login", "war@example.com", "password", "nope");
            assertThat(bad.header("content-type")).containsExactly("text/xml");
            assertThat(status(bad.body())).isEqualTo("no-data");
            c.login("war@example.com", "War-Pass-31337");
            assertThat(xpath(c.call("common-info"), "/results/common/user/login")).isEqualTo("war@example.com");
            String head = c.rawGet("action=login&login=war%40example.com&password=War-Pass-31337");
            assertThat(head).contains("\r\nContent-Type: text/xml\r\n").containsPattern("\r\nSet-Cookie: BREEZESESSION=[^;]+;HttpOnly;path=/;SameSite=Lax\r\n");
        }
    }

    private static void copyRecursively(Path from, Path to) throws IOException {
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) s.sorted(Comparator.reverseOrder())::iterator) {
                Files.delete(p);
            }
        }
    }
}
