package dev.breezeway.principal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The principal core ({@code dev.breezeway.principal}) is the only writer of principals, their name
 * windows, memberships and grants: a search of {@code src/main} for jOOQ writes to those tables finds
 * nothing outside it. Also: no file of {@code src/main} is longer than 400 lines.
 */
class PrincipalCoreOwnershipTest {
    private static final Path MAIN = Path.of(System.getProperty("user.dir"), "src", "main", "java");
    private static final Path CORE = MAIN.resolve(Path.of("dev", "breezeway", "principal"));
    private static final Pattern WRITE = Pattern.compile(
            "(insertInto|update|deleteFrom|mergeInto)\\(\\s*(PRINCIPAL|PRINCIPAL_NGRAM|GROUP_MEMBER|POLICY_MEMBER"
                    + "|PRINCIPAL_ROLE|PRINCIPAL_ACL|PRINCIPAL_ATTRIBUTE|PRINCIPAL_TENANT)\\b");

    @Test
    void onlyThePrincipalCoreWritesPrincipalsMembershipsAndGrants() throws IOException {
        List<String> outside = new ArrayList<>();
        for (Path f : sources()) {
            String text = Files.readString(f);
            Matcher m = WRITE.matcher(text);
            while (m.find()) {
                if (!f.startsWith(CORE)) {
                    outside.add(MAIN.relativize(f) + ": " + m.group());
                }
            }
        }
        assertThat(outside).as("jOOQ writes to principal tables outside the principal core").isEmpty();
    }

    @Test
    void theCoreReallyIsWhereTheWritesAre() throws IOException {
        long inside = 0;
        for (Path f : sources()) {
            if (f.startsWith(CORE)) {
                inside += WRITE.matcher(Files.readString(f)).results().count();
            }
        }
        // Guards the search itself: a pattern that matched nothing would pass the test above vacuously.
        assertThat(inside).isGreaterThan(10);
    }

    @Test
    void noMainSourceFileIsLongerThan400Lines() throws IOException {
        List<String> tooLong = new ArrayList<>();
        for (Path f : sources()) {
            long lines = Files.readAllLines(f).size();
            if (lines > 400) {
                tooLong.add(MAIN.relativize(f) + " (" + lines + " lines)");
            }
        }
        assertThat(tooLong).isEmpty();
    }

    private static List<Path> sources() throws IOException {
        try (Stream<Path> s = Files.walk(MAIN)) {
            return s.filter(p -> p.toString().endsWith(".java")).toList();
        }
    }
}
