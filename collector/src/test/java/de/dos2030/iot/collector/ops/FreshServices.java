package de.dos2030.iot.collector.ops;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * An empty machine's services: a private copy of the dev services ({@code scripts/dev-services.sh} with its own
 * state directory and free ports), so a fresh InfluxDB and a fresh PostgreSQL cluster with its empty database
 * {@code dos}. Closing stops them and deletes their data.
 */
final class FreshServices implements AutoCloseable {
    static final Path ROOT = Path.of("").toAbsolutePath().getParent();

    final Path state;
    final int influxPort;
    final int influxRpcPort;
    final int pgPort;
    private final int mqttPort;
    private final int mqttAuthPort;

    FreshServices() throws Exception {
        state = Files.createTempDirectory("fresh-services");
        influxPort = freePort();
        influxRpcPort = freePort();
        pgPort = freePort();
        mqttPort = freePort();
        mqttAuthPort = freePort();
        if (script("start") != 0) {
            close();
            throw new IllegalStateException("scripts/dev-services.sh start failed for " + state);
        }
    }

    /** {@link #FreshServices()} for a supplier: unchecked. */
    static FreshServices start() {
        try {
            return new FreshServices();
        } catch (Exception e) {
            throw new IllegalStateException("fresh services did not start: " + e.getMessage(), e);
        }
    }

    String influxUrl() {
        return "http://127.0.0.1:" + influxPort;
    }

    String registryUrl() {
        return "jdbc:postgresql://127.0.0.1:" + pgPort + "/dos";
    }

    private int script(String command) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(
                        ROOT.resolve("scripts/dev-services.sh").toString(), command)
                .redirectErrorStream(true)
                .redirectOutput(state.resolve(command + ".log").toFile());
        pb.environment()
                .putAll(Map.of(
                        "DOS_DEV_SERVICES_DIR", state.toString(),
                        "DOS_INFLUX_PORT", String.valueOf(influxPort),
                        "DOS_INFLUX_RPC_PORT", String.valueOf(influxRpcPort),
                        "DOS_PG_PORT", String.valueOf(pgPort),
                        "DOS_MQTT_PORT", String.valueOf(mqttPort),
                        "DOS_MQTT_AUTH_PORT", String.valueOf(mqttAuthPort)));
        Process p = pb.start();
        if (!p.waitFor(90, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return -1;
        }
        if (p.exitValue() != 0) {
            System.err.println(Files.readString(state.resolve(command + ".log")));
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
        if (!Files.exists(state)) {
            return;
        }
        script("stop");
        // As root, PostgreSQL's data lives outside the state directory, which links to it.
        Path postgres = state.resolve("postgres");
        if (Files.isSymbolicLink(postgres)) {
            delete(postgres.toRealPath());
        }
        delete(state);
    }

    private static void delete(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        }
    }
}
