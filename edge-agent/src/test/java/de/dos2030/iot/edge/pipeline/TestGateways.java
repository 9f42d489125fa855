package de.dos2030.iot.edge.pipeline;

import de.dos2030.iot.config.ConfigException;
import de.dos2030.iot.config.load.GatewayConfigLoader;
import de.dos2030.iot.config.model.GatewayConfig;
import java.nio.file.Files;
import java.nio.file.Path;

/** Gateway files for tests, written as the technician would, loaded by the real loader. */
public final class TestGateways {

    private TestGateways() {}

    /** A school gateway with the given {@code sensors:} entries (indented by two spaces) and a traffic light and buzzer. */
    public static GatewayConfig school(String sensorsYaml) {
        return load("""
                id: test-school
                site: {id: test-site, kind: school, name: Test school, room: r1}
                uplink:
                  primary: {url: "tcp://127.0.0.1:11883"}
                outbox: {directory: target/outbox-test}
                sensors:
                """ + sensorsYaml + """
                outputs:
                  traffic-light: {green: 17, yellow: 27, red: 22}
                  buzzer: {pin: 13, active: low}
                """);
    }

    /** A bridge gateway with the given {@code sensors:} entries and no outputs. */
    public static GatewayConfig bridge(String sensorsYaml) {
        return load("""
                id: test-bridge
                site: {id: test-bridge-site, kind: bridge, name: Test bridge, span: s1}
                uplink:
                  primary: {url: "tcp://127.0.0.1:11883"}
                outbox: {directory: target/outbox-test}
                sensors:
                """ + sensorsYaml);
    }

    public static GatewayConfig load(String yaml) {
        try {
            return GatewayConfigLoader.loadString(yaml, Path.of(".").toAbsolutePath(), "test.yaml");
        } catch (ConfigException e) {
            throw new AssertionError("test gateway file does not load:\n" + e.getMessage() + "\n" + yaml, e);
        }
    }

    /** A file in firmware-config/examples, found from the working directory upwards. */
    public static Path example(String name) {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            Path candidate = p.resolve("firmware-config/examples").resolve(name);
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        throw new AssertionError("firmware-config/examples/" + name + " not found above "
                + Path.of("").toAbsolutePath());
    }

    /** The repository's shared data folder ({@code ../shared/data} beside the checkout). */
    public static Path sharedData() {
        Path here = Path.of("").toAbsolutePath();
        for (Path p = here; p != null; p = p.getParent()) {
            Path candidate = p.resolve("shared/data");
            if (Files.isDirectory(candidate.resolve("uci-occupancy"))) {
                return candidate;
            }
            Path sibling = p.resolveSibling("shared").resolve("data");
            if (Files.isDirectory(sibling.resolve("uci-occupancy"))) {
                return sibling;
            }
        }
        throw new AssertionError("shared/data not found beside the repository (looked upwards from " + here
                + "): the real-data tests need ../shared/data/uci-occupancy and munich-bridge");
    }
}
