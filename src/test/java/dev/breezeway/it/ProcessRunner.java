package dev.breezeway.it;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A child JVM (the packaged jar or a stock Jetty) whose combined output tests wait on. */
final class ProcessRunner implements AutoCloseable {
    private final Process process;
    private final List<String> lines = new CopyOnWriteArrayList<>();

    ProcessRunner(List<String> command, Path workDir, Map<String, String> env) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true);
        pb.environment().keySet().removeIf(k -> k.startsWith("BREEZEWAY_"));
        pb.environment().putAll(env);
        process = pb.start();
        Thread pump = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    lines.add(line);
                }
            } catch (IOException e) {
                lines.add("<<output closed: " + e + ">>");
            }
        }, "process-output");
        pump.setDaemon(true);
        pump.start();
    }

    /** Waits for an output line matching {@code regex} and returns its first group. */
    String await(String regex, Duration timeout) throws InterruptedException {
        Pattern p = Pattern.compile(regex);
        long deadline = System.nanoTime() + timeout.toNanos();
        int seen = 0;
        while (System.nanoTime() < deadline) {
            for (; seen < lines.size(); seen++) {
                Matcher m = p.matcher(lines.get(seen));
                if (m.find()) {
                    return m.groupCount() > 0 ? m.group(1) : m.group();
                }
            }
            if (!process.isAlive() && seen >= lines.size()) {
                throw new AssertionError("process exited with " + process.exitValue() + " before printing /" + regex
                        + "/:\n" + String.join("\n", lines));
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no /" + regex + "/ within " + timeout + ":\n" + String.join("\n", lines));
    }

    /** The child process, e.g. to signal it ({@code destroy()} is SIGTERM) or wait for its exit. */
    Process process() {
        return process;
    }

    List<String> output() {
        return lines;
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
