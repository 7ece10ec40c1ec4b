package dev.breezeway.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bench/src} is compiled by {@code bench/*.sh}, not by Maven, so a change of the server's API
 * (a constructor, a method signature) would break the benchmark unseen until its next run. This compiles
 * it against the test classpath. (It cannot see a wrong cast at run time, as BenchServer's was once the
 * start-up gate came in front of the servlet context: only a bench run shows that.)
 */
class BenchSourcesCompileTest {

    @Test
    void theBenchmarkSourcesCompileAgainstTheServer(@TempDir Path out) throws IOException {
        List<String> sources;
        try (Stream<Path> files = Files.walk(Path.of("bench", "src"))) {
            sources = files.filter(f -> f.toString().endsWith(".java")).map(Path::toString).toList();
        }
        assertThat(sources).isNotEmpty();
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        List<String> args = new ArrayList<>(List.of("-nowarn", "-proc:none", "-d", out.toString(),
                "-cp", System.getProperty("java.class.path")));
        args.addAll(sources);
        StringWriter errors = new StringWriter();
        int rc = javac.run(null, null, new java.io.PrintStream(new java.io.OutputStream() {
            @Override
            public void write(int b) {
                errors.write(b);
            }
        }), args.toArray(String[]::new));
        assertThat(rc).as(errors.toString()).isZero();
    }
}
