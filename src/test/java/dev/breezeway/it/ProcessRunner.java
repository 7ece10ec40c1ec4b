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
    private final Thread pump;

    ProcessRunner(List<String> command, Path workDir, Map<String, String> env) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true);
        pb.environment().keySet().removeIf(k -> k.startsWith("BREEZEWAY_"));
        pb.environment().putAll(env);
        process = pb.start();
        pump = new Thread(() -> {
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

    /** The process and the processes it started that are still running. */
    List<ProcessHandle> processTree() {
        List<ProcessHandle> tree = new java.util.ArrayList<>();
        tree.add(process.toHandle());
        process.descendants().forEach(tree::add);
        return tree;
    }

    /**
     * Asks the process to stop (SIGTERM, as an init system would) and waits up to {@code timeout} for it
     * to exit, keeping what it prints meanwhile; returns its exit code. Throws if it had to be killed.
     */
    int stop(Duration timeout) throws InterruptedException {
        // ProcessHandle.destroy() sends the same SIGTERM as Process.destroy(), which also closes the pipe
        // from the process at once: what the process prints while it stops would be lost.
        process.toHandle().destroy();
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            throw new AssertionError("the process did not stop within " + timeout + " of SIGTERM:\n"
                    + String.join("\n", lines));
        }
        return process.exitValue();
    }

    /** Waits (briefly) until the output pump has read everything the exited process wrote. */
    void drainOutput(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (pump.isAlive() && System.nanoTime() < deadline) {
            pump.join(50);
        }
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
