package dev.breezeway.it;

import static dev.breezeway.support.Xml.status;
import static dev.breezeway.support.Xml.xpath;
import static org.assertj.core.api.Assertions.assertThat;

import dev.breezeway.support.BreezeClient;
import dev.breezeway.support.TestDatabase;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * target/breezeway.war deployed with jetty-base/ into a stock Jetty 12 home, as the README says: the
 * ini's settings apply (the port it names, 64 KiB headers, no {@code Server} header) and a SIGTERM
 * stops it cleanly (no exception, nothing left running).
 */
class WarDeployIT {
    private static final String INI_PORT_LINE = "jetty.http.port=8080";

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
        // The port comes from the ini, as the README says (8080 there): the copy names a free one instead,
        // so that the test proves the ini's port applies without needing 8080 on this machine.
        Path ini = base.resolve("start.d").resolve("breezeway.ini");
        String iniText = Files.readString(ini);
        assertThat(iniText.lines()).contains(INI_PORT_LINE);
        int port = freePort();
        Files.writeString(ini, iniText.replace(INI_PORT_LINE, "jetty.http.port=" + port));

        String url = TestDatabase.get().newDatabase();
        Map<String, String> env = Map.of(
                "BREEZEWAY_DB_URL", url,
                "BREEZEWAY_DB_USER", TestDatabase.get().user(),
                "BREEZEWAY_DB_PASSWORD", TestDatabase.get().password(),
                "BREEZEWAY_ADMIN_LOGIN", "war@example.com",
                "BREEZEWAY_ADMIN_PASSWORD", "War-Pass-31337");
        List<String> cmd = List.of(ProcessRunner.java(), "-jar", home.resolve("start.jar").toString(),
                "jetty.base=" + base);
        try (ProcessRunner jetty = new ProcessRunner(cmd, base, env)) {
            String listening = jetty.await("Started \\S*ServerConnector@.*\\{[^}]*:(\\d+)\\}", Duration.ofSeconds(120));
            assertThat(listening).as("the port jetty-base/start.d/breezeway.ini names").isEqualTo(String.valueOf(port));
            jetty.await("Started oejs\\.Server@", Duration.ofSeconds(30));
            BreezeClient c = new BreezeClient("http://127.0.0.1:" + port);
            assertThat(c.send(HttpRequest.newBuilder(URI.create(c.baseUrl() + "/healthz"))).status()).isEqualTo(200);
            // The console is in the WAR too, and the root leads to it.
            assertThat(c.rawHttp("GET / HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"))
                    .startsWith("HTTP/1.1 302").containsPattern("(?i)\r\nLocation: (http://localhost)?/admin/\r\n");
            assertThat(c.rawHttp("GET /admin/app.js HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"))
                    .startsWith("HTTP/1.1 200").contains("Content-Security-Policy: default-src 'none'");
            BreezeClient.Reply bad = c.getRaw("login", "login", "war@example.com", "password", "nope");
            assertThat(bad.header("content-type")).containsExactly("text/xml");
            assertThat(status(bad.body())).isEqualTo("no-data");
            c.login("war@example.com", "War-Pass-31337");
            assertThat(xpath(c.call("common-info"), "/results/common/user/login")).isEqualTo("war@example.com");
            String head = c.rawGet("action=login&login=war%40example.com&password=War-Pass-31337");
            assertThat(head).contains("\r\nContent-Type: text/xml\r\n").containsPattern("\r\nSet-Cookie: BREEZESESSION=[^;]+;HttpOnly;path=/;SameSite=Lax\r\n");

            // 64 KiB of request headers (Jetty's default is 8 KiB, over which it answers 431).
            String big = c.rawHttp("GET /healthz HTTP/1.1\r\nHost: localhost\r\nX-Big: " + "b".repeat(40 * 1024)
                    + "\r\nConnection: close\r\n\r\n");
            assertThat(big).startsWith("HTTP/1.1 200 ");
            // No Server (nor X-Powered-By) header, neither from the application nor from Jetty's own replies.
            String notFound = c.rawHttp("GET /no-such-path HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
            for (String reply : List.of(head, big, notFound)) {
                String headers = reply.substring(0, reply.indexOf("\r\n\r\n") + 2).toLowerCase(Locale.ROOT);
                assertThat(headers).doesNotContain("\r\nserver:").doesNotContain("\r\nx-powered-by:");
            }

            // A clean stop: SIGTERM, Jetty stops the webapp, the listener closes everything.
            List<ProcessHandle> tree = jetty.processTree();
            int beforeStop = jetty.output().size();
            jetty.stop(Duration.ofSeconds(60));
            jetty.drainOutput(Duration.ofSeconds(5));
            List<String> lines = jetty.output();
            String output = String.join("\n", lines);
            String stopping = String.join("\n", lines.subList(beforeStop, lines.size()));
            System.out.println("WarDeployIT: Jetty's output while stopping:\n" + stopping);
            assertThat(output).contains("Breezeway started");
            assertThat(stopping).containsPattern("Stopped oeje10w\\.WebAppContext@");
            assertThat(output).as("Jetty's whole output")
                    .doesNotContain("NoClassDefFoundError")
                    .doesNotContain("ClassNotFoundException")
                    .doesNotContainPattern("(?m)^\\s+at [\\w$.]+\\(")
                    .doesNotContainPattern("(?m)^Exception in thread");
            assertThat(stopping).as("Jetty's output while stopping")
                    .doesNotContainPattern("\\bWARN\\b").doesNotContainPattern("\\bERROR\\b");
            assertThat(tree).as("the stopped Jetty and what it started").noneMatch(ProcessHandle::isAlive);
            assertThat(ProcessHandle.allProcesses().filter(WarDeployIT::isMariadb)
                    .filter(h -> commandLine(h).contains(base.toString())).map(WarDeployIT::commandLine))
                    .as("mariadbd processes of this Jetty base").isEmpty();
        }
    }

    private static boolean isMariadb(ProcessHandle h) {
        String cmd = h.info().command().orElse("");
        return h.isAlive() && (cmd.endsWith("mariadbd") || cmd.endsWith("mysqld"));
    }

    private static String commandLine(ProcessHandle h) {
        return h.info().commandLine().orElse(h.info().command().orElse(""));
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
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
