package de.dos2030.iot.edge.runtime;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/**
 * The packaged agent ({@code target/edge-agent.jar}, built by {@code package} before failsafe
 * runs) as a child process, with its log lines collected, so a test can kill it for real.
 */
final class AgentProcess implements AutoCloseable {
    static final Path JAR = Path.of(System.getProperty("edge.agent.jar", "target/edge-agent.jar"));

    private final Process process;
    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final Thread reader;

    AgentProcess(Path config, String... jvmFlags) throws IOException {
        if (!Files.exists(JAR)) {
            throw new IllegalStateException(
                    JAR.toAbsolutePath() + " is missing: run through 'mvn verify' (package comes first)");
        }
        List<String> cmd = new ArrayList<>();
        cmd.add(ProcessHandle.current().info().command().orElse("java"));
        cmd.addAll(List.of(jvmFlags));
        cmd.addAll(List.of("-jar", JAR.toString(), "run", "--config", config.toString(), "--health-interval", "3600"));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().put("EDGE_LOG_LEVEL", "DEBUG");
        process = pb.start();
        reader = new Thread(
                () -> {
                    try (BufferedReader r = new BufferedReader(
                            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                        for (String line = r.readLine(); line != null; line = r.readLine()) {
                            lines.add(line);
                        }
                    } catch (IOException e) {
                        lines.add("reader: " + e);
                    }
                },
                "agent-log");
        reader.setDaemon(true);
        reader.start();
    }

    List<String> lines(Predicate<String> filter) {
        return lines.stream().filter(filter).toList();
    }

    String log() {
        return String.join("\n", lines);
    }

    void awaitLine(Predicate<String> filter, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (lines(filter).isEmpty()) {
            if (System.nanoTime() > deadline
                    || !process.isAlive() && lines(filter).isEmpty()) {
                if (!process.isAlive()) {
                    Thread.sleep(200);
                    if (!lines(filter).isEmpty()) {
                        return;
                    }
                }
                throw new AssertionError("agent did not log the expected line within " + timeout + ":\n" + log());
            }
            Thread.sleep(20);
        }
    }

    /** SIGKILL: no shutdown hook, no flush. */
    void kill9() throws InterruptedException {
        signal("KILL");
        process.waitFor();
        reader.join(5_000);
    }

    /** SIGTERM: the graceful path. Returns the exit code. */
    int terminate(Duration timeout) throws InterruptedException {
        signal("TERM");
        if (!process.waitFor(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
            process.destroyForcibly().waitFor();
            throw new AssertionError("agent did not stop within " + timeout + " after SIGTERM:\n" + log());
        }
        reader.join(5_000); // the last lines may still be in the pipe
        return process.exitValue();
    }

    /** Through kill(1): Process.destroy() would also close the pipe and lose the last log lines. */
    private void signal(String name) throws InterruptedException {
        try {
            new ProcessBuilder("kill", "-" + name, Long.toString(process.pid()))
                    .inheritIO()
                    .start()
                    .waitFor();
        } catch (IOException e) {
            throw new IllegalStateException("cannot run kill -" + name, e);
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill9();
        }
    }
}
