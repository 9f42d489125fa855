package de.dos2030.iot.model.devservices;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A newcomer clones into a directory only its owner may enter (root's home, a {@code mktemp -d}):
 * {@code scripts/dev-services.sh} still starts all three services there, on private ports, and the
 * authenticated Mosquitto listener and PostgreSQL answer. As root this is the case that used to fail:
 * Mosquitto dropped to user "mosquitto" and PostgreSQL runs as "postgres", neither of whom could reach it.
 */
class DevServicesPrivateCheckoutIT {
    private static final Path SCRIPT = Path.of("..", "scripts", "dev-services.sh");

    private Path checkout;
    private final Map<String, String> ports = new HashMap<>();

    @BeforeEach
    void cloneIntoAPrivateDirectory() throws IOException {
        Path home = Files.createTempDirectory(
                "private-home", PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        checkout = Files.createDirectories(home.resolve("dos-iot/scripts")).getParent();
        Files.copy(SCRIPT, checkout.resolve("scripts/dev-services.sh"));
        checkout.resolve("scripts/dev-services.sh").toFile().setExecutable(true);
        for (String name : List.of(
                "DOS_INFLUX_PORT", "DOS_INFLUX_RPC_PORT", "DOS_MQTT_PORT", "DOS_MQTT_AUTH_PORT", "DOS_PG_PORT")) {
            ports.put(name, String.valueOf(freePort()));
        }
    }

    @AfterEach
    void stopTheServicesAndRemoveTheirState() throws Exception {
        script("stop");
        Path postgres = checkout.resolve(".dev-services/postgres");
        List<String> remove =
                new ArrayList<>(List.of("rm", "-rf", checkout.getParent().toString()));
        if (Files.isSymbolicLink(postgres)) {
            remove.add(postgres.toRealPath().toString());
        }
        run(remove.toArray(String[]::new));
    }

    @Test
    void startsEveryServiceFromACheckoutNoOtherUserCanEnter() throws Exception {
        assertThat(script("start")).as("dev-services.sh start").isZero();
        assertThat(script("status")).as("dev-services.sh status").isZero();

        assertThat(run(
                        "mosquitto_pub",
                        "-h",
                        "127.0.0.1",
                        "-p",
                        ports.get("DOS_MQTT_AUTH_PORT"),
                        "-u",
                        "collector",
                        "-P",
                        "collector-dev-secret",
                        "-t",
                        "dev-check/private",
                        "-m",
                        "up",
                        "-q",
                        "1"))
                .as("publish on the password+ACL listener")
                .isZero();
        assertThat(run("curl", "-sf", "http://127.0.0.1:" + ports.get("DOS_INFLUX_PORT") + "/ping"))
                .as("InfluxDB ping")
                .isZero();
        assertThat(run("pg_isready", "-h", "127.0.0.1", "-p", ports.get("DOS_PG_PORT")))
                .as("PostgreSQL ready")
                .isZero();

        assertThat(script("stop")).isZero();
        assertThat(script("status")).as("nothing left running").isNotZero();
    }

    private int script(String command) throws IOException, InterruptedException {
        ProcessBuilder builder =
                new ProcessBuilder(checkout.resolve("scripts/dev-services.sh").toString(), command).inheritIO();
        builder.environment().putAll(ports);
        // Its own state: a DOS_DEV_SERVICES_DIR inherited from the build (set to reach the running services from a
        // worktree) would make this test find, and then stop, those services.
        builder.environment().remove("DOS_DEV_SERVICES_DIR");
        Process p = builder.start();
        assertThat(p.waitFor(120, TimeUnit.SECONDS))
                .as("dev-services.sh " + command)
                .isTrue();
        return p.exitValue();
    }

    private static int run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).inheritIO().start();
        assertThat(p.waitFor(20, TimeUnit.SECONDS))
                .as(String.join(" ", command))
                .isTrue();
        return p.exitValue();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
