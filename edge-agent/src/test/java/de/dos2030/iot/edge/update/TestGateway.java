package de.dos2030.iot.edge.update;

import com.sun.net.httpserver.HttpServer;
import de.dos2030.iot.model.FleetChange;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A gateway's agent directory with 0.1.0 installed in slot a, a real HTTP server standing in for the collector's
 * release download (bearer token checked), the operator's key pair, and the real launch-agent.sh with a fake
 * {@code java} that logs which jar it started.
 */
final class TestGateway implements AutoCloseable {
    static final Path LAUNCHER = Path.of("src/main/dist/launch-agent.sh").toAbsolutePath();
    static final String TOKEN = "gw-token-0123456789";

    final Path root;
    final Path slots;
    final Path publicKey;
    final KeyPair operator = ReleaseKeys.generate();
    final HttpServer server;
    final Map<String, byte[]> releases = new ConcurrentHashMap<>();
    final AtomicInteger downloads = new AtomicInteger();
    final List<FleetChange> outcomes = new ArrayList<>();
    final AtomicInteger restarts = new AtomicInteger();
    Instant now = Instant.parse("2026-12-05T10:00:00Z");

    TestGateway(Path root) throws IOException {
        this.root = root;
        this.slots = Files.createDirectories(root.resolve("agent"));
        Files.createDirectories(slots.resolve("a"));
        Files.writeString(slots.resolve("a/edge-agent.jar"), jarText("0.1.0"));
        Files.writeString(slots.resolve("a/VERSION"), "0.1.0\n");
        Files.createSymbolicLink(slots.resolve("current"), Path.of("a"));
        this.publicKey = root.resolve("release-key.pub");
        ReleaseKeys.writePublic(publicKey, operator.getPublic());
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/api/v1/releases/", exchange -> {
            downloads.incrementAndGet();
            String version = exchange.getRequestURI().getPath().split("/")[4];
            byte[] body = releases.get(version);
            int status =
                    !("Bearer " + TOKEN).equals(exchange.getRequestHeaders().getFirst("Authorization"))
                            ? 401
                            : body == null ? 404 : 200;
            byte[] answer = status == 200 ? body : "{\"error\":\"no\"}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, answer.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(answer);
            }
        });
        server.start();
    }

    /** The text of a test "jar": recognisable in the fake java's log, large enough to be copied in pieces. */
    static String jarText(String version) {
        return "agent-" + version + " " + "x".repeat(300_000) + "\n";
    }

    URI collector() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** Publishes a release; returns {version, sha256, signature, url} as the desired state names it. */
    String[] publish(String version) throws IOException {
        byte[] jar = jarText(version).getBytes(StandardCharsets.UTF_8);
        releases.put(version, jar);
        byte[] sha = ReleaseKeys.sha256(Files.write(root.resolve("signing.tmp"), jar));
        return new String[] {
            version,
            ReleaseKeys.hex(sha),
            ReleaseKeys.sign(operator.getPrivate(), sha),
            "/api/v1/releases/" + version + "/edge-agent.jar"
        };
    }

    AgentUpdater updater(String runningVersion) {
        return new AgentUpdater(
                collector(),
                Optional.of(TOKEN),
                publicKey,
                slots,
                Duration.ofMinutes(5),
                Clock.fixed(now, ZoneOffset.UTC),
                runningVersion,
                outcomes::add,
                restarts::incrementAndGet,
                Duration.ofSeconds(20));
    }

    String current() throws IOException {
        return Files.readSymbolicLink(slots.resolve("current")).toString();
    }

    /** What a start through the launcher ran. */
    record Start(int exit, String ran, String stderr) {}

    /** Runs launch-agent.sh at this time; the fake java exits with {@code javaExit}. */
    Start launch(Instant at, int javaExit) throws Exception {
        Path fakeJava = root.resolve("fake-java");
        if (!Files.exists(fakeJava)) {
            Files.writeString(fakeJava, """
                    #!/usr/bin/env bash
                    while [ $# -gt 0 ]; do if [ "$1" = -jar ]; then jar=$2; shift 2; break; fi; shift; done
                    printf '%s %s\\n' "$(head -c 11 "$jar")" "$*" > "$FAKE_LOG"
                    exit "$FAKE_EXIT"
                    """);
            fakeJava.toFile().setExecutable(true);
        }
        Path log = root.resolve("java.log");
        Files.deleteIfExists(log);
        ProcessBuilder pb = new ProcessBuilder("bash", LAUNCHER.toString(), "run", "--config", "/etc/gw.yaml");
        pb.environment().put("DOS_AGENT_DIR", slots.toString());
        pb.environment().put("DOS_JAVA", fakeJava.toString());
        pb.environment().put("DOS_NOW", Long.toString(at.getEpochSecond()));
        pb.environment().put("FAKE_LOG", log.toString());
        pb.environment().put("FAKE_EXIT", Integer.toString(javaExit));
        pb.redirectOutput(ProcessBuilder.Redirect.DISCARD);
        Process p = pb.start();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("launcher hung");
        }
        return new Start(
                p.exitValue(), Files.exists(log) ? Files.readString(log).trim() : "", err);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
