package de.dos2030.iot.collector.gateways;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A private instance of the dev services' two brokers ({@code scripts/dev-services.sh} with its own
 * state directory and ports, no InfluxDB, no PostgreSQL): tests that reload Mosquitto or depend on
 * how the script configures it get their own, and leave the shared one alone.
 */
public final class PrivateBroker implements AutoCloseable {
    static final Path ROOT = Path.of("").toAbsolutePath().getParent();

    public final Path state;
    public final int anonymousPort;
    public final int authPort;

    public PrivateBroker() throws Exception {
        state = Files.createTempDirectory("private-broker");
        anonymousPort = freePort();
        authPort = freePort();
        if (script("start") != 0) {
            throw new IllegalStateException("scripts/dev-services.sh start failed for " + state);
        }
    }

    /** What the collector needs to write this broker's files and reload it. */
    public Map<String, Object> collectorProperties(String clientId) {
        return Map.of(
                "collector.mqtt.enabled",
                true,
                "collector.mqtt.url",
                "tcp://127.0.0.1:" + authPort,
                "collector.mqtt.username",
                "collector",
                "collector.mqtt.password",
                "collector-dev-secret",
                "collector.mqtt.client-id",
                clientId,
                "collector.mqtt.share-group",
                clientId,
                "collector.mosquitto.passwd-file",
                state.resolve("mosquitto/passwd").toString(),
                "collector.mosquitto.acl-file",
                state.resolve("mosquitto/acl").toString(),
                "collector.mosquitto.reload-command",
                "DOS_DEV_SERVICES_DIR=" + state + " " + ROOT.resolve("scripts/dev-services.sh") + " reload");
    }

    private int script(String command) throws IOException, InterruptedException {
        ProcessBuilder pb =
                new ProcessBuilder(ROOT.resolve("scripts/dev-services.sh").toString(), command).inheritIO();
        pb.environment()
                .putAll(Map.of(
                        "DOS_DEV_SERVICES_DIR", state.toString(),
                        "DOS_MQTT_PORT", String.valueOf(anonymousPort),
                        "DOS_MQTT_AUTH_PORT", String.valueOf(authPort),
                        "DOS_INFLUX_PORT", "none",
                        "DOS_PG_PORT", "none"));
        Process p = pb.start();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return -1;
        }
        return p.exitValue();
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Override
    public void close() throws Exception {
        script("stop");
        try (var files = Files.walk(state)) {
            files.sorted(java.util.Comparator.reverseOrder())
                    .forEach(f -> f.toFile().delete());
        }
    }
}
