package dev.breezeway.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The audit package is the only writer of {@code audit_event}: every other package records through
 * {@link AuditLog}, so no event can skip the secret filter or the request's face and address.
 */
class AuditOwnershipTest {
    private static final Path MAIN = Path.of(System.getProperty("user.dir"), "src", "main", "java");
    private static final Path AUDIT = MAIN.resolve(Path.of("dev", "breezeway", "audit"));
    private static final Pattern WRITE = Pattern.compile("(insertInto|update|deleteFrom|mergeInto)\\(\\s*AUDIT_EVENT\\b");

    @Test
    void onlyTheAuditPackageWritesAuditEvents() throws IOException {
        List<String> outside = new ArrayList<>();
        long inside = 0;
        try (Stream<Path> s = Files.walk(MAIN)) {
            for (Path f : s.filter(p -> p.toString().endsWith(".java")).toList()) {
                long n = WRITE.matcher(Files.readString(f)).results().count();
                if (f.startsWith(AUDIT)) {
                    inside += n;
                } else if (n > 0) {
                    outside.add(MAIN.relativize(f).toString());
                }
            }
        }
        assertThat(outside).isEmpty();
        assertThat(inside).isGreaterThanOrEqualTo(2);
    }
}
