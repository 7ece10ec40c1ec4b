package dev.breezeway.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.breezeway.access.Access;
import dev.breezeway.rest.Router;
import dev.breezeway.support.TestServer;
import dev.breezeway.xml.ActionRegistry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The README's tables say what each XML action and JSON route requires: for every row of the running
 * action table and route table there is a Markdown table row naming it (the action as {@code `name`},
 * the route as {@code `METHOD /path`}) with {@link Access#describe()} of its access as a cell, or as one
 * part of a cell that joins two faces with {@code " · "} (e.g. {@code `clients:manage` · `users:delete`}).
 */
class ReadmeAccessTablesTest {
    private static final Path README = Path.of(System.getProperty("user.dir"), "README.md");
    /** Splits a row into cells on {@code |}, but not on an escaped {@code \|}. */
    private static final Pattern CELL = Pattern.compile("(?<!\\\\)\\|");
    private static TestServer server;
    private static List<Row> rows;

    /** One Markdown table row: the line, and its cells split further on " · ". */
    private record Row(String line, List<String> parts) {
        boolean requires(String describe) {
            return parts.contains(describe);
        }
    }

    @BeforeAll
    static void start() throws IOException {
        server = TestServer.start();
        rows = Files.readAllLines(README, StandardCharsets.UTF_8).stream()
                .filter(l -> l.startsWith("|"))
                .filter(l -> !l.matches("\\|[\\s|:-]*"))
                .map(ReadmeAccessTablesTest::row)
                .toList();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void everyActionHasARowShowingWhatItRequires() {
        var entries = server.app().actions().entries().values();
        assertThat(entries).isNotEmpty();
        List<String> missing = new ArrayList<>();
        for (ActionRegistry.Entry e : entries) {
            String name = "`" + e.name() + "`";
            check(missing, name, l -> l.contains(name), e.access());
        }
        assertThat(missing).as("README.md lacks these action rows (action | requires):\n" + String.join("\n", missing))
                .isEmpty();
    }

    @Test
    void everyRouteHasARowShowingWhatItRequires() {
        List<Router.Route> routes = server.app().router().routes();
        assertThat(routes).isNotEmpty();
        List<String> missing = new ArrayList<>();
        for (Router.Route r : routes) {
            String route = "`" + r.method() + " " + r.template();
            // The path must end there (`GET /resources/clients` is not `GET /resources/clients/{clientId}`),
            // at the closing backtick or before a query string or a space.
            Pattern named = Pattern.compile(Pattern.quote(route) + "(?![A-Za-z0-9_./{}-])");
            check(missing, route + "`", l -> named.matcher(l).find(), r.access());
        }
        assertThat(missing).as("README.md lacks these route rows (route | requires):\n" + String.join("\n", missing))
                .isEmpty();
    }

    /** Adds {@code | name | describe |} to {@code missing} unless a row naming it also shows what it requires. */
    private static void check(List<String> missing, String name, Predicate<String> names, Access access) {
        String describe = access.describe();
        List<Row> naming = rows.stream().filter(r -> names.test(r.line())).toList();
        if (naming.stream().anyMatch(r -> r.requires(describe))) {
            return;
        }
        String found = naming.isEmpty() ? "no row names it"
                : "rows naming it: " + naming.stream().map(Row::line).map(l -> l.length() > 160 ? l.substring(0, 160) + "…" : l)
                        .toList();
        missing.add("| " + name + " | " + describe + " |   (" + found + ")");
    }

    private static Row row(String line) {
        List<String> parts = new ArrayList<>();
        for (String cell : CELL.split(line)) {
            String c = cell.strip();
            parts.add(c);
            Arrays.stream(c.split(" · ")).map(String::strip).forEach(parts::add);
        }
        return new Row(line, parts);
    }
}
