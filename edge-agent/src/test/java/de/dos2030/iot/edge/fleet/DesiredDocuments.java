package de.dos2030.iot.edge.fleet;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;

/** Desired-state documents as the collector builds them, for tests. */
public final class DesiredDocuments {
    private static final ObjectMapper JSON = new ObjectMapper();

    private DesiredDocuments() {}

    /** {@code {"config": {"version", "yaml"}, "agent": null}} for {@code yaml}. */
    public static byte[] config(String yaml) {
        ObjectNode root = JSON.createObjectNode();
        root.putObject("config").put("version", ConfigVersion.of(yaml)).put("yaml", yaml);
        root.putNull("agent");
        return root.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** A school gateway with one simulated SHT4x; {@code rules} are YAML flow mappings, one per line. */
    public static String school(String brokerUrl, String outbox, String address, String applyWatch, String... rules) {
        StringBuilder r = new StringBuilder(rules.length == 0 ? "    rules: []\n" : "    rules:\n");
        for (String rule : rules) {
            r.append("      - ").append(rule).append('\n');
        }
        return """
                id: rc-gw
                site: {id: rc-site, kind: school, name: Remote config school, room: R1}
                uplink:
                  primary: {url: "%s", ack-timeout: 10s}
                  batching: {max-readings: 50, max-age: 1s}
                outbox: {directory: %s, sync: every-batch}
                sensors:
                  - id: r1-air
                    driver: sht4x
                    source: {kind: simulated, scenario: classroom-unaired, seed: 5}
                    i2c: {address: %s}
                    sample-interval: 1s
                %sfleet: {apply-watch: %s}
                """.formatted(brokerUrl, outbox, address, r, applyWatch);
    }
}
